/**
 * The review workflow on both dialects: moves between review states, approval and restore,
 * in the live document, the records row, the public index and the audit log.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { applyTextDiff, fieldText, readApproval, readCommentsRevision, readReview, readReviewNote } from '../../src/lib/records/ydoc';
import { UpdateOrigin } from '../../src/lib/server/docs/origins';
import { announceComments } from '../../src/lib/server/records/comment-signal';
import { approveRecord, changeReviewState, restoreVersion, type Services } from '../../src/lib/server/records/workflow';
import { describeEachDialect } from '../helpers/dialects';
import { dialectRecordStore } from '../helpers/dialect-store';
import { validRecord } from '../helpers/records';
import { draftRecord } from '../helpers/records-sql';
import { createTestUser, type TestUser } from '../helpers/users';

describeEachDialect('the review workflow', (database) => {
	const sql = () => database().sql;
	let services: Services;
	let editor: TestUser;
	let approver: TestUser;
	let viewer: TestUser;

	beforeAll(async () => {
		services = { sql: sql(), docs: dialectRecordStore(database(), { projectEveryMs: 10, log: () => {} }) };
		[editor, approver, viewer] = await Promise.all([
			createTestUser(sql(), { role: 'editor', name: 'Eva' }),
			createTestUser(sql(), { role: 'approver', name: 'Arne' }),
			createTestUser(sql(), { role: 'viewer' })
		]);
	});
	afterAll(async () => {
		await services?.docs.close();
	});

	const live = async (id: string) => (await services.docs.snapshot(id))!;
	const row = async (id: string) => {
		const { records } = sql().t;
		return (await sql().db.select().from(records).where(eq(records.id, id)))[0];
	};
	const published = (id: string) => {
		const { publicProjects } = sql().t;
		return sql().db.select().from(publicProjects).where(eq(publicProjects.recordId, id));
	};
	/** The public index keeps the title folded for sorting. */
	const publicTitle = async (id: string) => (await published(id))[0]?.sortTitle;
	const audits = (action: string, id: string) => {
		const { auditLog } = sql().t;
		return sql()
			.db.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, action), eq(auditLog.targetId, id)))
			.orderBy(auditLog.id);
	};
	const versions = (id: string) => {
		const { recordVersions } = sql().t;
		return sql().db.select().from(recordVersions).where(eq(recordVersions.recordId, id)).orderBy(recordVersions.version);
	};

	async function editTitle(id: string, title: string, who: TestUser = editor) {
		await services.docs.edit(id, new UpdateOrigin({ id: who.id, name: who.name }, 'socket'), (doc) =>
			applyTextDiff(fieldText(doc, 'title')!, title)
		);
	}

	it('walks draft -> in review -> changes requested -> in review -> approved, live and in the row', async () => {
		const id = await draftRecord(sql());
		expect(await changeReviewState(services, { recordId: id, action: 'submit', user: editor })).toEqual({
			ok: true,
			state: 'in_review',
			blockers: []
		});
		expect((await live(id)).review).toBe('in_review');
		expect((await row(id)).status).toBe('in_review');

		const noReason = await changeReviewState(services, { recordId: id, action: 'request_changes', user: approver });
		expect(noReason).toMatchObject({ ok: false, status: 400 });
		await changeReviewState(services, { recordId: id, action: 'request_changes', user: approver, reason: 'Fel belopp' });
		const s = await services.docs.open(id);
		expect(readReview(s!.doc)).toBe('changes_requested');
		expect(readReviewNote(s!.doc)).toMatchObject({ text: 'Fel belopp', by: 'Arne' });
		s!.close();

		await changeReviewState(services, { recordId: id, action: 'submit', user: editor });
		const approved = await approveRecord(services, { recordId: id, expectedVersion: null, user: approver, note: 'ok' });
		expect(approved).toEqual({ ok: true, version: 1 });
		const after = await services.docs.open(id);
		expect(readReview(after!.doc)).toBe('approved');
		expect(readApproval(after!.doc)).toMatchObject({ version: 1, by: 'Arne' });
		expect(readReviewNote(after!.doc)).toBeNull();
		after!.close();
		expect(await published(id)).toMatchObject([{ version: 1 }]);
		expect((await audits('record.state_changed', id)).map((a) => (a.detail as { to: string }).to)).toEqual([
			'in_review',
			'changes_requested',
			'in_review'
		]);
	});

	it('refuses moves the role or the state does not allow', async () => {
		const id = await draftRecord(sql());
		expect(await changeReviewState(services, { recordId: id, action: 'submit', user: viewer })).toMatchObject({ ok: false, status: 403 });
		expect(await changeReviewState(services, { recordId: id, action: 'reject', user: editor, reason: 'x' })).toMatchObject({
			ok: false,
			status: 403
		});
		expect(await approveRecord(services, { recordId: id, expectedVersion: null, user: editor })).toMatchObject({ ok: false, status: 403 });
		expect(await changeReviewState(services, { recordId: id, action: 'reopen', user: approver })).toMatchObject({ ok: false, status: 400 });
		expect(await approveRecord(services, { recordId: 'nope', expectedVersion: null, user: approver })).toMatchObject({
			ok: false,
			status: 404
		});
		expect((await row(id)).status).toBe('draft');
		expect(await versions(id)).toEqual([]);
	});

	it('opens a new draft when an approved record is edited; the public keeps the approved version', async () => {
		const id = await draftRecord(sql(), validRecord({ title: 'Före' }));
		await approveRecord(services, { recordId: id, expectedVersion: null, user: approver });
		await editTitle(id, 'Efter');
		expect((await live(id)).review).toBe('draft');
		expect(await publicTitle(id)).toBe('fore');
		expect(await approveRecord(services, { recordId: id, expectedVersion: null, user: approver })).toMatchObject({
			ok: false,
			status: 409,
			message: 'Already approved as v1.'
		});
		expect(await approveRecord(services, { recordId: id, expectedVersion: 1, user: approver })).toEqual({ ok: true, version: 2 });
		expect(await publicTitle(id)).toBe('efter');
	});

	it('refuses to approve an invalid live state and reports why', async () => {
		const id = await draftRecord(sql(), validRecord({ startDate: '2025-01-01', endDate: '2024-01-01' }));
		const out = await approveRecord(services, { recordId: id, expectedVersion: null, user: approver });
		expect(out).toMatchObject({ ok: false, status: 400 });
		expect(!out.ok && out.issues?.map((i) => i.field)).toEqual(['endDate']);
		expect((await live(id)).review).toBe('draft');
	});

	it('restores an old version as a new edit that needs approval again, never rewriting history', async () => {
		const id = await draftRecord(sql(), validRecord({ title: 'Version ett' }));
		await approveRecord(services, { recordId: id, expectedVersion: null, user: approver });
		await editTitle(id, 'Version två');
		await approveRecord(services, { recordId: id, expectedVersion: 1, user: approver });

		expect(await restoreVersion(services, { recordId: id, version: 1, user: editor })).toMatchObject({ ok: false, status: 403 });
		const other = await draftRecord(sql());
		expect(await restoreVersion(services, { recordId: other, version: 1, user: approver })).toMatchObject({ ok: false, status: 400 });
		expect(await restoreVersion(services, { recordId: id, version: 1, user: approver })).toEqual({ ok: true, changed: ['title'] });
		const now = await live(id);
		expect(now.record.title).toBe('Version ett');
		expect(now.review).toBe('draft');
		expect((await versions(id)).map((v) => v.data.title)).toEqual(['Version ett', 'Version två']);
		expect(await audits('record.restored', id)).toHaveLength(1);
		expect(await approveRecord(services, { recordId: id, expectedVersion: 2, user: approver })).toEqual({ ok: true, version: 3 });
	});

	it('takes a rejected record out of the public view and puts it back when reopened', async () => {
		const id = await draftRecord(sql());
		await approveRecord(services, { recordId: id, expectedVersion: null, user: approver });
		await changeReviewState(services, { recordId: id, action: 'reject', user: approver, reason: 'Dubblett' });
		expect((await row(id)).status).toBe('rejected');
		expect(await published(id)).toEqual([]);
		await changeReviewState(services, { recordId: id, action: 'reopen', user: approver });
		expect((await row(id)).status).toBe('draft');
		expect(await published(id)).toHaveLength(1);
	});

	it('announces comments through the live document without reopening an approved record', async () => {
		const id = await draftRecord(sql());
		await approveRecord(services, { recordId: id, expectedVersion: null, user: approver });
		const s = (await services.docs.open(id))!;
		const before = readCommentsRevision(s.doc);
		await announceComments(services.docs, id);
		expect(readCommentsRevision(s.doc)).toBe(before + 1);
		expect(readReview(s.doc)).toBe('approved');
		s.close();
	});
});
