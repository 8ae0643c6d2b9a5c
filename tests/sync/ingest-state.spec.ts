/** Ingest gives each new record its live document's first state, in the same transaction. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { records, yjsUpdates } from '../../src/lib/server/db/schema';
import { ingestDocument } from '../../src/lib/server/ingest/ingest';
import { docToRecord, readReview } from '../../src/lib/records/ydoc';
import { tempDatabase, type TempDatabase } from '../helpers/db';

const SEEDS = join(import.meta.dirname, '../../seeds');
const seed = (name: string) => ({ fileName: name, text: readFileSync(join(SEEDS, name), 'utf8') });
const seedNames = readdirSync(SEEDS).filter((f) => f.endsWith('.txt'));

let t: TempDatabase;
beforeEach(() => {
	t = tempDatabase();
});
afterEach(() => t.cleanup());

describe('ingest and the live document', () => {
	it('stores one first state per record, holding exactly the extracted values', () => {
		let checked = 0;
		for (const name of seedNames) {
			const result = ingestDocument(t.db, seed(name));
			if (result.status !== 'new') continue;
			for (const id of result.recordIds) {
				const rows = t.db.select().from(yjsUpdates).where(eq(yjsUpdates.recordId, id)).all();
				expect(rows).toHaveLength(1);
				const doc = new Y.Doc();
				Y.applyUpdate(doc, new Uint8Array(rows[0].data));
				const row = t.db.select().from(records).where(eq(records.id, id)).get()!;
				expect(docToRecord(doc)).toEqual(row.draft);
				expect(readReview(doc)).toBe('draft');
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(5);
	});

	it('stores neither the record nor its state when writing the state fails', () => {
		t.db.$client.exec(`CREATE TRIGGER no_yjs BEFORE INSERT ON yjs_updates BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
		expect(() => ingestDocument(t.db, seed(seedNames[0]))).toThrow(/disk full/);
		expect(t.db.select().from(records).all()).toEqual([]);
	});
});
