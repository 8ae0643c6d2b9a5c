/**
 * Re-extraction keeps people's work: untouched fields take the extractor's values and
 * spans, a person's value stays with the new one offered beside it, records found anew are
 * added, records not found any more are flagged, and a second run changes nothing. On
 * SQLite and on PostgreSQL.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { fieldDef } from '../../src/lib/records/fields';
import { writeField } from '../../src/lib/records/ydoc';
import { UpdateOrigin } from '../../src/lib/server/docs/origins';
import { documentFile, getDocument, listDocuments } from '../../src/lib/server/documents/list';
import { markNoProject } from '../../src/lib/server/documents/no-project';
import { reextractDocument } from '../../src/lib/server/documents/reextract';
import { acceptSuggestion, dismissSuggestion, listSuggestions } from '../../src/lib/server/documents/suggestions';
import { ingestDocument } from '../../src/lib/server/ingest/ingest';
import type { RecordStore } from '../../src/lib/server/records/live';
import { describeEachDialect } from '../helpers/dialects';
import { clearDocumentTables, recordStoreOf } from '../helpers/documents-sql';
import { draftRecord } from '../helpers/records-sql';
import { createTestUser, type TestUser } from '../helpers/users';

const SEED = readFileSync(join(import.meta.dirname, '../../seeds/003_526b8efec8d43795.txt'), 'utf8');

describeEachDialect('re-extraction and documents', (database) => {
	const sql = () => database().sql;
	let docs: RecordStore;
	let editor: TestUser;

	beforeEach(async () => {
		await clearDocumentTables(sql());
		docs = recordStoreOf(database());
		editor = await createTestUser(sql(), { role: 'editor', name: 'Eva' });
	});
	afterEach(() => docs.close());

	const person = () => new UpdateOrigin({ id: editor.id, name: editor.name }, 'socket');
	const SYSTEM = new UpdateOrigin(null, 'old-extractor');
	const set = (doc: Parameters<typeof writeField>[0], key: 'owner' | 'funder' | 'title', value: string) =>
		writeField(doc, fieldDef(key), value);
	const spans = (recordId: string, field: string) => {
		const { fieldProvenance } = sql().t;
		return sql()
			.db.select()
			.from(fieldProvenance)
			.where(and(eq(fieldProvenance.recordId, recordId), eq(fieldProvenance.field, field)))
			.orderBy(fieldProvenance.id);
	};
	const record = async (id: string) => {
		const { records } = sql().t;
		const [row] = await sql().db.select().from(records).where(eq(records.id, id));
		return row;
	};
	const recordsOf = (documentId: string) => {
		const { records } = sql().t;
		return sql().db.select().from(records).where(eq(records.documentId, documentId));
	};
	const audited = async (prefix: string) => {
		const { auditLog } = sql().t;
		return (await sql().db.select().from(auditLog).orderBy(auditLog.id)).map((a) => a.action).filter((a) => a.startsWith(prefix));
	};

	async function ingest(): Promise<{ documentId: string; recordIds: string[] }> {
		const r = await ingestDocument(sql(), { text: SEED, fileName: 'grants.txt' });
		if (r.status !== 'new') throw new Error('expected a new document');
		expect(r.recordIds.length).toBeGreaterThan(3);
		return r;
	}

	it('writes untouched fields, offers beside a person’s value, adds what is new, flags what is gone, and is idempotent', async () => {
		const { documents, fieldProvenance, records } = sql().t;
		const { documentId, recordIds } = await ingest();
		const [first, second, dropped] = recordIds;
		const extracted = (await docs.snapshot(first))!.record;

		// What an older extractor left: a different funder nobody touched, and no span for it.
		await docs.edit(first, SYSTEM, (d) => set(d, 'funder', 'Gammal finansiär'));
		await sql()
			.db.delete(fieldProvenance)
			.where(and(eq(fieldProvenance.recordId, first), eq(fieldProvenance.field, 'funder')));
		// A person corrected the owner.
		await docs.edit(first, person(), (d) => set(d, 'owner', 'Arena Torskefisk AS'));
		// The older extractor missed one record, and found one that is not there.
		await sql().db.delete(records).where(eq(records.id, dropped));
		const ghost = await draftRecord(sql(), { ...extracted, title: 'Prosjekt som ikke finnes' });
		await sql().db.update(records).set({ documentId, matchKey: 'prosjekt som ikke finnes', reference: null }).where(eq(records.id, ghost));
		// A record a person made from the document is theirs: never flagged.
		const made = await draftRecord(sql(), { ...extracted, title: 'Manuelt projekt' });
		await sql().db.update(records).set({ documentId, matchKey: 'manuelt projekt', createdById: editor.id }).where(eq(records.id, made));

		const report = (await reextractDocument({ sql: sql(), docs }, documentId, { id: editor.id }))!;
		expect(report.updated).toEqual([first]);
		expect(report.suggested).toBe(1);
		expect(report.added).toHaveLength(1);
		expect(report.notFound).toEqual([ghost]);

		const now = (await docs.snapshot(first))!;
		expect(now.record.funder).toBe(extracted.funder);
		expect(now.record.owner).toBe('Arena Torskefisk AS');
		expect(now.changedBy.funder).toBeUndefined();
		const [{ content }] = await sql().db.select().from(documents).where(eq(documents.id, documentId));
		const funderSpans = await spans(first, 'funder');
		expect(funderSpans.length).toBeGreaterThan(0);
		for (const s of funderSpans) expect(content.slice(s.start, s.end)).toBe(s.snippet);

		const offered = await listSuggestions(sql(), first);
		expect(offered).toMatchObject([{ field: 'owner', value: extracted.owner }]);
		expect(content.slice(offered[0].start, offered[0].end)).toBe(offered[0].snippet);

		expect(await record(report.added[0])).toMatchObject({ status: 'draft', documentId, notFoundAt: null });
		expect((await record(ghost)).notFoundAt).toBeInstanceOf(Date);
		expect((await record(made)).notFoundAt).toBeNull();
		expect(await audited('document.reextracted')).toHaveLength(1);
		// The second record was found again with nothing to change.
		expect((await docs.snapshot(second))!.record).toEqual((await record(second)).draft);

		const again = (await reextractDocument({ sql: sql(), docs }, documentId, null))!;
		expect(again).toMatchObject({ updated: [], suggested: 1, added: [], notFound: [ghost] });
		expect(await listSuggestions(sql(), first)).toHaveLength(1);
		expect(await recordsOf(documentId)).toHaveLength(recordIds.length + 2);
	});

	it('lets a person take an offered value (as their own edit, with its span) or dismiss it', async () => {
		const { fieldSuggestions } = sql().t;
		const { documentId, recordIds } = await ingest();
		const [a, b] = recordIds;
		const extracted = (await docs.snapshot(a))!.record;
		await docs.edit(a, person(), (d) => set(d, 'owner', 'Feil eier'));
		await docs.edit(b, person(), (d) => set(d, 'owner', 'Annen eier'));
		await reextractDocument({ sql: sql(), docs }, documentId, null);
		const [sa] = await listSuggestions(sql(), a);
		const [sb] = await listSuggestions(sql(), b);
		const before = (await spans(a, 'owner')).map((s) => s.snippet);
		expect(await acceptSuggestion({ sql: sql(), docs }, sa.id, { id: editor.id, name: editor.name })).toBe(true);
		expect((await docs.snapshot(a))!.record.owner).toBe(extracted.owner);
		expect((await docs.snapshot(a))!.changedBy.owner?.id).toBe(editor.id);
		expect((await spans(a, 'owner')).map((s) => s.snippet)).toEqual([...before, sa.snippet]);
		expect(await acceptSuggestion({ sql: sql(), docs }, sa.id, { id: editor.id, name: editor.name })).toBe(false);
		expect(await dismissSuggestion(sql(), sb.id, editor)).toBe(true);
		expect(await dismissSuggestion(sql(), sb.id, editor)).toBe(false);
		expect((await docs.snapshot(b))!.record.owner).toBe('Annen eier');
		expect(await sql().db.select().from(fieldSuggestions).where(isNull(fieldSuggestions.resolvedAt))).toEqual([]);
		expect(await audited('record.suggestion_')).toEqual(['record.suggestion_accepted', 'record.suggestion_dismissed']);
	});

	it('resolves a suggestion once when two people take or dismiss it at once from two processes', async () => {
		const { documentId, recordIds } = await ingest();
		const [a] = recordIds;
		await docs.edit(a, person(), (d) => set(d, 'owner', 'Feil eier'));
		await reextractDocument({ sql: sql(), docs }, documentId, null);
		const [offered] = await listSuggestions(sql(), a);
		const other = await database().openAnother();
		const outcomes = await Promise.all([sql(), other, sql(), other].map((handle) => dismissSuggestion(handle, offered.id, editor)));
		expect(outcomes.filter(Boolean)).toHaveLength(1);
		expect(await audited('record.suggestion_dismissed')).toHaveLength(1);
	});

	it('adds a record found anew once when two processes re-extract the document at once', async () => {
		const { records } = sql().t;
		const { documentId, recordIds } = await ingest();
		await sql().db.delete(records).where(eq(records.id, recordIds[1]));
		const other = await database().openAnother();
		const reports = await Promise.all([sql(), other].map((handle) => reextractDocument({ sql: handle, docs }, documentId, null)));
		expect(reports.flatMap((r) => r!.added)).toHaveLength(1);
		expect(await recordsOf(documentId)).toHaveLength(recordIds.length);
	});

	it('recognises a record merged into another and leaves it alone', async () => {
		const { records } = sql().t;
		const { documentId, recordIds } = await ingest();
		const [merged, into] = recordIds;
		await sql().db.update(records).set({ mergedIntoId: into, mergedAt: new Date() }).where(eq(records.id, merged));
		await docs.edit(merged, SYSTEM, (d) => set(d, 'funder', 'Gammal finansiär'));
		const report = (await reextractDocument({ sql: sql(), docs }, documentId, null))!;
		expect(report).toMatchObject({ updated: [], added: [], notFound: [] });
		expect((await docs.snapshot(merged))!.record.funder).toBe('Gammal finansiär');
		expect(await recordsOf(documentId)).toHaveLength(recordIds.length);
	});

	it('answers null for a document that does not exist', async () => {
		expect(await reextractDocument({ sql: sql(), docs }, 'nope', null)).toBeNull();
	});

	it('counts records, marks and unmarks "no project" (audited, once each way), and filters by status', async () => {
		const { documentId } = await ingest();
		const empty = await ingestDocument(sql(), { text: 'Ett utlysningsmeddelande utan något projekt i sig alls.', fileName: 'call.txt' });
		const list = async (filter: Omit<Parameters<typeof listDocuments>[1], 'page' | 'pageSize'>) =>
			(await listDocuments(sql(), { ...filter, page: 1, pageSize: 10 })).documents;
		expect((await list({})).map((d) => [d.name, d.status, d.recordCount])).toEqual([
			['call.txt', 'failed', 0],
			['grants.txt', 'records', (await recordsOf(documentId)).length]
		]);
		expect(await markNoProject(sql(), empty.documentId, true, editor)).toBe(true);
		expect(await markNoProject(sql(), empty.documentId, true, editor)).toBe(true);
		expect(await getDocument(sql(), empty.documentId)).toMatchObject({ status: 'no_project', noProject: { by: editor.name } });
		expect((await list({ status: 'no_project' })).map((d) => d.id)).toEqual([empty.documentId]);
		expect((await listDocuments(sql(), { status: 'no_project', page: 1, pageSize: 10 })).total).toBe(1);
		// The name, the title or the text, in any case, with % and _ taken literally.
		expect((await list({ q: 'GRANTS' })).map((d) => d.id)).toEqual([documentId]);
		expect((await list({ q: 'UTLYSNINGSMEDDELANDE' })).map((d) => d.id)).toEqual([empty.documentId]);
		expect(await list({ q: '%' })).toEqual([]);
		expect(await markNoProject(sql(), empty.documentId, false, editor)).toBe(true);
		expect(await getDocument(sql(), empty.documentId)).toMatchObject({ status: 'failed', noProject: null });
		expect(await markNoProject(sql(), 'nope', true, editor)).toBe(false);
		expect(await audited('document.no_project')).toEqual(['document.no_project_set', 'document.no_project_cleared']);
	});

	it('marks "no project" once when two people set it at once from two processes', async () => {
		const empty = await ingestDocument(sql(), { text: 'Ett utlysningsmeddelande utan något projekt i sig alls.', fileName: 'call.txt' });
		const other = await database().openAnother();
		const outcomes = await Promise.all([sql(), other, sql(), other].map((handle) => markNoProject(handle, empty.documentId, true, editor)));
		expect(outcomes).toEqual([true, true, true, true]);
		expect(await audited('document.no_project')).toEqual(['document.no_project_set']);
	});

	it('gives the original file back, or the text of a document stored before files were kept', async () => {
		const { documentFiles } = sql().t;
		const { documentId } = await ingest();
		const file = (await documentFile(sql(), documentId))!;
		expect(file).toMatchObject({ name: 'grants.txt', mediaType: 'text/plain; charset=utf-8' });
		expect(file.data.toString('utf8')).toBe(SEED);
		await sql().db.delete(documentFiles).where(eq(documentFiles.documentId, documentId));
		expect((await documentFile(sql(), documentId))!.data.toString('utf8')).toBe(SEED);
		expect(await documentFile(sql(), 'nope')).toBeNull();
	});
});
