/**
 * Data integrity of the one approval path and of restore (issue 14, items 6, 7, 10): what
 * the record page refuses, every entry point refuses; a restore reproduces the version and
 * credits only the fields it changed.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyTextDiff, fieldsMap, fieldText, readChangedBy } from '../../src/lib/records/ydoc';
import { UpdateOrigin } from '../../src/lib/server/docs/origins';
import type { RecordStore } from '../../src/lib/server/records/live';
import { approveRecord, changeReviewState, restoreVersion, type Services } from '../../src/lib/server/records/workflow';
import { dialectRecordStore } from '../helpers/dialect-store';
import { describeEachDialect } from '../helpers/dialects';
import { validRecord } from '../helpers/records';
import { draftRecord } from '../helpers/records-sql';
import { createTestUser, type TestUser } from '../helpers/users';

describeEachDialect('approval and restore', (database) => {
	let services: Services;
	let editor: TestUser;
	let approver: TestUser;

	beforeEach(async () => {
		services = { sql: database().sql, docs: dialectRecordStore(database(), { projectEveryMs: 10, log: () => {} }) };
		[editor, approver] = await Promise.all([
			createTestUser(database().sql, { role: 'editor', name: 'Eva' }),
			createTestUser(database().sql, { role: 'approver', name: 'Arne' })
		]);
	});
	afterEach(async () => {
		await services.docs.close();
	});

	const live = async (id: string) => (await services.docs.snapshot(id))!;
	const versions = (id: string) => {
		const { db, t } = database().sql;
		return db.select().from(t.recordVersions).where(eq(t.recordVersions.recordId, id)).orderBy(t.recordVersions.version);
	};
	const published = (id: string) => {
		const { db, t } = database().sql;
		return db.select().from(t.publicProjects).where(eq(t.publicProjects.recordId, id));
	};
	const byEditor = (id: string, fn: Parameters<RecordStore['edit']>[2]) =>
		services.docs.edit(id, new UpdateOrigin({ id: editor.id, name: editor.name }, 'socket'), fn);

	describe('one approval path', () => {
		it('refuses a start date that does not exist (2024-02-30) with the reason, and writes and publishes nothing', async () => {
			// The typed text is kept as is; parsed, it reads as "no start date", which the old path approved and published as null.
			const id = await draftRecord(database().sql, validRecord({ startDate: '2024-02-30' }));
			expect((await live(id)).record.startDate).toBeNull();
			const out = await approveRecord(services, { recordId: id, expectedVersion: null, user: approver, bulk: true });
			expect(out).toMatchObject({ ok: false, status: 400, code: 'invalid' });
			expect(!out.ok && out.issues?.map((i) => [i.field, i.message])).toEqual([
				['startDate', '2024-02-30 is not a day in the calendar; check the month and the day.']
			]);
			expect(await versions(id)).toEqual([]);
			expect(await published(id)).toEqual([]);
			expect((await live(id)).review).toBe('draft');
		});

		it('refuses every invalid field at once, whichever field it is', async () => {
			const id = await draftRecord(database().sql, validRecord({ startDate: '2024-13-01', country: 'XX', nuts: 'XX99' }));
			await byEditor(id, (doc) => {
				fieldsMap(doc).set('participants', '12,5');
				fieldsMap(doc).set('cofinancingRate', '140 %');
			});
			const out = await approveRecord(services, { recordId: id, expectedVersion: null, user: approver });
			expect(!out.ok && out.issues?.map((i) => i.field).sort()).toEqual([
				'cofinancingRate',
				'country',
				'nuts',
				'participants',
				'startDate'
			]);
			expect(await versions(id)).toEqual([]);
		});
	});

	describe('asking for review', () => {
		it('tells the editor what will block approval, and still sends the record for review', async () => {
			const id = await draftRecord(database().sql, validRecord({ startDate: '2024-02-30' }));
			const out = await changeReviewState(services, { recordId: id, action: 'submit', user: editor });
			expect(out).toMatchObject({ ok: true, state: 'in_review' });
			expect(out.ok && out.blockers.map((i) => i.field)).toEqual(['startDate']);
		});
	});

	describe('restore', () => {
		it('reproduces the version, keeps what was typed where the value is the same, and credits only what it changed', async () => {
			const id = await draftRecord(database().sql, validRecord({ title: 'Version ett', cofinancingRate: 0.5 }));
			await byEditor(id, (doc) => fieldsMap(doc).set('cofinancingRate', '50 %'));
			expect(await approveRecord(services, { recordId: id, expectedVersion: null, user: approver })).toMatchObject({
				ok: true,
				version: 1
			});
			await byEditor(id, (doc) => applyTextDiff(fieldText(doc, 'title')!, 'Version två'));
			expect(await approveRecord(services, { recordId: id, expectedVersion: 1, user: approver })).toMatchObject({ ok: true, version: 2 });

			const out = await restoreVersion(services, { recordId: id, version: 1, user: approver });
			expect(out).toEqual({ ok: true, changed: ['title'] });
			const now = await live(id);
			expect(now.record).toEqual((await versions(id)).find((v) => v.version === 1)!.data);
			expect(now.inputs.cofinancingRate).toBe('50 %');
			expect(now.changedBy.cofinancingRate?.name).toBe('Eva');
			expect(now.changedBy.title?.name).toBe('Arne');
		});

		it('of the version the record already holds changes nothing: it stays approved, with its stamps', async () => {
			const id = await draftRecord(database().sql, validRecord({ title: 'Version ett' }));
			await byEditor(id, (doc) => applyTextDiff(fieldText(doc, 'title')!, 'Version två'));
			expect(await approveRecord(services, { recordId: id, expectedVersion: null, user: approver })).toMatchObject({
				ok: true,
				version: 1
			});
			const before = await live(id);
			expect(await restoreVersion(services, { recordId: id, version: 1, user: approver })).toEqual({ ok: true, changed: [] });
			const now = await live(id);
			expect(now.review).toBe('approved');
			expect(now.changedBy).toEqual(before.changedBy);
			expect(now.record).toEqual(before.record);
		});

		it('writes the version over a field whose text reads as the same value but is not valid', async () => {
			const id = await draftRecord(database().sql, validRecord({ startDate: null }));
			await approveRecord(services, { recordId: id, expectedVersion: null, user: approver });
			await byEditor(id, (doc) => fieldsMap(doc).set('startDate', '2024-02-30'));
			const out = await restoreVersion(services, { recordId: id, version: 1, user: approver });
			expect(out).toEqual({ ok: true, changed: ['startDate'] });
			expect((await live(id)).inputs.startDate).toBe('');
			const s = (await services.docs.open(id))!;
			expect(readChangedBy(s.doc).startDate?.name).toBe('Arne');
			s.close();
		});
	});
});
