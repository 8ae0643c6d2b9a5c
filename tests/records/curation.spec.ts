import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fieldDef } from '../../src/lib/records/fields';
import { applyTextDiff, fieldText, readInputs } from '../../src/lib/records/ydoc';
import { auditLog, fieldProvenance, publicProjects, records } from '../../src/lib/server/db/schema';
import { createDocStore } from '../../src/lib/server/docs/create';
import { UpdateOrigin } from '../../src/lib/server/docs/origins';
import { ingestDocument } from '../../src/lib/server/ingest/ingest';
import { mergeRecords, unmergeRecord } from '../../src/lib/server/records/merge';
import { approveRecord } from '../../src/lib/server/records/workflow';
import { onAnyEvent } from '../../src/lib/server/events';
import { parseSelection } from '../../src/lib/server/records/parse-selection';
import { setFromSource } from '../../src/lib/server/records/source-provenance';
import { tempDatabase, type TempDatabase } from '../helpers/db';
import { createDraft, validRecord } from '../helpers/records';
import { asSql, createTestUser, type TestUser } from '../helpers/users';
import type { RecordStore } from '../../src/lib/server/records/live';

let t: TempDatabase;
let docs: RecordStore;
let editor: TestUser;
let viewer: TestUser;

beforeEach(async () => {
	t = tempDatabase();
	docs = createDocStore(t.db, { sync: { compactAfter: 500, idleUnloadMs: 60_000 } } as Parameters<typeof createDocStore>[1]);
	[editor, viewer] = await Promise.all([createTestUser(t.db, { role: 'editor', name: 'Eva' }), createTestUser(t.db, { role: 'viewer' })]);
});
afterEach(async () => {
	await docs.close();
	t.cleanup();
});

const spans = (recordId: string, field?: string) =>
	t.db
		.select()
		.from(fieldProvenance)
		.where(field ? and(eq(fieldProvenance.recordId, recordId), eq(fieldProvenance.field, field)) : eq(fieldProvenance.recordId, recordId))
		.all();
const inputs = async (id: string) => (await docs.snapshot(id))!.inputs;

const TEXT = [
	'Nytt projekt för unga i Skåne',
	'',
	'Projektet "Unga vägar" leds av Region Skåne och får 4,5 miljoner kronor från Europeiska socialfonden.',
	'Det pågår från 1 mars 2024 till 28 februari 2026 tillsammans med Malmö stad och Lunds kommun.',
	'EU står för 40 procent av kostnaderna.'
].join('\n');

async function ingestOne(text = TEXT): Promise<string> {
	const r = await ingestDocument(asSql(t.db), { text, fileName: 'unga.txt' });
	if (r.status !== 'new') throw new Error('expected a new document');
	return r.recordIds[0] ?? createDraftFor(r.documentId);
}

function createDraftFor(documentId: string): string {
	const id = createDraft(t.db, validRecord({ title: '' }));
	t.db.update(records).set({ documentId }).where(eq(records.id, id)).run();
	return id;
}

describe('reading a selection as a field', () => {
	it('reads amounts, dates, rates, counts and countries with the extractor grammar', () => {
		expect(parseSelection(fieldDef('amount'), '4,5 miljoner kronor', 'sv')).toEqual({
			ok: true,
			input: { value: '4500000', currency: 'SEK' }
		});
		expect(parseSelection(fieldDef('amount'), '€1,200,000', 'en')).toEqual({ ok: true, input: { value: '1200000', currency: 'EUR' } });
		expect(parseSelection(fieldDef('startDate'), '1 mars 2024', 'sv')).toEqual({ ok: true, input: '2024-03-01' });
		expect(parseSelection(fieldDef('endDate'), '28.02.2026', 'no')).toEqual({ ok: true, input: '2026-02-28' });
		expect(parseSelection(fieldDef('cofinancingRate'), '40 procent', 'sv')).toEqual({ ok: true, input: '40' });
		expect(parseSelection(fieldDef('participants'), 'cirka 1 200 deltagare', 'sv')).toEqual({ ok: true, input: '1200' });
		expect(parseSelection(fieldDef('country'), 'Norge', 'no')).toEqual({ ok: true, input: 'NO' });
		expect(parseSelection(fieldDef('title'), '"Unga vägar".', 'sv')).toEqual({ ok: true, input: 'Unga vägar' });
	});

	it('says what is missing instead of guessing', () => {
		expect(parseSelection(fieldDef('amount'), 'Region Skåne', 'sv')).toMatchObject({
			ok: false,
			refusal: { message: 'The selection holds no amount.', text: { sv: 'Markeringen innehåller inget belopp.' } }
		});
		expect(parseSelection(fieldDef('startDate'), 'mars', 'sv')).toMatchObject({ ok: false });
		expect(parseSelection(fieldDef('title'), '  " ', 'sv')).toMatchObject({ ok: false });
	});
});

