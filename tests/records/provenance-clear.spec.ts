/**
 * A value a person types by hand is no longer the one the source states: the store clears that
 * field's spans on both databases, by the time the edit is stored (on PostgreSQL in the
 * keystroke's own INSERT statement).
 */
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { applyTextDiff, fieldText } from '../../src/lib/records/ydoc';
import type { PgDb } from '../../src/lib/server/db/pg-client';
import { UpdateOrigin } from '../../src/lib/server/docs/origins';
import type { RecordStore } from '../../src/lib/server/records/live';
import { dialectRecordStore } from '../helpers/dialect-store';
import { describeEachDialect, itOn } from '../helpers/dialects';
import { validRecord } from '../helpers/records';
import { addSpan, clearRecordTables, draftRecord } from '../helpers/records-sql';

describeEachDialect('clearing source provenance on a typed edit', (database, dialect) => {
	const sql = () => database().sql;
	let docs: RecordStore;

	beforeEach(async () => {
		await clearRecordTables(sql());
		docs = dialectRecordStore(database(), { provenance: true });
	});
	afterEach(() => docs.close());

	const spans = async (recordId: string, field: string) => {
		const { fieldProvenance } = sql().t;
		return sql()
			.db.select()
			.from(fieldProvenance)
			.where(and(eq(fieldProvenance.recordId, recordId), eq(fieldProvenance.field, field)));
	};

	it('drops the spans of the field typed in and keeps the others', async () => {
		const id = await draftRecord(sql(), validRecord({ title: 'Unga vägar' }));
		await addSpan(sql(), id, { field: 'title' });
		await addSpan(sql(), id, { field: 'owner' });
		await docs.edit(id, new UpdateOrigin({ id: 'u1', name: 'Eva' }, 'socket'), (doc) =>
			applyTextDiff(fieldText(doc, 'title')!, 'Unga vägar 2')
		);
		expect(await spans(id, 'title')).toHaveLength(0);
		expect(await spans(id, 'owner')).toHaveLength(1);
	});

	it('drops a span set after an earlier edit of the same field, and keeps a span merged from another record', async () => {
		const id = await draftRecord(sql(), validRecord({ title: 'Unga vägar' }));
		const eva = new UpdateOrigin({ id: 'u1', name: 'Eva' }, 'socket');
		await docs.edit(id, eva, (doc) => applyTextDiff(fieldText(doc, 'title')!, 'Unga vägar 2'));
		await addSpan(sql(), id, { field: 'title' });
		const other = await draftRecord(sql(), validRecord({ title: 'Gamla vägar' }));
		const { fieldProvenance } = sql().t;
		const [{ documentId }] = await spans(id, 'title');
		await sql().db.insert(fieldProvenance).values({
			recordId: id,
			field: 'title',
			documentId,
			start: 0,
			end: 4,
			snippet: 'text',
			rule: 'test',
			confidence: 1,
			mergedFromId: other
		});
		// The same person again: nothing about the edit differs from the one before but the span now there.
		await docs.edit(id, eva, (doc) => applyTextDiff(fieldText(doc, 'title')!, 'Unga vägar 3'));
		expect((await spans(id, 'title')).map((s) => s.mergedFromId)).toEqual([other]);
	});

	itOn(dialect, 'pg')('deletes a keystroke’s spans in the statement of its append: one round trip per keystroke', async () => {
		const id = await draftRecord(sql(), validRecord({ title: 'Unga vägar' }));
		await addSpan(sql(), id, { field: 'title' });
		const pool = (sql().db as unknown as PgDb).$client;
		const sent: string[] = [];
		const original = pool.query.bind(pool);
		const query = vi.spyOn(pool, 'query').mockImplementation(((...args: Parameters<typeof pool.query>) => {
			const { name } = args[0] as { name?: string };
			if (name?.startsWith('samla-')) sent.push(name);
			return (original as (...a: unknown[]) => unknown)(...args);
		}) as typeof pool.query);
		try {
			await docs.edit(id, new UpdateOrigin({ id: 'u1', name: 'Eva' }, 'socket'), (doc) =>
				applyTextDiff(fieldText(doc, 'title')!, 'Unga vägar 3')
			);
			expect(await spans(id, 'title')).toHaveLength(0);
		} finally {
			query.mockRestore();
		}
		expect(sent).toEqual(['samla-yjs-append-clear-1']);
	});
});
