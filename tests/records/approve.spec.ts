import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, records, recordVersions } from '../../src/lib/server/db/schema';
import { commitApproval, type ApprovalRequest } from '../../src/lib/server/records/approve';
import { tempDatabase, type TempDatabase } from '../helpers/db';
import { createDraft, validRecord } from '../helpers/records';
import { createTestUser, type TestUser } from '../helpers/users';

let t: TempDatabase;
let approver: TestUser;
beforeEach(async () => {
	t = tempDatabase();
	approver = await createTestUser(t.db, { role: 'approver' });
});
afterEach(() => t.cleanup());

const sv = new Uint8Array([1, 2, 3]);
const request = (recordId: string, over: Partial<ApprovalRequest> = {}): ApprovalRequest => ({
	recordId,
	expectedVersion: null,
	record: validRecord(),
	stateVector: sv,
	approverId: approver.id,
	...over
});
const versions = (id: string) => t.db.select().from(recordVersions).where(eq(recordVersions.recordId, id)).all();

describe('commitApproval', () => {
	it('writes version 1, points the record at it, and audits it', () => {
		const rec = validRecord();
		const id = createDraft(t.db, rec);
		expect(commitApproval(t.db, request(id, { record: rec, note: 'första' }))).toEqual({ ok: true, version: 1 });
		const [v] = versions(id);
		expect(v).toMatchObject({ version: 1, data: rec, approvedBy: approver.id, note: 'första' });
		expect(t.db.select().from(records).where(eq(records.id, id)).get()).toMatchObject({
			status: 'approved',
			approvedVersion: 1
		});
		const entry = t.db.select().from(auditLog).where(eq(auditLog.action, 'record.approved')).get();
		expect(entry).toMatchObject({ actorId: approver.id, targetId: id, detail: { version: 1, note: 'första' } });
	});

	it('numbers versions and refuses a state identical to the last version', () => {
		const rec = validRecord();
		const id = createDraft(t.db, rec);
		commitApproval(t.db, request(id, { record: rec }));
		t.db.update(records).set({ status: 'draft' }).where(eq(records.id, id)).run();
		const again = commitApproval(t.db, request(id, { record: structuredClone(rec), expectedVersion: 1 }));
		expect(again).toMatchObject({ ok: false, status: 400, code: 'no_changes', message: 'No changes since v1.' });
		const edited = { ...rec, participants: 40 };
		expect(commitApproval(t.db, request(id, { record: edited, expectedVersion: 1 }))).toEqual({ ok: true, version: 2 });
		expect(versions(id).map((v) => v.version)).toEqual([1, 2]);
	});

	it('lets only one of two racing approvals win; the other learns the version', async () => {
		const id = createDraft(t.db);
		const [a, b] = await Promise.all([
			Promise.resolve().then(() => commitApproval(t.db, request(id, { record: validRecord({ title: 'A' }) }))),
			Promise.resolve().then(() => commitApproval(t.db, request(id, { record: validRecord({ title: 'B' }) })))
		]);
		expect([a.ok, b.ok].sort()).toEqual([false, true]);
		expect([a, b].find((o) => !o.ok)).toMatchObject({ status: 409, code: 'conflict', message: 'Already approved as v1.' });
		expect(versions(id)).toHaveLength(1);
	});

	it('refuses a record that does not validate, with the reasons, and writes nothing', () => {
		const id = createDraft(t.db);
		const bad = validRecord({
			title: '',
			startDate: '2025-05-01',
			endDate: '2024-01-01',
			country: 'Sverige',
			amount: { value: 5, currency: 'KRONOR' }
		});
		const out = commitApproval(t.db, request(id, { record: bad }));
		expect(out.ok).toBe(false);
		if (out.ok) return;
		expect(out.status).toBe(400);
		expect(out.code).toBe('invalid');
		expect(out.issues?.map((i) => i.field).sort()).toEqual(['amount', 'country', 'endDate', 'title']);
		expect(versions(id)).toEqual([]);
		expect(t.db.select().from(records).where(eq(records.id, id)).get()?.status).toBe('draft');
		expect(t.db.select().from(auditLog).where(eq(auditLog.action, 'record.approved')).all()).toEqual([]);
	});

	it('answers 404 for an unknown record and refuses rejected records', () => {
		expect(commitApproval(t.db, request('nope'))).toMatchObject({ ok: false, status: 404, code: 'not_found' });
		const id = createDraft(t.db);
		t.db.update(records).set({ status: 'rejected' }).where(eq(records.id, id)).run();
		expect(commitApproval(t.db, request(id))).toMatchObject({ ok: false, status: 400, code: 'wrong_state' });
	});

	it('rolls everything back when a write inside the transaction fails', () => {
		const id = createDraft(t.db);
		t.db.$client.exec(`CREATE TRIGGER no_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit down'); END`);
		expect(() => commitApproval(t.db, request(id))).toThrow(/audit down/);
		expect(versions(id)).toEqual([]);
		expect(t.db.select().from(records).where(eq(records.id, id)).get()).toMatchObject({ status: 'draft', approvedVersion: null });
	});
});