describe('setting a field from the source', () => {
	it('writes the parsed value into the live document and the span as set by a person', async () => {
		const id = await ingestOne();
		const start = TEXT.indexOf('4,5 miljoner kronor');
		const out = await setFromSource(
			{ sql: asSql(t.db), docs },
			{ recordId: id, user: editor, field: 'amount', start, end: start + '4,5 miljoner kronor'.length }
		);
		expect(out).toMatchObject({ ok: true, field: 'amount' });
		expect((await inputs(id)).amount).toEqual({ value: '4500000', currency: 'SEK' });
		const [span] = spans(id, 'amount');
		expect(span).toMatchObject({ start, snippet: '4,5 miljoner kronor', rule: 'person', setById: editor.id, setByName: 'Eva' });
		expect(span.setAt).toBeInstanceOf(Date);
		expect(spans(id, 'amount')).toHaveLength(1);
		expect(t.db.select().from(auditLog).where(eq(auditLog.action, 'record.set_from_source')).all()).toHaveLength(1);
	});

	it('adds to a list with the item index, keeping the other items and their spans', async () => {
		const id = await ingestOne();
		const before = (await inputs(id)).partners as string[];
		const start = TEXT.indexOf('Lunds kommun');
		const out = await setFromSource({ sql: asSql(t.db), docs }, { recordId: id, user: editor, field: 'partners', start, end: start + 12 });
		expect(out).toMatchObject({ ok: true, index: before.length });
		expect((await inputs(id)).partners).toEqual([...before, 'Lunds kommun']);
		expect(spans(id, 'partners').find((s) => s.rule === 'person')).toMatchObject({ itemIndex: before.length, snippet: 'Lunds kommun' });
	});

	it('refuses spans outside the text, unparseable selections and viewers, changing nothing', async () => {
		const id = await ingestOne();
		const before = await inputs(id);
		const services = { sql: asSql(t.db), docs };
		expect(await setFromSource(services, { recordId: id, user: editor, field: 'title', start: 5, end: TEXT.length + 1 })).toMatchObject({
			ok: false,
			status: 400
		});
		expect(await setFromSource(services, { recordId: id, user: editor, field: 'title', start: 10, end: 10 })).toMatchObject({
			ok: false,
			status: 400
		});
		expect(await setFromSource(services, { recordId: id, user: editor, field: 'amount', start: 0, end: 10 })).toMatchObject({
			ok: false,
			status: 400
		});
		expect(await setFromSource(services, { recordId: id, user: editor, field: 'contacts', start: 0, end: 10 })).toMatchObject({
			ok: false,
			status: 400
		});
		expect(await setFromSource(services, { recordId: id, user: viewer, field: 'title', start: 0, end: 10 })).toMatchObject({
			ok: false,
			status: 403
		});
		expect(await inputs(id)).toEqual(before);
	});

	it('clears the span of a value a person then types by hand', async () => {
		const id = await ingestOne();
		const start = TEXT.indexOf('Unga vägar');
		await setFromSource({ sql: asSql(t.db), docs }, { recordId: id, user: editor, field: 'title', start, end: start + 10 });
		expect(spans(id, 'title')).toHaveLength(1);
		const ownerSpans = spans(id, 'owner').length;
		await docs.edit(id, new UpdateOrigin({ id: editor.id, name: editor.name }, 'socket'), (doc) =>
			applyTextDiff(fieldText(doc, 'title')!, 'Unga vägar 2')
		);
		expect(spans(id, 'title')).toHaveLength(0);
		expect(spans(id, 'owner')).toHaveLength(ownerSpans);
		expect(readInputs((await docs.open(id))!.doc).title).toBe('Unga vägar 2');
	});

	it('refuses to set a field of a record merged into another', async () => {
		const keep = await ingestOne();
		const other = await ingestOne(TEXT.replace('Nytt projekt', 'Pressmeddelande: nytt projekt'));
		expect(await mergeRecords(asSql(t.db), { keepId: keep, closeId: other, user: editor })).toMatchObject({ ok: true });
		expect(
			await setFromSource({ sql: asSql(t.db), docs }, { recordId: other, user: editor, field: 'title', start: 0, end: 5 })
		).toMatchObject({
			ok: false,
			status: 409
		});
	});

	it('withdraws a published record merged into another, and publishes it again when un-merged: an approver’s call', async () => {
		const approver = await createTestUser(t.db, { role: 'approver' });
		const keep = createDraft(t.db, validRecord({ title: 'Behållen' }));
		const other = createDraft(t.db, validRecord({ title: 'Publicerad' }));
		expect(await approveRecord({ sql: asSql(t.db), docs }, { recordId: other, expectedVersion: null, user: approver })).toMatchObject({
			ok: true
		});
		const published = () => t.db.select().from(publicProjects).where(eq(publicProjects.recordId, other)).all();
		expect(published()).toHaveLength(1);
		const heard: string[] = [];
		const stop = onAnyEvent((name) => {
			heard.push(name);
		});
		try {
			expect(await mergeRecords(asSql(t.db), { keepId: keep, closeId: other, user: editor })).toMatchObject({ ok: false, status: 403 });
			expect(await mergeRecords(asSql(t.db), { keepId: keep, closeId: other, user: approver })).toMatchObject({ ok: true });
			expect(published()).toHaveLength(0);
			expect(await unmergeRecord(asSql(t.db), { recordId: other, user: editor })).toMatchObject({ ok: false, status: 403 });
			expect(await unmergeRecord(asSql(t.db), { recordId: other, user: approver })).toMatchObject({ ok: true });
			expect(published()).toHaveLength(1);
		} finally {
			stop();
		}
		expect(heard).toEqual(['project.withdrawn', 'project.published']);
	});
});
