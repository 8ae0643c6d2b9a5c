import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fieldDef } from '../../src/lib/records/fields';
import { applyTextDiff, fieldText, readInputs } from '../../src/lib/records/ydoc';
import { UpdateOrigin } from '../../src/lib/server/docs/origins';
import { onAnyEvent } from '../../src/lib/server/events';
import { ingestDocument } from '../../src/lib/server/ingest/ingest';
import type { RecordStore } from '../../src/lib/server/records/live';
import { mergeRecords, unmergeRecord } from '../../src/lib/server/records/merge';
import { parseSelection } from '../../src/lib/server/records/parse-selection';
import { setFromSource } from '../../src/lib/server/records/source-provenance';
import { approveRecord } from '../../src/lib/server/records/workflow';
import { describeEachDialect } from '../helpers/dialects';
import { clearDocumentTables } from '../helpers/documents-sql';
import { dialectRecordStore } from '../helpers/dialect-store';
import { validRecord } from '../helpers/records';
import { draftRecord } from '../helpers/records-sql';
import { createTestUser, type TestUser } from '../helpers/users';

const TEXT = [
	'Nytt projekt för unga i Skåne',
	'',
	'Projektet "Unga vägar" leds av Region Skåne och får 4,5 miljoner kronor från Europeiska socialfonden.',
	'Det pågår från 1 mars 2024 till 28 februari 2026 tillsammans med Malmö stad och Lunds kommun.',
	'EU står för 40 procent av kostnaderna.'
].join('\n');

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

