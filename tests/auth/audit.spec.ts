import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { audit, listAudit } from '../../src/lib/server/audit';
import { tempDatabase, type TempDatabase } from '../helpers/db';
import { createTestUser } from '../helpers/users';

let t: TempDatabase;
beforeEach(() => {
	t = tempDatabase();
});
afterEach(() => t.cleanup());

describe('audit log', () => {
	it('keeps free-form actions with actor, target and detail, newest first, in pages', async () => {
		const actor = await createTestUser(t.db, { role: 'approver' }); // writes user.created, the oldest entry
		const start = Date.now() + 1000;
		for (let i = 0; i < 7; i++) {
			audit(t.db, {
				action: i % 2 ? 'record.approved' : 'record.restored',
				actorId: i === 6 ? null : actor.id,
				targetType: 'record',
				targetId: `r${i}`,
				detail: { version: i },
				clientAddress: '198.51.100.1',
				at: new Date(start + i * 1000)
			});
		}
		const pages = [1, 2, 3].map((page) => listAudit(t.db, { page, pageSize: 3 }));
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
		expect(listAudit(t.db, { page: 4, pageSize: 3 }).entries).toEqual([]);
	});

	it('orders entries written in the same millisecond by insertion', () => {
		const at = new Date();
		for (const action of ['a.first', 'a.second', 'a.third']) audit(t.db, { action, at });
		expect(listAudit(t.db, { page: 1, pageSize: 10 }).entries.map((e) => e.action)).toEqual(['a.third', 'a.second', 'a.first']);
	});

	it('rolls back with the transaction it was written in', () => {
		expect(() =>
			t.db.transaction((tx) => {
				audit(tx, { action: 'record.approved' });
				throw new Error('validation failed');
			})
		).toThrow('validation failed');
		expect(listAudit(t.db, { page: 1, pageSize: 10 }).total).toBe(0);
	});
});
