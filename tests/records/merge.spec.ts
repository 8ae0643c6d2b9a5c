/**
 * "Possibly the same project" and merging on both dialects: what a merge copies and closes,
 * what un-merging restores, and that merges racing from two processes close a pair once.
 */
import { eq } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import { mergeRecords, unmergeRecord } from '../../src/lib/server/records/merge';
import { nearlySameTitle, sameProjectCandidates, sameProjectPairs } from '../../src/lib/server/records/same-project';
import { describeEachDialect } from '../helpers/dialects';
import { validRecord } from '../helpers/records';
import { addSpan, clearRecordTables, draftRecord } from '../helpers/records-sql';
import { createTestUser, type TestUser } from '../helpers/users';

describeEachDialect('merging records', (database) => {
	const sql = () => database().sql;
	let editor: TestUser;
	let viewer: TestUser;

	beforeEach(async () => {
		await clearRecordTables(sql());
		[editor, viewer] = await Promise.all([
			createTestUser(sql(), { role: 'editor', name: 'Eva' }),
			createTestUser(sql(), { role: 'viewer' })
		]);
	});

	const row = async (id: string) => {
		const { records } = sql().t;
		const [found] = await sql().db.select().from(records).where(eq(records.id, id));
		return found;
	};
	const spans = async (recordId: string) => {
		const { fieldProvenance } = sql().t;
		return sql().db.select().from(fieldProvenance).where(eq(fieldProvenance.recordId, recordId));
	};
	const audited = async () => {
		const { auditLog } = sql().t;
		return (await sql().db.select({ action: auditLog.action }).from(auditLog)).map((a) => a.action);
	};

	it('proposes records with the same reference, or nearly the same title and owner', async () => {
		const draft = (title: string, owner: string, reference: string | null) => draftRecord(sql(), validRecord({ title, owner, reference }));
		const a = await draft('Unga vägar till arbete', 'Region Skåne', null);
		const b = await draft('Unga vägar till arbete.', 'region skåne', null);
		const c = await draft('Något helt annat', 'Lunds kommun', '2023/00412');
		const d = await draft('Annat namn', 'Malmö stad', '2023/00412');
		await draft('Unga vägar till arbete', 'Malmö stad', null);
		const record = async (id: string) => {
			const r = await row(id);
			return { id, title: r.title, reference: r.draft.reference, owner: r.draft.owner };
		};
		expect(await sameProjectCandidates(sql(), await record(a))).toEqual([{ id: b, title: 'Unga vägar till arbete.', reason: 'title' }]);
		expect((await sameProjectCandidates(sql(), await record(c))).map((x) => [x.id, x.reason])).toEqual([[d, 'reference']]);
		const pairs = await sameProjectPairs(sql());
		expect(pairs.get(a)?.id).toBe(b);
		expect(pairs.get(d)?.id).toBe(c);
		expect(nearlySameTitle('Kompetenslyft Norr', 'Kompetenslyftet Söder')).toBe(false);
	});

	it('merges: the kept record gets every span, the other is closed with a pointer; un-merge undoes exactly that', async () => {
		const keep = await draftRecord(sql(), validRecord({ title: 'Unga vägar', reference: 'A-1' }));
		const other = await draftRecord(sql(), validRecord({ title: 'Pressmeddelande om Unga vägar', reference: 'A-1' }));
		const pointing = await draftRecord(sql());
		const { records } = sql().t;
		await sql().db.update(records).set({ sameAsId: other }).where(eq(records.id, pointing));
		await addSpan(sql(), keep, { field: 'title' });
		for (const field of ['title', 'owner', 'amount']) await addSpan(sql(), other, { field });

		expect(await mergeRecords(sql(), { keepId: keep, closeId: other, user: viewer })).toMatchObject({ ok: false, status: 403 });
		expect(await mergeRecords(sql(), { keepId: keep, closeId: keep, user: editor })).toMatchObject({ ok: false, status: 400 });
		expect(await mergeRecords(sql(), { keepId: keep, closeId: 'no-such-record', user: editor })).toMatchObject({ ok: false, status: 404 });
		expect(await mergeRecords(sql(), { keepId: keep, closeId: other, user: editor })).toEqual({ ok: true, copied: 3 });
		expect(await spans(keep)).toHaveLength(4);
		expect((await row(other)).mergedIntoId).toBe(keep);
		expect((await row(pointing)).sameAsId).toBe(keep);
		expect((await sameProjectPairs(sql())).has(other)).toBe(false);
		expect(await mergeRecords(sql(), { keepId: keep, closeId: other, user: editor })).toMatchObject({ ok: false, status: 409 });

		expect(await unmergeRecord(sql(), { recordId: other, user: viewer })).toMatchObject({ ok: false, status: 403 });
		expect(await unmergeRecord(sql(), { recordId: other, user: editor })).toEqual({ ok: true, copied: 3 });
		expect(await spans(keep)).toHaveLength(1);
		expect(await spans(other)).toHaveLength(3);
		expect((await row(other)).mergedIntoId).toBeNull();
		expect(await unmergeRecord(sql(), { recordId: other, user: editor })).toMatchObject({ ok: false, status: 409 });
		expect(await audited()).toEqual(expect.arrayContaining(['record.merged', 'record.unmerged']));
	});

	it('closes a pair once when two processes merge it either way round at the same moment', async () => {
		const other = await database().openAnother();
		const pairs = await Promise.all(
			Array.from({ length: 8 }, async (_, i) => {
				const a = await draftRecord(sql(), validRecord({ title: `Par ${i} a` }));
				const b = await draftRecord(sql(), validRecord({ title: `Par ${i} b` }));
				await addSpan(sql(), a);
				await addSpan(sql(), b);
				return [a, b] as const;
			})
		);
		const outcomes = await Promise.all(
			pairs.flatMap(([a, b]) => [
				mergeRecords(sql(), { keepId: a, closeId: b, user: editor }),
				mergeRecords(other, { keepId: b, closeId: a, user: editor })
			])
		);
		for (const [i, [a, b]] of pairs.entries()) {
			const [first, second] = outcomes.slice(2 * i, 2 * i + 2);
			// Exactly one of the two went through; the other found the pair merged already.
			expect([first.ok, second.ok].sort()).toEqual([false, true]);
			expect(first.ok ? second : first).toMatchObject({ ok: false, status: 409 });
			const [rowA, rowB] = [await row(a), await row(b)];
			expect([rowA.mergedIntoId, rowB.mergedIntoId].filter(Boolean)).toHaveLength(1);
			// The span of the closed record was copied once, into the record that stayed.
			const kept = rowA.mergedIntoId ? b : a;
			expect(await spans(kept)).toHaveLength(2);
		}
		expect((await audited()).filter((a) => a === 'record.merged')).toHaveLength(pairs.length);
	});

	it('opens a merged record once when two processes un-merge it at the same moment', async () => {
		const other = await database().openAnother();
		const closed = await Promise.all(
			Array.from({ length: 8 }, async (_, i) => {
				const keep = await draftRecord(sql(), validRecord({ title: `Kvar ${i}` }));
				const close = await draftRecord(sql(), validRecord({ title: `Stängd ${i}` }));
				await addSpan(sql(), close);
				expect((await mergeRecords(sql(), { keepId: keep, closeId: close, user: editor })).ok).toBe(true);
				return close;
			})
		);
		const outcomes = await Promise.all(
			closed.flatMap((id) => [unmergeRecord(sql(), { recordId: id, user: editor }), unmergeRecord(other, { recordId: id, user: editor })])
		);
		for (const i of closed.keys()) {
			const [first, second] = outcomes.slice(2 * i, 2 * i + 2);
			expect([first.ok, second.ok].sort()).toEqual([false, true]);
			expect(first.ok ? second : first).toMatchObject({ ok: false, status: 409 });
		}
		// One entry per record opened again, not one per attempt.
		expect((await audited()).filter((a) => a === 'record.unmerged')).toHaveLength(closed.length);
	});
});