describeEachDialect('setting a field from the source', (database) => {
	let docs: RecordStore;
	let editor: TestUser;
	let viewer: TestUser;

	beforeEach(async () => {
		// Each test ingests the same text, which a database that kept it would skip as already stored.
		await clearDocumentTables(database().sql);
		// Provenance cleared as a person types, as the app's store does on both dialects.
		docs = dialectRecordStore(database(), { provenance: true });
		[editor, viewer] = await Promise.all([
			createTestUser(database().sql, { role: 'editor', name: 'Eva' }),
			createTestUser(database().sql, { role: 'viewer' })
		]);
	});
	afterEach(async () => {
		await docs.close();
	});

	const spans = (recordId: string, field?: string) => {
		const { db, t } = database().sql;
		const { fieldProvenance } = t;
		return db
			.select()
			.from(fieldProvenance)
			.where(field ? and(eq(fieldProvenance.recordId, recordId), eq(fieldProvenance.field, field)) : eq(fieldProvenance.recordId, recordId))
			.orderBy(fieldProvenance.id);
	};
	const inputs = async (id: string) => (await docs.snapshot(id))!.inputs;

	async function ingestOne(text = TEXT): Promise<string> {
		const r = await ingestDocument(database().sql, { text, fileName: 'unga.txt' });
		if (r.status !== 'new') throw new Error('expected a new document');
		return r.recordIds[0] ?? createDraftFor(r.documentId);
	}

	async function createDraftFor(documentId: string): Promise<string> {
		const { db, t } = database().sql;
		const id = await draftRecord(database().sql, validRecord({ title: '' }));
		await db.update(t.records).set({ documentId }).where(eq(t.records.id, id));
		return id;
	}

	it('writes the parsed value into the live document and the span as set by a person', async () => {
		const id = await ingestOne();
		const start = TEXT.indexOf('4,5 miljoner kronor');
		const out = await setFromSource(
			{ sql: database().sql, docs },
			{ recordId: id, user: editor, field: 'amount', start, end: start + '4,5 miljoner kronor'.length }
		);
		expect(out).toMatchObject({ ok: true, field: 'amount' });
		expect((await inputs(id)).amount).toEqual({ value: '4500000', currency: 'SEK' });
		const [span] = await spans(id, 'amount');
		expect(span).toMatchObject({ start, snippet: '4,5 miljoner kronor', rule: 'person', setById: editor.id, setByName: 'Eva' });
		expect(span.setAt).toBeInstanceOf(Date);
		expect(await spans(id, 'amount')).toHaveLength(1);
		const { db, t } = database().sql;
		expect(await db.select().from(t.auditLog).where(eq(t.auditLog.action, 'record.set_from_source'))).toHaveLength(1);
	});

	it('adds to a list with the item index, keeping the other items and their spans', async () => {
		const id = await ingestOne();
		const before = (await inputs(id)).partners as string[];
		const start = TEXT.indexOf('Lunds kommun');
		const out = await setFromSource(
			{ sql: database().sql, docs },
			{ recordId: id, user: editor, field: 'partners', start, end: start + 12 }
		);
		expect(out).toMatchObject({ ok: true, index: before.length });
		expect((await inputs(id)).partners).toEqual([...before, 'Lunds kommun']);
		expect((await spans(id, 'partners')).find((s) => s.rule === 'person')).toMatchObject({
			itemIndex: before.length,
			snippet: 'Lunds kommun'
		});
	});

	it('refuses spans outside the text, unparseable selections and viewers, changing nothing', async () => {
		const id = await ingestOne();
		const before = await inputs(id);
		const services = { sql: database().sql, docs };
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
		await setFromSource({ sql: database().sql, docs }, { recordId: id, user: editor, field: 'title', start, end: start + 10 });
		expect(await spans(id, 'title')).toHaveLength(1);
		const ownerSpans = (await spans(id, 'owner')).length;
		await docs.edit(id, new UpdateOrigin({ id: editor.id, name: editor.name }, 'socket'), (doc) =>
			applyTextDiff(fieldText(doc, 'title')!, 'Unga vägar 2')
		);
		// The PostgreSQL store clears the span after the edit, without holding up the keystroke (docs/database.md).
		await expect.poll(() => spans(id, 'title')).toHaveLength(0);
		expect(await spans(id, 'owner')).toHaveLength(ownerSpans);
		expect(readInputs((await docs.open(id))!.doc).title).toBe('Unga vägar 2');
	});

	it('refuses to set a field of a record merged into another', async () => {
		const keep = await ingestOne();
		const other = await ingestOne(TEXT.replace('Nytt projekt', 'Pressmeddelande: nytt projekt'));
		expect(await mergeRecords(database().sql, { keepId: keep, closeId: other, user: editor })).toMatchObject({ ok: true });
		expect(
			await setFromSource({ sql: database().sql, docs }, { recordId: other, user: editor, field: 'title', start: 0, end: 5 })
		).toMatchObject({
			ok: false,
			status: 409
		});
	});

	it('withdraws a published record merged into another, and publishes it again when un-merged: an approver’s call', async () => {
		const approver = await createTestUser(database().sql, { role: 'approver' });
		const keep = await draftRecord(database().sql, validRecord({ title: 'Behållen' }));
		const other = await draftRecord(database().sql, validRecord({ title: 'Publicerad' }));
		expect(await approveRecord({ sql: database().sql, docs }, { recordId: other, expectedVersion: null, user: approver })).toMatchObject({
			ok: true
		});
		const { db, t } = database().sql;
		const published = () => db.select().from(t.publicProjects).where(eq(t.publicProjects.recordId, other));
		expect(await published()).toHaveLength(1);
		const heard: string[] = [];
		const stop = onAnyEvent((name) => {
			heard.push(name);
		});
		try {
			expect(await mergeRecords(database().sql, { keepId: keep, closeId: other, user: editor })).toMatchObject({ ok: false, status: 403 });
			expect(await mergeRecords(database().sql, { keepId: keep, closeId: other, user: approver })).toMatchObject({ ok: true });
			expect(await published()).toHaveLength(0);
			expect(await unmergeRecord(database().sql, { recordId: other, user: editor })).toMatchObject({ ok: false, status: 403 });
			expect(await unmergeRecord(database().sql, { recordId: other, user: approver })).toMatchObject({ ok: true });
			expect(await published()).toHaveLength(1);
		} finally {
			stop();
		}
		expect(heard).toEqual(['project.withdrawn', 'project.published']);
	});
});
