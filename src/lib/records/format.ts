/** How field values read on a page. Pure, shared by the workspace and the public view. */
import type { Contact, FieldDef, Money, ProjectRecord } from './fields';

export function formatMoney(m: Money, locale = 'en'): string {
	return `${m.value.toLocaleString(locale)} ${m.currency}`;
}

function formatContact(c: Contact): string {
	return [c.name, c.role, c.organisation, c.phone, c.email].filter(Boolean).join(', ');
}

/** Each value of a field as display strings: one for a single value, one per element for lists, none when empty. */
export function displayValues(def: FieldDef, record: ProjectRecord, locale = 'en'): string[] {
	const v = record[def.key];
	if (v === null || v === undefined || v === '') return [];
	switch (def.kind) {
		case 'money':
			return [formatMoney(v as Money, locale)];
		case 'rate':
			return [`${Math.round((v as number) * 1000) / 10} %`];
		case 'count':
			return [(v as number).toLocaleString(locale)];
		case 'list':
			return v as string[];
		case 'contacts':
			return (v as Contact[]).map(formatContact);
		default:
			return [String(v)];
	}
}
