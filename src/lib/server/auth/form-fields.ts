/** Reading the text fields of a posted form, refusing what no honest form sends. */
export const MAX_FIELD_BYTES = 1024;

export type Fields<K extends string> = Record<K, string>;

/**
 * The named fields, '' where absent. `problem` is set (answer 400) when the body is
 * not a form, a field is a file, or a field is over 1 KB: no name, address or
 * password is that long, and a limit keeps hashing and logging cheap.
 */
export async function readFields<K extends string>(
	request: Request,
	names: readonly K[]
): Promise<{ fields: Fields<K>; problem: string | null }> {
	const fields = Object.fromEntries(names.map((n) => [n, ''])) as Fields<K>;
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		return { fields, problem: 'The form could not be read; reload the page and try again.' };
	}
	for (const name of names) {
		const value = form.get(name);
		if (value === null) continue;
		if (typeof value !== 'string') return { fields, problem: `The field "${name}" must be text.` };
		if (Buffer.byteLength(value) > MAX_FIELD_BYTES) {
			return { fields, problem: `The field "${name}" is too long (at most ${MAX_FIELD_BYTES} bytes).` };
		}
		fields[name] = value;
	}
	return { fields, problem: null };
}
