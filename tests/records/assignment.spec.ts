/**
 * Assignment on both dialects: who may assign to whom, what is audited and emitted after the
 * commit, and that assignments racing from two processes hand a record over once.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { onAnyEvent, type SamlaEventName, type SamlaEvents } from '../../src/lib/server/events';
import { assignRecord, listAssignable } from '../../src/lib/server/records/assign';
import { describeEachDialect } from '../helpers/dialects';
import { clearRecordTables, draftRecord } from '../helpers/records-sql';
import { createTestUser, type TestUser } from '../helpers/users';

describeEachDialect('assignRecord', (database) => {
	const sql = () => database().sql;
	let editor: TestUser;
	let approver: TestUser;
	let viewer: TestUser;
	let admin: TestUser;
	let heard: { name: SamlaEventName; payload: SamlaEvents[SamlaEventName] }[];
	let stopListening: () => void;

	beforeEach(async () => {
		await clearRecordTables(sql());
		[editor, approver, viewer, admin] = await Promise.all([
			createTestUser(sql(), { role: 'editor', name: 'Eva Editor' }),
			createTestUser(sql(), { role: 'approver', name: 'Arne Approver' }),
			createTestUser(sql(), { role: 'viewer', name: 'Vera Viewer' }),
			createTestUser(sql(), { role: 'admin', name: 'Ada Admin' })
		]);
		heard = [];
		stopListening = onAnyEvent((name, payload) => {
			heard.push({ name, payload });
		});
	});
	afterEach(() => stopListening());

	const row = async (id: string) => {
		const { records } = sql().t;
		const [found] = await sql().db.select().from(records).where(eq(records.id, id));
		return found;
	};
	const audits = (action: string) => {
		const { auditLog } = sql().t;
		return sql().db.select().from(auditLog).where(eq(auditLog.action, action));
	};

	it('hands a record to an editor, audits it and emits record.assigned after the commit', async () => {
		const id = await draftRecord(sql());
		// Read from another handle (on PostgreSQL another pool): only a committed change is visible there.
		const other = await database().openAnother();
		const seenInListener: Promise<string | null>[] = [];
		const stop = onAnyEvent((name, p) => {
			if (name !== 'record.assigned') return;
			const { records } = other.t;
			const { recordId } = p as SamlaEvents['record.assigned'];
			seenInListener.push(
				other.db
					.select({ assigneeId: records.assigneeId })
					.from(records)
					.where(eq(records.id, recordId))
					.then(([r]) => r.assigneeId)
			);
		});
		const outcome = await assignRecord(sql(), { recordId: id, assigneeId: editor.id, actor: approver, clientAddress: '10.0.0.1' });
		stop();
		expect(outcome).toEqual({ ok: true, assignee: { id: editor.id, name: 'Eva Editor' }, changed: true });
		expect((await row(id)).assigneeId).toBe(editor.id);
		expect((await row(id)).assignedAt).toBeInstanceOf(Date);
		expect(await Promise.all(seenInListener)).toEqual([editor.id]);
		const [entry] = await audits('record.assigned');
		expect(entry).toMatchObject({ actorId: approver.id, targetId: id, clientAddress: '10.0.0.1', detail: { from: null, to: editor.id } });
		expect(heard).toEqual([
			{
				name: 'record.assigned',
				payload: {
					recordId: id,
					assignee: { id: editor.id, name: 'Eva Editor' },
					previousAssigneeId: null,
					actor: { id: approver.id, name: 'Arne Approver' },
					at: expect.any(Date)
				}
			}
		]);
	});

	it('reassigns and unassigns, each audited; assigning to the same person again changes and emits nothing', async () => {
		const id = await draftRecord(sql());
		await assignRecord(sql(), { recordId: id, assigneeId: editor.id, actor: editor });
		expect(await assignRecord(sql(), { recordId: id, assigneeId: editor.id, actor: editor })).toMatchObject({ ok: true, changed: false });
		expect(await audits('record.assigned')).toHaveLength(1);
		await assignRecord(sql(), { recordId: id, assigneeId: admin.id, actor: editor });
		expect(await assignRecord(sql(), { recordId: id, assigneeId: null, actor: editor })).toEqual({
			ok: true,
			assignee: null,
			changed: true
		});
		expect((await row(id)).assigneeId).toBeNull();
		expect((await audits('record.unassigned'))[0].detail).toEqual({ from: admin.id, to: null });
		expect(heard.map((h) => (h.payload as SamlaEvents['record.assigned']).previousAssigneeId)).toEqual([null, editor.id, admin.id]);
	});

	it('lets no viewer assign, and assigns to nobody who cannot edit or whose account is disabled', async () => {
		const id = await draftRecord(sql());
		const disabled = await createTestUser(sql(), { role: 'editor', name: 'Dan Disabled', disabled: true });
		expect(await assignRecord(sql(), { recordId: id, assigneeId: editor.id, actor: viewer })).toMatchObject({
			ok: false,
			status: 403,
			code: 'forbidden'
		});
		const toViewer = await assignRecord(sql(), { recordId: id, assigneeId: viewer.id, actor: editor });
		expect(toViewer).toMatchObject({ ok: false, status: 400, code: 'invalid' });
		expect(toViewer.ok || toViewer.message).toBe('Vera Viewer is a viewer and cannot edit records; assign it to an editor or above.');
		const toDisabled = await assignRecord(sql(), { recordId: id, assigneeId: disabled.id, actor: editor });
		expect(toDisabled.ok || toDisabled.message).toBe('Dan Disabled’s account is disabled; assign the record to someone active.');
		expect(await assignRecord(sql(), { recordId: id, assigneeId: 'nobody', actor: editor })).toMatchObject({ ok: false, code: 'invalid' });
		expect(await assignRecord(sql(), { recordId: 'missing', assigneeId: editor.id, actor: editor })).toMatchObject({
			ok: false,
			status: 404
		});
		expect((await row(id)).assigneeId).toBeNull();
		expect(await audits('record.assigned')).toEqual([]);
		expect(heard).toEqual([]);
		// The people offered are exactly those who may be assigned.
		expect((await listAssignable(sql())).map((p) => p.name)).toEqual(['Ada Admin', 'Arne Approver', 'Eva Editor']);
	});

	it('refuses a record merged into another', async () => {
		const into = await draftRecord(sql());
		const id = await draftRecord(sql());
		const { records } = sql().t;
		await sql().db.update(records).set({ mergedIntoId: into, mergedAt: new Date() }).where(eq(records.id, id));
		expect(await assignRecord(sql(), { recordId: id, assigneeId: editor.id, actor: editor })).toMatchObject({
			ok: false,
			code: 'wrong_state'
		});
	});

	it('hands a record over once when two processes assign it to the same person at once', async () => {
		const id = await draftRecord(sql());
		const other = await database().openAnother();
		const outcomes = await Promise.all(
			Array.from({ length: 10 }, (_, i) => assignRecord(i % 2 ? other : sql(), { recordId: id, assigneeId: editor.id, actor: approver }))
		);
		expect(outcomes.filter((o) => o.ok && o.changed)).toHaveLength(1);
		expect(await audits('record.assigned')).toHaveLength(1);
		expect(heard.map((h) => h.name)).toEqual(['record.assigned']);
	});
});
