/**
 * What the public may see of an approved record. Fields the registry marks non-public
 * are blanked; contacts are personal data and kept only when an approver marked that
 * contact public, and then without the flag itself.
 */
import { FIELDS, type Contact, type FieldKey, type ProjectRecord } from './fields';

export type PublicContact = Omit<Contact, 'public'>;
export type PublicRecord = Omit<ProjectRecord, 'contacts'> & { contacts: PublicContact[] };

/** A quoted passage of a source document that a public value came from. */
export interface PublicQuote {
	field: FieldKey;
	/** Position in a list field; null for single values. */
	index: number | null;
	snippet: string;
}

export interface PublicSource {
	title: string;
	url: string | null;
	quotes: PublicQuote[];
}

export function publicContacts(contacts: Contact[]): PublicContact[] {
	return contacts
		.filter((c) => c.public === true)
		.map(({ name, role, organisation, email, phone }) => ({ name, role, organisation, email, phone }));
}

export function publicRecord(record: ProjectRecord): PublicRecord {
	// Built from the registry, not copied, so keys a stored version carries beyond it never leak.
	const out: Partial<Record<FieldKey, unknown>> = {};
	for (const def of FIELDS) {
		const empty = def.kind === 'list' ? [] : null;
		if (def.kind === 'contacts') out[def.key] = publicContacts(record.contacts ?? []);
		else out[def.key] = def.public ? (record[def.key] ?? empty) : empty;
	}
	return out as PublicRecord;
}
