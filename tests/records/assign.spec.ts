/**
 * The record events, on SQLite and on PostgreSQL. assignment.spec.ts, views.spec.ts and
 * queue.spec.ts test assignRecord, saved views and the queue; audit.spec.ts how an assignment
 * reads in the audit log.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { applyTextDiff, fieldText } from '../../src/lib/records/ydoc';
import { UpdateOrigin } from '../../src/lib/server/docs/origins';
import { emitEvent, onAnyEvent, type SamlaEventName, type SamlaEvents } from '../../src/lib/server/events';
import { assignRecord } from '../../src/lib/server/records/assign';
import { approveRecord, changeReviewState } from '../../src/lib/server/records/workflow';
import { dialectRecordStore } from '../helpers/dialect-store';
import { describeEachDialect } from '../helpers/dialects';
import { draftRecord } from '../helpers/records-sql';
import { createTestUser, type TestUser } from '../helpers/users';

describeEachDialect('record events', (database) => {
	let editor: TestUser;
	let approver: TestUser;
	let heard: { name: SamlaEventName; payload: SamlaEvents[SamlaEventName] }[];
	let stopListening: () => void;

	beforeEach(async () => {
		[editor, approver] = await Promise.all([
			createTestUser(database().sql, { role: 'editor', name: 'Eva Editor' }),
			createTestUser(database().sql, { role: 'approver', name: 'Arne Approver' })
		]);
		heard = [];
		stopListening = onAnyEvent((name, payload) => {
			heard.push({ name, payload });
		});
	});
	afterEach(() => {
		stopListening();
	});

	const row = async (id: string) => {
		const { db, t } = database().sql;
		const [found] = await db.select().from(t.records).where(eq(t.records.id, id));
		return found;
	};
	const names = () => heard.map((h) => h.name);

	it('are emitted by approval and review moves, and by the records-row projection of an edit', async () => {
		const projected: string[] = [];
		const docs = dialectRecordStore(database(), {
			projectEveryMs: 10,
			log: () => {},
			more: [
				{
					name: 'record-changed-event',
					project: async ({ name }) => {
						projected.push(name);
						emitEvent('record.changed', { recordId: name, at: new Date() });
					}
				}
			]
		});
		try {
			const id = await draftRecord(database().sql);
			const services = { sql: database().sql, docs };
			await changeReviewState(services, { recordId: id, action: 'submit', user: editor });
			await changeReviewState(services, { recordId: id, action: 'request_changes', user: approver, reason: 'Fel belopp' });
			await changeReviewState(services, { recordId: id, action: 'submit', user: editor });
			const approved = await approveRecord(services, { recordId: id, expectedVersion: null, user: approver, note: 'OK' });
			expect(approved.ok).toBe(true);
			const moves = heard.filter((h) => h.name.startsWith('record.') && h.name !== 'record.changed');
			expect(moves.map((h) => h.name)).toEqual([
				'record.state_changed',
				'record.state_changed',
				'record.changes_requested',
				'record.state_changed',
				'record.approved'
			]);
			expect(moves[2].payload).toMatchObject({
				recordId: id,
				from: 'in_review',
				to: 'changes_requested',
				reason: 'Fel belopp',
				actor: { id: approver.id }
			});
			expect(moves[4].payload).toMatchObject({ recordId: id, version: 1, note: 'OK', actor: { name: 'Arne Approver' } });

			const other = await draftRecord(database().sql);
			await changeReviewState(services, { recordId: other, action: 'reject', user: approver, reason: 'Inget projekt' });
			expect(names().filter((n) => n === 'record.rejected')).toHaveLength(1);

			heard = [];
			await docs.edit(id, new UpdateOrigin({ id: editor.id, name: editor.name }, 'socket'), (doc) =>
				applyTextDiff(fieldText(doc, 'title')!, 'Nytt namn')
			);
			await expect.poll(async () => (await row(id)).title, { timeout: 5_000 }).toBe('Nytt namn');
			await expect.poll(() => names(), { timeout: 5_000 }).toContain('record.changed');
			expect(projected).toContain(id);
		} finally {
			await docs.close();
		}
	});

	it('keep going when a listener throws', async () => {
		const id = await draftRecord(database().sql);
		const stop = onAnyEvent(() => {
			throw new Error('listener broke');
		});
		const later: SamlaEventName[] = [];
		const stopLater = onAnyEvent((name) => {
			later.push(name);
		});
		try {
			expect((await assignRecord(database().sql, { recordId: id, assigneeId: editor.id, actor: editor })).ok).toBe(true);
		} finally {
			stop();
			stopLater();
		}
		expect((await row(id)).assigneeId).toBe(editor.id);
		expect(names()).toEqual(['record.assigned']);
		// The listener after the broken one still heard it.
		expect(later).toEqual(['record.assigned']);
	});
});
