/**
 * The review queue's reads on both dialects: its text, facet and assignment filters, its
 * sorts (case-insensitive text, amounts in the draft, the extractor's confidence), the
 * values its filters offer and a saved view's count.
 */
import { eq } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import { parseQueueQuery } from '../../src/lib/records/queue';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { assignRecord } from '../../src/lib/server/records/assign';
import { countRecords, getRecord, listRecords, queueFacets, queueFilter } from '../../src/lib/server/records/queries';
import { describeEachDialect } from '../helpers/dialects';
import { validRecord } from '../helpers/records';
import { addSpan, clearRecordTables, draftRecord } from '../helpers/records-sql';
import { createTestUser, type TestUser } from '../helpers/users';

describeEachDialect('the review queue', (database) => {
	const sql = () => database().sql;
	let editor: TestUser;
	let approver: TestUser;

	beforeEach(async () => {
		await clearRecordTables(sql());
		[editor, approver] = await Promise.all([
			createTestUser(sql(), { role: 'editor', name: 'Eva Editor' }),
			createTestUser(sql(), { role: 'approver', name: 'Arne Approver' })
		]);
	});

	const list = async (query: string, who: SessionUser = editor) => {
		const { filter, sort } = queueFilter(parseQueueQuery(new URLSearchParams(query)), who.id);
		return (await listRecords(sql(), filter, sort)).map((r) => r.title);
	};
	const draft = (title: string, more: Parameters<typeof validRecord>[0] = {}) => draftRecord(sql(), validRecord({ title, ...more }));

	it('finds text in the title, the draft or the source’s title, ignoring case and taking % and _ literally', async () => {
		await draft('Unga vägar', { owner: 'Region Skåne' });
		await draft('Kompetenslyft', { owner: 'Lunds kommun' });
		await draft('100% grönt_tak', { owner: 'Malmö stad' });
		expect(await list('q=UNGA')).toEqual(['Unga vägar']);
		expect(await list('q=lunds')).toEqual(['Kompetenslyft']);
		expect(await list('q=%25')).toEqual(['100% grönt_tak']);
		expect(await list('q=grönt_')).toEqual(['100% grönt_tak']);
		expect(await list('q=n_a')).toEqual([]);
		expect(await list('q=%25%25')).toEqual([]);
	});

	it('filters by funder, country, status and what changed since approval, and offers the values the records hold', async () => {
		const esf = await draft('ESF-projekt', { funder: 'Svenska ESF-rådet', country: 'SE' });
		await draft('Norskt projekt', { funder: 'Forskningsrådet', country: 'NO' });
		await draft('Utan finansiär', { funder: null, country: 'SE' });
		const { records } = sql().t;
		await sql().db.update(records).set({ status: 'in_review', approvedVersion: 1 }).where(eq(records.id, esf));
		expect(await list('funder=Forskningsr%C3%A5det')).toEqual(['Norskt projekt']);
		expect((await list('country=SE')).sort()).toEqual(['ESF-projekt', 'Utan finansiär']);
		expect(await list('status=in_review')).toEqual(['ESF-projekt']);
		expect(await list('changed=1')).toEqual(['ESF-projekt']);
		const facets = await queueFacets(sql());
		expect(facets.funders).toEqual(['Forskningsrådet', 'Svenska ESF-rådet']);
		expect(facets.countries).toEqual(['NO', 'SE']);
		expect(facets.documents.map((d) => d.title).sort()).toEqual(['ESF-projekt', 'Norskt projekt', 'Utan finansiär']);
	});

	it('lists what is assigned to me, to nobody, or to one person', async () => {
		const mine = await draft('Mitt');
		const theirs = await draft('Deras');
		await draft('Ingens');
		await assignRecord(sql(), { recordId: mine, assigneeId: editor.id, actor: editor });
		await assignRecord(sql(), { recordId: theirs, assigneeId: approver.id, actor: editor });
		expect(await list('assigned=me')).toEqual(['Mitt']);
		expect(await list('assigned=me', approver)).toEqual(['Deras']);
		expect(await list('assigned=none')).toEqual(['Ingens']);
		expect(await list(`assigned=${approver.id}`)).toEqual(['Deras']);
		const [first] = await listRecords(sql(), queueFilter(parseQueueQuery(new URLSearchParams('assigned=me')), editor.id).filter);
		expect(first).toMatchObject({ assigneeId: editor.id, assigneeName: 'Eva Editor' });
	});

	it('sorts by the extractor’s least sure field, lowest first, with records it did not extract last', async () => {
		const sure = await draft('Säker');
		const unsure = await draft('Osäker');
		const middling = await draft('Mittemellan');
		await draft('Handskriven');
		await addSpan(sql(), sure, { confidence: 0.95 });
		await addSpan(sql(), unsure, { confidence: 0.9 });
		await addSpan(sql(), unsure, { confidence: 0.3 });
		await addSpan(sql(), middling, { confidence: 0.6 });
		// A span a person pointed at is not the extractor's guess.
		await addSpan(sql(), middling, { confidence: 0.1, setById: editor.id });
		expect(await list('sort=confidence')).toEqual(['Osäker', 'Mittemellan', 'Säker', 'Handskriven']);
		expect(await list('sort=confidence&dir=desc')).toEqual(['Säker', 'Mittemellan', 'Osäker', 'Handskriven']);
		const { filter } = queueFilter(parseQueueQuery(new URLSearchParams('')), editor.id);
		expect((await listRecords(sql(), filter)).find((r) => r.title === 'Osäker')?.confidence).toBeCloseTo(0.3);
	});

	it('sorts by title, amount, owner and assignee', async () => {
		await draft('b', { owner: 'Örebro', amount: { value: 5, currency: 'SEK' } });
		const a = await draft('A', { owner: 'Malmö', amount: { value: 50, currency: 'SEK' } });
		await draft('c', { owner: 'arvika', amount: null });
		await assignRecord(sql(), { recordId: a, assigneeId: editor.id, actor: editor });
		expect(await list('sort=title')).toEqual(['A', 'b', 'c']);
		expect(await list('sort=title&dir=desc')).toEqual(['c', 'b', 'A']);
		expect(await list('sort=amount')).toEqual(['A', 'b', 'c']);
		expect(await list('sort=amount&dir=asc')).toEqual(['b', 'A', 'c']);
		expect(await list('sort=owner')).toEqual(['c', 'A', 'b']);
		expect((await list('sort=assignee'))[0]).toBe('A');
		// An unknown column is no sort at all, never an error.
		expect((await list('sort=password')).sort()).toEqual(['A', 'b', 'c']);
	});

	it('counts what a saved view matches for whoever looks', async () => {
		const id = await draft('Tilldelad');
		await draft('Ledig');
		await assignRecord(sql(), { recordId: id, assigneeId: editor.id, actor: editor });
		const count = (user: SessionUser, query: string) =>
			countRecords(sql(), queueFilter(parseQueueQuery(new URLSearchParams(query)), user.id).filter);
		expect(await count(approver, 'assigned=me')).toBe(0);
		expect(await count(editor, 'assigned=me')).toBe(1);
		expect(await count(editor, 'assigned=none')).toBe(1);
		expect(await count(editor, 'q=ledig')).toBe(1);
	});

	it('reads one record with its document and its spans in text order', async () => {
		const id = await draft('Detalj');
		await addSpan(sql(), id, { field: 'title' });
		const detail = await getRecord(sql(), id);
		expect(detail?.record).toMatchObject({ id, title: 'Detalj', status: 'draft' });
		expect(detail?.document.title).toBe('Detalj');
		expect(detail?.provenance.map((p) => p.field)).toEqual(['title']);
		expect(await getRecord(sql(), 'no-such-record')).toBeNull();
	});
});
