/**
 * Re-extraction keeps people's work: untouched fields take the extractor's values and
 * spans, a person's value stays with the new one offered beside it, records found anew are
 * added, records not found any more are flagged, and a second run changes nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fieldDef } from '../../src/lib/records/fields';
import { writeField } from '../../src/lib/records/ydoc';
import { auditLog, documents, fieldProvenance, fieldSuggestions, records } from '../../src/lib/server/db/schema';
import { createDocStore } from '../../src/lib/server/docs/create';
import { UpdateOrigin } from '../../src/lib/server/docs/origins';
import { getDocument, listDocuments } from '../../src/lib/server/documents/list';
import { markNoProject } from '../../src/lib/server/documents/no-project';
import { reextractDocument } from '../../src/lib/server/documents/reextract';
import { acceptSuggestion, dismissSuggestion, listSuggestions } from '../../src/lib/server/documents/suggestions';
import { ingestDocument } from '../../src/lib/server/ingest/ingest';
import { tempDatabase, type TempDatabase } from '../helpers/db';
import { createDraft } from '../helpers/records';
import { createTestUser, type TestUser } from '../helpers/users';
import type { RecordStore } from '../../src/lib/server/records/live';

const SEED = readFileSync(join(import.meta.dirname, '../../seeds/003_526b8efec8d43795.txt'), 'utf8');

let t: TempDatabase;
let docs: RecordStore;
let editor: TestUser;

beforeEach(async () => {
	t = tempDatabase();
	docs = createDocStore(t.db, { sync: { compactAfter: 500, idleUnloadMs: 60_000 } } as Parameters<typeof createDocStore>[1]);
	editor = await createTestUser(t.db, { role: 'editor', name: 'Eva' });
});
afterEach(async () => {
	await docs.close();
	t.cleanup();
});

const person = () => new UpdateOrigin({ id: editor.id, name: editor.name }, 'socket');
const SYSTEM = new UpdateOrigin(null, 'old-extractor');
const set = (doc: Parameters<typeof writeField>[0], key: 'owner' | 'funder' | 'title', value: string) =>
	writeField(doc, fieldDef(key), value);
const spans = (recordId: string, field: string) =>
	t.db
		.select()
		.from(fieldProvenance)
		.where(and(eq(fieldProvenance.recordId, recordId), eq(fieldProvenance.field, field)))
		.all();

function ingest(): { documentId: string; recordIds: string[] } {
	const r = ingestDocument(t.db, { text: SEED, fileName: 'grants.txt' });
	if (r.status !== 'new') throw new Error('expected a new document');
	expect(r.recordIds.length).toBeGreaterThan(3);
	return r;
}

describe('reextractDocument', () => {
	it('writes untouched fields, offers beside a person’s value, adds what is new, flags what is gone, and is idempotent', async () => {
		const { documentId, recordIds } = ingest();
		const [first, second, dropped] = recordIds;
		const extracted = (await docs.snapshot(first))!.record;

		// What an older extractor left: a different funder nobody touched, and no span for it.
		await docs.edit(first, SYSTEM, (d) => set(d, 'funder', 'Gammal finansiär'));
		t.db
			.delete(fieldProvenance)
			.where(and(eq(fieldProvenance.recordId, first), eq(fieldProvenance.field, 'funder')))
			.run();
		// A person corrected the owner.
		await docs.edit(first, person(), (d) => set(d, 'owner', 'Arena Torskefisk AS'));
		// The older extractor missed one record, and found one that is not there.
		t.db.delete(records).where(eq(records.id, dropped)).run();
		const ghost = createDraft(t.db, { ...extracted, title: 'Prosjekt som ikke finnes' });
		t.db.update(records).set({ documentId, matchKey: 'prosjekt som ikke finnes', reference: null }).where(eq(records.id, ghost)).run();
		// A record a person made from the document is theirs: never flagged.
		const made = createDraft(t.db, { ...extracted, title: 'Manuelt projekt' });
		t.db.update(records).set({ documentId, matchKey: 'manuelt projekt', createdById: editor.id }).where(eq(records.id, made)).run();

		const report = (await reextractDocument({ db: t.db, docs }, documentId, { id: editor.id }))!;
		expect(report.updated).toEqual([first]);
		expect(report.suggested).toBe(1);
		expect(report.added).toHaveLength(1);
		expect(report.notFound).toEqual([ghost]);

		const now = (await docs.snapshot(first))!;
		expect(now.record.funder).toBe(extracted.funder);
		expect(now.record.owner).toBe('Arena Torskefisk AS');
		expect(now.changedBy.funder).toBeUndefined();
		const content = t.db.select().from(documents).where(eq(documents.id, documentId)).get()!.content;
		const funderSpans = spans(first, 'funder');
		expect(funderSpans.length).toBeGreaterThan(0);
		for (const s of funderSpans) expect(content.slice(s.start, s.end)).toBe(s.snippet);

		const offered = listSuggestions(t.db, first);
		expect(offered).toMatchObject([{ field: 'owner', value: extracted.owner }]);
		expect(content.slice(offered[0].start, offered[0].end)).toBe(offered[0].snippet);

		const added = t.db.select().from(records).where(eq(records.id, report.added[0])).get()!;
		expect(added).toMatchObject({ status: 'draft', documentId, notFoundAt: null });
		expect(t.db.select().from(records).where(eq(records.id, ghost)).get()!.notFoundAt).toBeInstanceOf(Date);
		expect(t.db.select().from(records).where(eq(records.id, made)).get()!.notFoundAt).toBeNull();
		expect(t.db.select().from(auditLog).where(eq(auditLog.action, 'document.reextracted')).all()).toHaveLength(1);
		// The second record was found again with nothing to change.
		expect((await docs.snapshot(second))!.record).toEqual(t.db.select().from(records).where(eq(records.id, second)).get()!.draft);

		const again = (await reextractDocument({ db: t.db, docs }, documentId, null))!;
		expect(again).toMatchObject({ updated: [], suggested: 1, added: [], notFound: [ghost] });
		expect(listSuggestions(t.db, first)).toHaveLength(1);
		expect(t.db.select().from(records).where(eq(records.documentId, documentId)).all()).toHaveLength(recordIds.length + 2);
	});

	it('lets a person take an offered value (as their own edit, with its span) or dismiss it', async () => {
		const { documentId, recordIds } = ingest();
		const [a, b] = recordIds;
		const extracted = (await docs.snapshot(a))!.record;
		await docs.edit(a, person(), (d) => set(d, 'owner', 'Feil eier'));
		await docs.edit(b, person(), (d) => set(d, 'owner', 'Annen eier'));
		await reextractDocument({ db: t.db, docs }, documentId, null);
		const [sa] = listSuggestions(t.db, a);
		const [sb] = listSuggestions(t.db, b);
		expect(await acceptSuggestion({ db: t.db, docs }, sa.id, { id: editor.id, name: editor.name })).toBe(true);
		expect((await docs.snapshot(a))!.record.owner).toBe(extracted.owner);
		expect((await docs.snapshot(a))!.changedBy.owner?.id).toBe(editor.id);
		expect(spans(a, 'owner').map((s) => s.snippet)).toEqual([sa.snippet]);
		expect(dismissSuggestion(t.db, sb.id, editor)).toBe(true);
		expect(dismissSuggestion(t.db, sb.id, editor)).toBe(false);
		expect((await docs.snapshot(b))!.record.owner).toBe('Annen eier');
		expect(t.db.select().from(fieldSuggestions).where(isNull(fieldSuggestions.resolvedAt)).all()).toEqual([]);
	});

	it('recognises a record merged into another and leaves it alone', async () => {
		const { documentId, recordIds } = ingest();
		const [merged, into] = recordIds;
		t.db.update(records).set({ mergedIntoId: into, mergedAt: new Date() }).where(eq(records.id, merged)).run();
		await docs.edit(merged, SYSTEM, (d) => set(d, 'funder', 'Gammal finansiär'));
		const report = (await reextractDocument({ db: t.db, docs }, documentId, null))!;
		expect(report).toMatchObject({ updated: [], added: [], notFound: [] });
		expect((await docs.snapshot(merged))!.record.funder).toBe('Gammal finansiär');
		expect(t.db.select().from(records).where(eq(records.documentId, documentId)).all()).toHaveLength(recordIds.length);
	});

	it('answers null for a document that does not exist', async () => {
		expect(await reextractDocument({ db: t.db, docs }, 'nope', null)).toBeNull();
	});
});

describe('documents: status and "no project"', () => {
	it('counts records, marks and unmarks "no project" (audited, once each way), and filters by status', () => {
		const { documentId } = ingest();
		const empty = ingestDocument(t.db, { text: 'Ett utlysningsmeddelande utan något projekt i sig alls.', fileName: 'call.txt' });
		expect(listDocuments(t.db, { page: 1, pageSize: 10 }).documents.map((d) => [d.name, d.status])).toEqual([
			['call.txt', 'failed'],
			['grants.txt', 'records']
		]);
		expect(markNoProject(t.db, empty.documentId, true, editor)).toBe(true);
		expect(markNoProject(t.db, empty.documentId, true, editor)).toBe(true);
		expect(getDocument(t.db, empty.documentId)).toMatchObject({ status: 'no_project', noProject: { by: editor.name } });
		expect(listDocuments(t.db, { status: 'no_project', page: 1, pageSize: 10 }).documents.map((d) => d.id)).toEqual([empty.documentId]);
		expect(listDocuments(t.db, { q: 'grants', page: 1, pageSize: 10 }).documents.map((d) => d.id)).toEqual([documentId]);
		expect(markNoProject(t.db, empty.documentId, false, editor)).toBe(true);
		expect(getDocument(t.db, empty.documentId)).toMatchObject({ status: 'failed', noProject: null });
		expect(markNoProject(t.db, 'nope', true, editor)).toBe(false);
		const actions = t.db
			.select()
			.from(auditLog)
			.all()
			.map((a) => a.action)
			.filter((a) => a.startsWith('document.no_project'));
		expect(actions).toEqual(['document.no_project_set', 'document.no_project_cleared']);
	});
});
