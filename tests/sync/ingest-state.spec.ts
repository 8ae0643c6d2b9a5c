/**
 * Ingest writes rows, not Yjs updates: a new record's live document gets its first state
 * from the document store, seeded from the records row when the record is first opened,
 * and stored through the store's persistence (issue 13), on SQLite and on PostgreSQL.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ingestDocument } from '../../src/lib/server/ingest/ingest';
import { storeError } from '../../src/lib/server/ingest/ingest-file';
import { docToRecord, readReview } from '../../src/lib/records/ydoc';
import type { RecordStore } from '../../src/lib/server/records/live';
import { describeEachDialect } from '../helpers/dialects';
import { clearDocumentTables, failInserts, recordStoreOf } from '../helpers/documents-sql';

const SEEDS = join(import.meta.dirname, '../../seeds');
const seed = (name: string) => ({ fileName: name, text: readFileSync(join(SEEDS, name), 'utf8') });
const seedNames = readdirSync(SEEDS).filter((f) => f.endsWith('.txt'));

describeEachDialect('ingest and the live document', (database) => {
	const sql = () => database().sql;
	let docs: RecordStore;
	beforeEach(async () => {
		await clearDocumentTables(sql());
		docs = recordStoreOf(database());
	});
	afterEach(() => docs.close());

	const log = (id: string) => {
		const { yjsUpdates } = sql().t;
		return sql().db.select().from(yjsUpdates).where(eq(yjsUpdates.recordId, id)).orderBy(asc(yjsUpdates.id));
	};

	it('gives each record a first state, stored through the store, holding exactly the extracted values', async () => {
		const { records } = sql().t;
		let checked = 0;
		for (const name of seedNames) {
			const result = await ingestDocument(sql(), seed(name));
			if (result.status !== 'new') continue;
			for (const id of result.recordIds) {
				expect(await log(id)).toEqual([]);
				const [row] = await sql().db.select().from(records).where(eq(records.id, id));
				const snap = (await docs.snapshot(id))!;
				expect(snap.record).toEqual(row.draft);
				expect(snap.review).toBe('draft');
				// What the store wrote is the whole first state: the log alone rebuilds it.
				const stored = await log(id);
				expect(stored.length).toBeGreaterThan(0);
				const doc = new Y.Doc();
				for (const u of stored) Y.applyUpdate(doc, new Uint8Array(u.data));
				expect(docToRecord(doc)).toEqual(row.draft);
				expect(readReview(doc)).toBe('draft');
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(5);
	});

	it('stores no record when a write of its document fails', async () => {
		const restore = await failInserts(database(), 'document_files', 'disk full');
		try {
			const failed = await ingestDocument(sql(), seed(seedNames[0])).catch((err: Error) => err);
			expect(storeError(failed)).toMatch(/disk full/);
		} finally {
			await restore();
		}
		expect(await sql().db.select().from(sql().t.records)).toEqual([]);
	});
});
