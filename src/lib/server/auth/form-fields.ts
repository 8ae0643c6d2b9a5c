/**
 * Reading the text fields of a posted form, refusing what no honest form sends: the one
 * way every form action reads its form.
 */
import type { FormProblem } from '../../i18n/form-messages';

export const MAX_FIELD_BYTES = 1024;

export type Fields<K extends string> = Record<K, string>;

export interface ReadOptions<K extends string, L extends string> {
	/** Fields that may be longer than 1 KB (a comment, a reason), with their own limit in bytes. */
	maxBytes?: Partial<Record<K, number>>;
	/** Fields sent many times (ticked checkboxes), read as lists of at most `maxItems` values. */
	lists?: readonly L[];
	maxItems?: number;
}

/**
 * The named fields, '' where absent. `problem` is set (answer 400, worded by formProblemText) when the body is
 * not a form, a field is a file, a field holds U+0000 (PostgreSQL's text cannot store it; no
 * honest form sends it), or a field is over its limit (1 KB unless the form says otherwise): no
 * name, address or password is that long, and a limit keeps hashing and logging cheap.
 */
export async function readFields<K extends string, L extends string = never>(
	request: Request,
	names: readonly K[],
	options: ReadOptions<K, L> = {}
): Promise<{ fields: Fields<K>; lists: Record<L, string[]>; problem: FormProblem | null }> {
	const fields = Object.fromEntries(names.map((n) => [n, ''])) as Fields<K>;
	const lists = Object.fromEntries((options.lists ?? []).map((n) => [n, []])) as unknown as Record<L, string[]>;
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		return { fields, lists, problem: { key: 'unreadable' } };
	}
	for (const name of names) {
		const value = form.get(name);
		if (value === null) continue;
		if (typeof value !== 'string') return { fields, lists, problem: { key: 'notText', field: name } };
		const max = options.maxBytes?.[name] ?? MAX_FIELD_BYTES;
		if (Buffer.byteLength(value) > max) return { fields, lists, problem: { key: 'tooLong', field: name, max } };
		if (value.includes('\0')) return { fields, lists, problem: { key: 'nul', field: name } };
		fields[name] = value;
	}
	for (const name of options.lists ?? []) {
		const values = form.getAll(name);
		if (values.length > (options.maxItems ?? 100)) {
			return { fields, lists, problem: { key: 'tooMany', field: name, max: options.maxItems ?? 100 } };
		}
		for (const value of values) {
			if (typeof value !== 'string') return { fields, lists, problem: { key: 'notText', field: name } };
			if (Buffer.byteLength(value) > MAX_FIELD_BYTES)
				return { fields, lists, problem: { key: 'tooLong', field: name, max: MAX_FIELD_BYTES } };
			if (value.includes('\0')) return { fields, lists, problem: { key: 'nul', field: name } };
		}
		lists[name] = [...new Set(values as string[])];
	}
	return { fields, lists, problem: null };
}
