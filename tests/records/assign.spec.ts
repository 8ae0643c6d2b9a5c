/**
 * The record events, against a real SQLite file (the workflow code is not on the async handle
 * yet). assignment.spec.ts, views.spec.ts and queue.spec.ts test assignRecord, saved views and
 * the queue on both dialects; audit.spec.ts how an assignment reads in the audit log.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyTextDiff, fieldText } from '../../src/lib/records/ydoc';
import { records } from '../../src/lib/server/db/schema';
import { recordStore } from '../../src/lib/server/docs/create';
import { UpdateOrigin } from '../../src/lib/server/docs/origins';
import { emitEvent, onAnyEvent, type SamlaEventName, type SamlaEvents } from '../../src/lib/server/events';
import { assignRecord } from '../../src/lib/server/records/assign';
import { approveRecord, changeReviewState } from '../../src/lib/server/records/workflow';
import { tempDatabase, type TempDatabase } from '../helpers/db';
import { createDraft } from '../helpers/records';
import { asSql, createTestUser, type TestUser } from '../helpers/users';
import { sqliteSql } from '../../src/lib/server/db/sql';

let t: TempDatabase;
let editor: TestUser;
let approver: TestUser;
let heard: { name: SamlaEventName; payload: SamlaEvents[SamlaEventName] }[];
let stopListening: () => void;

beforeEach(async () => {
	t = tempDatabase();
	[editor, approver] = await Promise.all([
		createTestUser(t.db, { role: 'editor', name: 'Eva Editor' }),
		createTestUser(t.db, { role: 'approver', name: 'Arne Approver' })
	]);
	heard = [];
	stopListening = onAnyEvent((name, payload) => {
		heard.push({ name, payload });
	});
});
afterEach(() => {
	stopListening();
	t.cleanup();
});

const row = (id: string) => t.db.select().from(records).where(eq(records.id, id)).get()!;
const names = () => heard.map((h) => h.name);

describe('record events', () => {
	it('are emitted by approval and review moves, and by the records-row projection of an edit', async () => {
		const projected: string[] = [];
		const docs = recordStore(t.db, {
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
			const id = createDraft(t.db);
			const services = { sql: sqliteSql(t.db), docs };
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

			const other = createDraft(t.db);
			await changeReviewState(services, { recordId: other, action: 'reject', user: approver, reason: 'Inget projekt' });
			expect(names().filter((n) => n === 'record.rejected')).toHaveLength(1);

			heard = [];
			await docs.edit(id, new UpdateOrigin({ id: editor.id, name: editor.name }, 'socket'), (doc) =>
				applyTextDiff(fieldText(doc, 'title')!, 'Nytt namn')
			);
			await expect.poll(() => row(id).title, { timeout: 5_000 }).toBe('Nytt namn');
			await expect.poll(() => names(), { timeout: 5_000 }).toContain('record.changed');
			expect(projected).toContain(id);
		} finally {
			await docs.close();
		}
	});

	it('keep going when a listener throws', async () => {
		const id = createDraft(t.db);
		const stop = onAnyEvent(() => {
			throw new Error('listener broke');
		});
		const later: SamlaEventName[] = [];
		const stopLater = onAnyEvent((name) => {
			later.push(name);
		});
		try {
			expect((await assignRecord(asSql(t.db), { recordId: id, assigneeId: editor.id, actor: editor })).ok).toBe(true);
		} finally {
			stop();
			stopLater();
		}
		expect(row(id).assigneeId).toBe(editor.id);
		expect(names()).toEqual(['record.assigned']);
		// The listener after the broken one still heard it.
		expect(later).toEqual(['record.assigned']);
	});
});
