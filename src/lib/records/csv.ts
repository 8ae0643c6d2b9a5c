/**
 * CSV of project records (RFC 4180, CRLF), columns derived from the field registry.
 * Cells a spreadsheet would run as a formula (= + - @, tab, CR first, also after leading
 * spaces or line breaks, which spreadsheets skip) get a leading apostrophe: the export is
 * opened in Excel by people who did not write the data.
 */
import { FIELDS, type Contact, type ProjectRecord } from './fields';

/** A record as published: contacts already reduced to the public ones. */
export type CsvRecord = Omit<ProjectRecord, 'contacts'> & { contacts: Omit<Contact, 'public'>[] };

export interface CsvColumn<T> {
	name: string;
	value(row: T): string | number | null;
}

export const LIST_SEPARATOR = '; ';

export function csvCell(value: string | number | null): string {
	if (value === null) return '';
	if (typeof value === 'number') return String(value);
	const safe = /^(\s*[=+\-@]|[\t\r])/.test(value) ? `'${value}` : value;
	return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: (string | number | null)[]): string {
	return `${cells.map(csvCell).join(',')}\r\n`;
}

function contactText(c: CsvRecord['contacts'][number]): string {
	return [c.name, c.role, c.organisation, c.email, c.phone].filter(Boolean).join(', ');
}

/** One column per public field; an amount is two (value and currency) so both stay machine-readable. */
export function recordColumns(): CsvColumn<CsvRecord>[] {
	const published = FIELDS.filter((f) => f.public || f.kind === 'contacts');
	return published.flatMap((def): CsvColumn<CsvRecord>[] => {
		const key = def.key;
		switch (def.kind) {
			case 'money':
				return [
					{ name: key, value: (r) => (r[key] as CsvRecord['amount'])?.value ?? null },
					{ name: `${key}Currency`, value: (r) => (r[key] as CsvRecord['amount'])?.currency ?? null }
				];
			case 'list':
				return [{ name: key, value: (r) => (r[key] as string[]).join(LIST_SEPARATOR) }];
			case 'contacts':
				return [{ name: key, value: (r) => r.contacts.map(contactText).join(LIST_SEPARATOR) }];
			default:
				return [{ name: key, value: (r) => r[key] as string | number | null }];
		}
	});
}
