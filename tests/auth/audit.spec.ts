/** The audit log's writer and its readers (the admin's list and filters, the entries as sentences) on both dialects. */
import { beforeEach, expect, it } from 'vitest';
import { auditActions, auditSql, listAudit } from '../../src/lib/server/audit';
import { presentAudit } from '../../src/lib/server/audit-view';
import { assignRecord } from '../../src/lib/server/records/assign';
import { describeEachDialect } from '../helpers/dialects';
import { validRecord } from '../helpers/records';
import { clearRecordTables, draftRecord } from '../helpers/records-sql';
import { createTestUser } from '../helpers/users';

describeEachDialect('audit log', (database) => {
	const sql = () => database().sql;
	beforeEach(() => clearRecordTables(sql()));

	it('keeps free-form actions with actor, target and detail, newest first, in pages', async () => {
		const actor = await createTestUser(sql(), { role: 'approver' }); // writes user.created, the oldest entry
		const start = Date.now() + 1000;
		for (let i = 0; i < 7; i++) {
			await auditSql(sql(), sql().db, {
				action: i % 2 ? 'record.approved' : 'record.restored',
				actorId: i === 6 ? null : actor.id,
				targetType: 'record',
				targetId: `r${i}`,
				detail: { version: i },
				clientAddress: '198.51.100.1',
				at: new Date(start + i * 1000)
			});
		}
		const pages = await Promise.all([1, 2, 3].map((page) => listAudit(sql(), { page, pageSize: 3 })));
		expect(pages[0].total).toBe(8);
		expect(pages.map((p) => p.entries.map((e) => e.targetId))).toEqual([
			['r6', 'r5', 'r4'],
			['r3', 'r2', 'r1'],
			['r0', actor.id]
		]);
		expect(pages[0].entries[0]).toMatchObject({ action: 'record.restored', actorId: null, actorEmail: null, detail: { version: 6 } });
		expect(pages[0].entries[1]).toMatchObject({
			action: 'record.approved',
			actorId: actor.id,
			actorEmail: actor.email,
			targetType: 'record',
			clientAddress: '198.51.100.1',
			at: new Date(start + 5000)
		});
		expect((await listAudit(sql(), { page: 4, pageSize: 3 })).entries).toEqual([]);
	});

	it('filters by person, action and a time window, and offers the actions it holds', async () => {
		const [ann, bo] = await Promise.all([createTestUser(sql(), { role: 'admin' }), createTestUser(sql(), { role: 'editor' })]);
		const day = (d: string) => new Date(`${d}T12:00:00Z`);
		await auditSql(sql(), sql().db, { action: 'record.approved', actorId: ann.id, at: day('2026-01-05') });
		await auditSql(sql(), sql().db, { action: 'record.approved', actorId: bo.id, at: day('2026-01-06') });
		await auditSql(sql(), sql().db, { action: 'view.saved', actorId: ann.id, at: day('2026-01-07') });
		const actions = async (filters: Omit<Parameters<typeof listAudit>[1], 'page' | 'pageSize'>) =>
			(await listAudit(sql(), { page: 1, pageSize: 10, ...filters })).entries.map((e) => `${e.action} ${e.actorEmail}`);
		expect(await actions({ actorId: ann.id, from: day('2026-01-01') })).toEqual([
			`view.saved ${ann.email}`,
			`record.approved ${ann.email}`
		]);
		expect(await actions({ action: 'record.approved' })).toEqual([`record.approved ${bo.email}`, `record.approved ${ann.email}`]);
		expect(await actions({ from: day('2026-01-06'), to: day('2026-01-07') })).toEqual([`record.approved ${bo.email}`]);
		expect((await listAudit(sql(), { page: 1, pageSize: 10, action: 'record.approved' })).total).toBe(2);
		expect(await auditActions(sql())).toEqual(['record.approved', 'user.created', 'view.saved']);
	});

	it('orders entries written in the same millisecond by insertion', async () => {
		const at = new Date();
		for (const action of ['a.first', 'a.second', 'a.third']) await auditSql(sql(), sql().db, { action, at });
		expect((await listAudit(sql(), { page: 1, pageSize: 10 })).entries.map((e) => e.action)).toEqual(['a.third', 'a.second', 'a.first']);
	});

	it('rolls back with the transaction it was written in', async () => {
		await expect(
			sql().tx(async (tx) => {
				await auditSql(sql(), tx, { action: 'record.approved' });
				throw new Error('validation failed');
			})
		).rejects.toThrow('validation failed');
		expect((await listAudit(sql(), { page: 1, pageSize: 10 })).total).toBe(0);
	});

	it('reads as who handed which record to whom, in the reader’s language', async () => {
		const [editor, approver] = await Promise.all([
			createTestUser(sql(), { role: 'editor', name: 'Eva Editor' }),
			createTestUser(sql(), { role: 'approver', name: 'Arne Approver' })
		]);
		const id = await draftRecord(sql(), validRecord({ title: 'Loggat projekt' }));
		await assignRecord(sql(), { recordId: id, assigneeId: editor.id, actor: approver, bulk: true });
		await assignRecord(sql(), { recordId: id, assigneeId: null, actor: approver });
		const { entries } = await listAudit(sql(), { page: 1, pageSize: 10, actorId: approver.id });
		const read = async (lang?: 'da') => (await presentAudit(sql(), entries, lang)).map((r) => r.summary.map((p) => p.text).join(''));
		expect(await read()).toEqual(['unassigned Loggat projekt', 'assigned Loggat projekt to Eva Editor (with others, from the queue)']);
		expect(await read('da')).toEqual([
			'fjernede tildelingen af Loggat projekt',
			'tildelte Loggat projekt til Eva Editor (sammen med andre, fra køen)'
		]);
	});
});
