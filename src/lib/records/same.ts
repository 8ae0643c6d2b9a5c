/** Equality of record values by content. Pure. */
import type { ProjectRecord } from './fields';

/** Key order is not meaning: JSON read back from SQLite and a record built from a live document compare by content. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
	}
	return JSON.stringify(value ?? null);
}

export function sameValue(a: unknown, b: unknown): boolean {
	return canonical(a) === canonical(b);
}

export function sameRecord(a: ProjectRecord, b: ProjectRecord): boolean {
	return sameValue(a, b);
}
