/**
 * Ingest writes rows, not Yjs updates: a new record's live document gets its first state
 * from the document store, seeded from the records row when the record is first opened.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { records, yjsUpdates } from '../../src/lib/server/db/schema';
import { createDocStore } from '../../src/lib/server/docs/create';
import { ingestDocument } from '../../src/lib/server/ingest/ingest';
import { docToRecord, readReview } from '../../src/lib/records/ydoc';
import { tempDatabase, type TempDatabase } from '../helpers/db';
import type { RecordStore } from '../../src/lib/server/records/live';

const SEEDS = join(import.meta.dirname, '../../seeds');
const seed = (name: string) => ({ fileName: name, text: readFileSync(join(SEEDS, name), 'utf8') });
const seedNames = readdirSync(SEEDS).filter((f) => f.endsWith('.txt'));

let t: TempDatabase;
let docs: RecordStore;
beforeEach(() => {
	t = tempDatabase();
	docs = createDocStore(t.db, { sync: { compactAfter: 500, idleUnloadMs: 60_000 } } as Parameters<typeof createDocStore>[1]);
});
afterEach(async () => {
	await docs.close();
	t.cleanup();
});

describe('ingest and the live document', () => {
	it('gives each record a first state, stored through the store, holding exactly the extracted values', async () => {
		let checked = 0;
		for (const name of seedNames) {
			const result = ingestDocument(t.db, seed(name));
			if (result.status !== 'new') continue;
			for (const id of result.recordIds) {
				expect(t.db.select().from(yjsUpdates).where(eq(yjsUpdates.recordId, id)).all()).toEqual([]);
				const row = t.db.select().from(records).where(eq(records.id, id)).get()!;
				const snap = (await docs.snapshot(id))!;
				expect(snap.record).toEqual(row.draft);
				expect(snap.review).toBe('draft');
				// What the store wrote is the whole first state: the log alone rebuilds it.
				const stored = t.db.select().from(yjsUpdates).where(eq(yjsUpdates.recordId, id)).all();
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

	it('stores no record when a write of its document fails', () => {
		t.db.$client.exec(`CREATE TRIGGER no_files BEFORE INSERT ON document_files BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
		expect(() => ingestDocument(t.db, seed(seedNames[0]))).toThrow(/disk full/);
		expect(t.db.select().from(records).all()).toEqual([]);
	});
});
