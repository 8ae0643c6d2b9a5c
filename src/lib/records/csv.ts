/**
 * CSV of project records (RFC 4180, CRLF), columns derived from the field registry.
 * Cells a spreadsheet would run as a formula (= + - @, tab, CR first, also after leading
 * spaces or line breaks, which spreadsheets skip) get a leading apostrophe: the export is
 * opened in Excel by people who did not write the data.
 */
import { FIELDS, type Contact, type ProjectRecord } from './fields';
import { kindOf } from './kinds';

/** A record as published: contacts already reduced to the public ones. */
export type CsvRecord = Omit<ProjectRecord, 'contacts'> & { contacts: Omit<Contact, 'public'>[] };

export interface CsvColumn<T> {
	name: string;
	value(row: T): string | number | null;
}

export { LIST_SEPARATOR } from './kinds';

export function csvCell(value: string | number | null): string {
	if (value === null) return '';
	if (typeof value === 'number') return String(value);
	const safe = /^(\s*[=+\-@]|[\t\r])/.test(value) ? `'${value}` : value;
	return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: (string | number | null)[]): string {
	return `${cells.map(csvCell).join(',')}\r\n`;
}

/** One column per public field, as its kind lays it out (an amount is two: value and currency). */
export function recordColumns(): CsvColumn<CsvRecord>[] {
	const published = FIELDS.filter((f) => f.public || f.kind === 'contacts');
	return published.flatMap((def) =>
		kindOf(def).csv.map((spec): CsvColumn<CsvRecord> => ({ name: `${def.key}${spec.suffix}`, value: (r) => spec.cell(r[def.key]) }))
	);
}
