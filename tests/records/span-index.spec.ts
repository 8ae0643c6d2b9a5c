/**
 * SQLite keeps which fields of a record have spans in memory (source-provenance.ts), so a
 * keystroke in a field without spans reads nothing. These are the writes it must not miss:
 * every kind of statement on the spans table, and a transaction rolled back after a read.
 */
import { and, eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/client';
import * as schema from '../../src/lib/server/db/schema';
import { fieldProvenance, records } from '../../src/lib/server/db/schema';
import { clearProvenance } from '../../src/lib/server/records/source-provenance';
import { tempDatabase, type TempDatabase } from '../helpers/db';
import { createDraft, validRecord } from '../helpers/records';

let temp: TempDatabase;
beforeEach(() => (temp = tempDatabase()));
afterEach(() => temp.cleanup());

function addSpan(recordId: string, field: string, mergedFromId: string | null = null) {
	const [{ documentId }] = temp.db.select({ documentId: records.documentId }).from(records).where(eq(records.id, recordId)).all();
	temp.db
		.insert(fieldProvenance)
		.values({ recordId, field, documentId, start: 0, end: 4, snippet: 'text', rule: 'test', confidence: 1, mergedFromId })
		.run();
}

const spans = (recordId: string, field: string) =>
	temp.db
		.select({ mergedFromId: fieldProvenance.mergedFromId })
		.from(fieldProvenance)
		.where(and(eq(fieldProvenance.recordId, recordId), eq(fieldProvenance.field, field)))
		.all();

it('clears a span that became the record’s own by an UPDATE after its spans were read', () => {
	const id = createDraft(temp.db, validRecord());
	const other = createDraft(temp.db, validRecord({ title: 'Gamla vägar' }));
	addSpan(id, 'owner', other);
	clearProvenance(temp.db, id, ['owner']);
	expect(spans(id, 'owner')).toEqual([{ mergedFromId: other }]);

	temp.db.update(fieldProvenance).set({ mergedFromId: null }).where(eq(fieldProvenance.recordId, id)).run();
	clearProvenance(temp.db, id, ['owner']);
	expect(spans(id, 'owner')).toEqual([]);
});

it('clears a span moved to the record from another one', () => {
	const id = createDraft(temp.db, validRecord());
	const other = createDraft(temp.db, validRecord({ title: 'Gamla vägar' }));
	addSpan(other, 'title');
	clearProvenance(temp.db, id, ['title']);

	temp.db.update(fieldProvenance).set({ recordId: id }).where(eq(fieldProvenance.recordId, other)).run();
	clearProvenance(temp.db, id, ['title']);
	expect(spans(id, 'title')).toEqual([]);
});

it('does not keep what it read inside a transaction that was rolled back', () => {
	const id = createDraft(temp.db, validRecord());
	addSpan(id, 'owner');
	expect(() =>
		temp.db.transaction(() => {
			temp.db.delete(fieldProvenance).where(eq(fieldProvenance.recordId, id)).run();
			// A keystroke in another field while the spans are deleted, then the deletion is undone.
			clearProvenance(temp.db, id, ['title']);
			throw new Error('rolled back');
		})
	).toThrow('rolled back');
	expect(spans(id, 'owner')).toHaveLength(1);

	clearProvenance(temp.db, id, ['owner']);
	expect(spans(id, 'owner')).toEqual([]);
});

it('is one per connection, whichever Drizzle handle asks', () => {
	const id = createDraft(temp.db, validRecord());
	const another = drizzle(temp.db.$client, { schema }) as Db;
	clearProvenance(temp.db, id, ['owner']);
	clearProvenance(another, id, ['owner']);
	addSpan(id, 'owner');
	clearProvenance(temp.db, id, ['owner']);
	expect(spans(id, 'owner')).toEqual([]);
});
