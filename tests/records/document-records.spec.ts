/**
 * A document's side of curation on both dialects: a new empty record from a document the
 * extractor missed a project in, and the spans of the document's open records.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { PgDb } from '../../src/lib/server/db/pg-client';
import { InProcessAnnouncer } from '../../src/lib/server/docs/announcer';
import { recordStore } from '../../src/lib/server/docs/create';
import { pgRecordStore } from '../../src/lib/server/docs/create-pg';
import type { RecordStore } from '../../src/lib/server/records/live';
import { documentSpans, newRecordFromDocument } from '../../src/lib/server/records/document-records';
import { mergeRecords } from '../../src/lib/server/records/merge';
import { describeEachDialect } from '../helpers/dialects';
import { validRecord } from '../helpers/records';
import { addSpan, clearRecordTables, draftRecord } from '../helpers/records-sql';
import { createTestUser, type TestUser } from '../helpers/users';

describeEachDialect('records of a document', (database, dialect) => {
	const sql = () => database().sql;
	let docs: RecordStore;
	let editor: TestUser;
	let viewer: TestUser;

	beforeEach(async () => {
		await clearRecordTables(sql());
		docs =
			dialect === 'pg'
				? pgRecordStore(sql().db as unknown as PgDb, new InProcessAnnouncer(), { log: () => {} })
				: recordStore(database().sqlite!);
		[editor, viewer] = await Promise.all([createTestUser(sql(), { role: 'editor' }), createTestUser(sql(), { role: 'viewer' })]);
	});
	afterEach(() => docs.close());

	const recordRow = async (id: string) => {
		const { records } = sql().t;
		const [row] = await sql().db.select().from(records).where(eq(records.id, id));
		return row;
	};

	it('adds an empty draft to a document, with its live document and an audit entry', async () => {
		const existing = await draftRecord(sql());
		const { documentId } = await recordRow(existing);
		const made = await newRecordFromDocument({ sql: sql(), docs }, documentId, editor, '198.51.100.7');
		if (!made.ok) throw new Error(made.message);
		expect(await recordRow(made.id)).toMatchObject({ documentId, title: '', status: 'draft', createdById: editor.id });
		expect((await docs.snapshot(made.id))?.record.title).toBe('');
		const { auditLog } = sql().t;
		const [entry] = await sql().db.select().from(auditLog).where(eq(auditLog.targetId, made.id));
		expect(entry).toMatchObject({ action: 'record.created', actorId: editor.id, detail: { documentId }, clientAddress: '198.51.100.7' });
	});

	it('refuses a viewer and a document that does not exist, adding nothing', async () => {
		const { documentId } = await recordRow(await draftRecord(sql()));
		expect(await newRecordFromDocument({ sql: sql(), docs }, documentId, viewer)).toMatchObject({ ok: false, status: 403 });
		expect(await newRecordFromDocument({ sql: sql(), docs }, 'no-such-document', editor)).toMatchObject({ ok: false, status: 404 });
		const { records } = sql().t;
		expect(await sql().db.select().from(records)).toHaveLength(1);
	});

	it('lists the spans into a document of its open records, also those a merge copied into another', async () => {
		const keep = await draftRecord(sql(), validRecord({ title: 'Behållen' }));
		const closed = await draftRecord(sql(), validRecord({ title: 'Stängd' }));
		await addSpan(sql(), keep, { field: 'title' });
		await addSpan(sql(), closed, { field: 'owner' });
		const { documentId } = await recordRow(closed);
		expect((await documentSpans(sql(), documentId)).map((s) => [s.recordTitle, s.field])).toEqual([['Stängd', 'owner']]);
		expect((await mergeRecords(sql(), { keepId: keep, closeId: closed, user: editor })).ok).toBe(true);
		// The closed record's own span is gone from the view; its copy now belongs to the kept record.
		expect((await documentSpans(sql(), documentId)).map((s) => [s.recordTitle, s.field])).toEqual([['Behållen', 'owner']]);
	});
});
