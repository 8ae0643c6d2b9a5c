/** Draft records straight into the database, for tests of what happens after ingest. */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/lib/server/db/client';
import { documents, records } from '../../src/lib/server/db/schema';
import { emptyRecord, type ProjectRecord } from '../../src/lib/records/fields';
import { norm as normaliseTitle } from '../../src/lib/server/ingest/extract/text';

let made = 0;

export function validRecord(overrides: Partial<ProjectRecord> = {}): ProjectRecord {
	made++;
	return {
		...emptyRecord(`Testprojekt ${made}`),
		owner: 'Region Skåne',
		funder: 'Svenska ESF-rådet',
		programme: 'Europeiska socialfonden',
		amount: { value: 1_000_000 * made, currency: 'SEK' },
		startDate: '2024-01-01',
		endDate: '2025-12-31',
		country: 'SE',
		regions: ['Skåne'],
		...overrides
	};
}

export function createDraft(db: Db, record: ProjectRecord = validRecord()): string {
	const now = new Date();
	const documentId = randomUUID();
	const content = `${record.title}\n\nTestdokument ${documentId}`;
	db.insert(documents)
		.values({ id: documentId, contentHash: documentId, content, language: 'sv', title: record.title, ingestedAt: now })
		.run();
	const id = randomUUID();
	db.insert(records)
		.values({
			id,
			title: record.title,
			status: 'draft',
			documentId,
			draft: record,
			matchKey: normaliseTitle(record.title),
			reference: record.reference,
			createdAt: now,
			updatedAt: now
		})
		.run();
	return id;
}
