/**
 * Committing an approval on both dialects: the version, the record's row, the public index
 * and the audit entry commit together, and approvals racing from two processes (two pools
 * on PostgreSQL) write one version per record.
 */
import { and, eq, inArray, sql as rawSql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { PgDb } from '../../src/lib/server/db/pg-client';
import type { Sql } from '../../src/lib/server/db/sql';
import { publicVersion } from '../../src/lib/server/public/state';
import { commitApproval, type ApprovalRequest } from '../../src/lib/server/records/approve';
import { getVersion, listVersions } from '../../src/lib/server/records/versions';
import { describeEachDialect, itOn } from '../helpers/dialects';
import { validRecord } from '../helpers/records';
import { draftRecord } from '../helpers/records-sql';
import { createTestUser, type TestUser } from '../helpers/users';

const RACES = 100;
const sv = new Uint8Array([1, 2, 3]);

describeEachDialect('commitApproval', (database, dialect) => {
	const sql = () => database().sql;
	let approver: TestUser;
	beforeAll(async () => {
		approver = await createTestUser(sql(), { role: 'approver' });
	});

	const request = (recordId: string, over: Partial<ApprovalRequest> = {}): ApprovalRequest => ({
		recordId,
		expectedVersion: null,
		record: validRecord(),
		stateVector: sv,
		approverId: approver.id,
		...over
	});
	const versions = (id: string) => {
		const { recordVersions } = sql().t;
		return sql().db.select().from(recordVersions).where(eq(recordVersions.recordId, id)).orderBy(recordVersions.version);
	};
	const row = async (id: string) => {
		const { records } = sql().t;
		return (await sql().db.select().from(records).where(eq(records.id, id)))[0];
	};
	const approvedAudits = (id: string) => {
		const { auditLog } = sql().t;
		return sql()
			.db.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'record.approved'), eq(auditLog.targetId, id)));
	};
	const setStatus = async (id: string, status: 'draft' | 'rejected') => {
		const { records } = sql().t;
		await sql().db.update(records).set({ status }).where(eq(records.id, id));
	};

	it('writes version 1, points the record at it, publishes and audits it', async () => {
		const rec = validRecord();
		const id = await draftRecord(sql(), rec);
		const before = (await publicVersion(sql())).generation;
		expect(await commitApproval(sql(), request(id, { record: rec, note: 'första' }))).toEqual({ ok: true, version: 1 });
		const [v] = await versions(id);
		expect(v).toMatchObject({ version: 1, data: rec, approvedBy: approver.id, note: 'första' });
		expect(await row(id)).toMatchObject({ status: 'approved', approvedVersion: 1 });
		const { publicProjects } = sql().t;
		expect(await sql().db.select().from(publicProjects).where(eq(publicProjects.recordId, id))).toMatchObject([{ version: 1 }]);
		expect((await publicVersion(sql())).generation).toBe(before + 1);
		expect(await approvedAudits(id)).toMatchObject([{ actorId: approver.id, targetId: id, detail: { version: 1, note: 'första' } }]);
	});

	it('numbers versions and refuses a state identical to the last version', async () => {
		const rec = validRecord();
		const id = await draftRecord(sql(), rec);
		await commitApproval(sql(), request(id, { record: rec }));
		await setStatus(id, 'draft');
		const again = await commitApproval(sql(), request(id, { record: structuredClone(rec), expectedVersion: 1 }));
		expect(again).toMatchObject({ ok: false, status: 400, code: 'no_changes', message: 'No changes since v1.' });
		const edited = { ...rec, participants: 40 };
		expect(await commitApproval(sql(), request(id, { record: edited, expectedVersion: 1 }))).toEqual({ ok: true, version: 2 });
		expect((await versions(id)).map((v) => v.version)).toEqual([1, 2]);
	});

	it('lists the versions newest first with their approver, and reads one back', async () => {
		const first = validRecord({ title: 'Första' });
		const id = await draftRecord(sql(), first);
		await commitApproval(sql(), request(id, { record: first, note: 'ett' }));
		await setStatus(id, 'draft');
		await commitApproval(sql(), request(id, { record: validRecord({ title: 'Andra' }), expectedVersion: 1 }));
		expect(await listVersions(sql(), id)).toEqual([
			{ version: 2, approvedAt: expect.any(Date), approverName: approver.name, note: null },
			{ version: 1, approvedAt: expect.any(Date), approverName: approver.name, note: 'ett' }
		]);
		expect((await getVersion(sql(), id, 1))?.data).toEqual(first);
		expect(await getVersion(sql(), id, 3)).toBeNull();
	});

	it('lets only one of two racing approvals win; the other learns the version', async () => {
		const id = await draftRecord(sql());
		const [a, b] = await Promise.all([
			commitApproval(sql(), request(id, { record: validRecord({ title: 'A' }) })),
			commitApproval(sql(), request(id, { record: validRecord({ title: 'B' }) }))
		]);
		expect([a.ok, b.ok].sort()).toEqual([false, true]);
		expect([a, b].find((o) => !o.ok)).toMatchObject({ status: 409, code: 'conflict', message: 'Already approved as v1.' });
		expect(await versions(id)).toHaveLength(1);
	});

	it('refuses a record that does not validate, with the reasons, and writes nothing', async () => {
		const id = await draftRecord(sql());
		const bad = validRecord({
			title: '',
			startDate: '2025-05-01',
			endDate: '2024-01-01',
			country: 'Sverige',
			amount: { value: 5, currency: 'KRONOR' }
		});
		const out = await commitApproval(sql(), request(id, { record: bad }));
		expect(out.ok).toBe(false);
		if (out.ok) return;
		expect(out.status).toBe(400);
		expect(out.code).toBe('invalid');
		expect(out.issues?.map((i) => i.field).sort()).toEqual(['amount', 'country', 'endDate', 'title']);
		expect(await versions(id)).toEqual([]);
		expect((await row(id)).status).toBe('draft');
		expect(await approvedAudits(id)).toEqual([]);
	});

	it('answers 404 for an unknown record and refuses rejected records', async () => {
		expect(await commitApproval(sql(), request('nope'))).toMatchObject({ ok: false, status: 404, code: 'not_found' });
		const id = await draftRecord(sql());
		await setStatus(id, 'rejected');
		expect(await commitApproval(sql(), request(id))).toMatchObject({ ok: false, status: 400, code: 'wrong_state' });
	});

	it('rolls everything back when a write inside the transaction fails', async () => {
		const id = await draftRecord(sql());
		await failAudits(sql(), true);
		try {
			const failed = await commitApproval(sql(), request(id)).catch((e: Error) => e);
			// PostgreSQL's driver error comes wrapped in Drizzle's, as its cause.
			expect(failed instanceof Error && `${failed.message} ${(failed.cause as Error | undefined)?.message}`).toMatch(/audit down/);
		} finally {
			await failAudits(sql(), false);
		}
		expect(await versions(id)).toEqual([]);
		expect(await row(id)).toMatchObject({ status: 'draft', approvedVersion: null });
		const { publicProjects } = sql().t;
		expect(await sql().db.select().from(publicProjects).where(eq(publicProjects.recordId, id))).toEqual([]);
	});

	itOn(dialect, 'pg')(`gives one version per record in ${RACES} races between two processes, published once`, async () => {
		const other = await database().openAnother();
		const ids: string[] = [];
		for (let i = 0; i < RACES; i++) ids.push(await draftRecord(sql()));
		const before = (await publicVersion(sql())).generation;
		for (const id of ids) {
			const outcomes = await Promise.all([
				commitApproval(sql(), request(id, { record: validRecord({ title: 'Från A' }) })),
				commitApproval(other, request(id, { record: validRecord({ title: 'Från B' }) }))
			]);
			expect(outcomes).toContainEqual({ ok: true, version: 1 });
			expect(outcomes).toContainEqual(expect.objectContaining({ ok: false, status: 409, code: 'conflict' }));
		}
		const { publicProjects, recordVersions } = sql().t;
		const written = await sql().db.select().from(recordVersions).where(inArray(recordVersions.recordId, ids));
		expect(written.map((v) => `${v.recordId}:${v.version}`).sort()).toEqual(ids.map((id) => `${id}:1`).sort());
		const published = await sql().db.select().from(publicProjects).where(inArray(publicProjects.recordId, ids));
		expect(published.map((p) => p.recordId).sort()).toEqual([...ids].sort());
		expect((await publicVersion(sql())).generation).toBe(before + RACES);
		const audited = await Promise.all(ids.map((id) => approvedAudits(id)));
		expect(audited.map((a) => a.length)).toEqual(ids.map(() => 1));
	});

	itOn(dialect, 'pg')('makes one organisation of a new name that two processes publish at once', async () => {
		const other = await database().openAnother();
		const { publicOrganisations, publicProjectOrganisations } = sql().t;
		for (let i = 0; i < 10; i++) {
			const owner = `Nytt förbund ${i}`;
			const [a, b] = [await draftRecord(sql()), await draftRecord(sql())];
			const outcomes = await Promise.all([
				commitApproval(sql(), request(a, { record: validRecord({ title: `A ${i}`, owner }) })),
				commitApproval(other, request(b, { record: validRecord({ title: `B ${i}`, owner }) }))
			]);
			expect(outcomes).toEqual([
				{ ok: true, version: 1 },
				{ ok: true, version: 1 }
			]);
			const orgs = await sql().db.select().from(publicOrganisations).where(eq(publicOrganisations.name, owner));
			expect(orgs).toHaveLength(1);
			const links = await sql()
				.db.select()
				.from(publicProjectOrganisations)
				.where(eq(publicProjectOrganisations.organisationId, orgs[0].id));
			expect(links).toHaveLength(2);
		}
	});
});

/** Makes every audit insert fail (or stop failing), as a full disk or a broken constraint would. */
async function failAudits(sql: Sql, fail: boolean): Promise<void> {
	if (sql.dialect === 'sqlite') {
		const client = (sql.db as unknown as { $client: import('better-sqlite3').Database }).$client;
		client.exec(
			fail ? `CREATE TRIGGER no_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit down'); END` : 'DROP TRIGGER no_audit'
		);
		return;
	}
	const db = sql.db as unknown as PgDb;
	if (fail) {
		await db.execute(
			rawSql.raw(`CREATE FUNCTION no_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit down'; END $$`)
		);
		await db.execute(rawSql.raw('CREATE TRIGGER no_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION no_audit()'));
	} else {
		await db.execute(rawSql.raw('DROP TRIGGER no_audit ON audit_log'));
		await db.execute(rawSql.raw('DROP FUNCTION no_audit()'));
	}
}
