/**
 * PostgreSQL's text and jsonb cannot hold U+0000 (SQLite can), and a client may send it: in a
 * field typed over the sync socket, in a file's name. Where such a value is kept in a row it goes
 * without the character, on both dialects alike; what a person types into a form is refused
 * instead (auth/form-fields.ts).
 */
export const withoutNul = <T>(value: T): T =>
	(typeof value === 'string'
		? value.replaceAll('\0', '')
		: Array.isArray(value)
			? value.map(withoutNul)
			: value && typeof value === 'object'
				? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutNul(v)]))
				: value) as T;
