/**
 * The record events, the queue's sorting and filters, and how assignments read in the audit
 * log, against a real SQLite file (the queue and workflow code is not on the async handle yet).
 * assignment.spec.ts and views.spec.ts test assignRecord and saved views on both dialects.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyTextDiff, fieldText } from '../../src/lib/records/ydoc';
import { parseQueueQuery } from '../../src/lib/records/queue';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { listAudit } from '../../src/lib/server/audit';
import { presentAudit } from '../../src/lib/server/audit-view';
import { fieldProvenance, records } from '../../src/lib/server/db/schema';
import { recordStore } from '../../src/lib/server/docs/create';
import { UpdateOrigin } from '../../src/lib/server/docs/origins';
import { emitEvent, onAnyEvent, type SamlaEventName, type SamlaEvents } from '../../src/lib/server/events';
import { assignRecord } from '../../src/lib/server/records/assign';
import { countRecords, listRecords, queueFilter } from '../../src/lib/server/records/queries';
import { saveView } from '../../src/lib/server/records/views';
import { approveRecord, changeReviewState } from '../../src/lib/server/records/workflow';
import { tempDatabase, type TempDatabase } from '../helpers/db';
import { createDraft, validRecord } from '../helpers/records';
import { asSql, createTestUser, type TestUser } from '../helpers/users';
import { sqliteSql } from '../../src/lib/server/db/sql';

let t: TempDatabase;
let editor: TestUser;
let approver: TestUser;
let viewer: TestUser;
let heard: { name: SamlaEventName; payload: SamlaEvents[SamlaEventName] }[];
let stopListening: () => void;

beforeEach(async () => {
	t = tempDatabase();
	[editor, approver, viewer] = await Promise.all([
		createTestUser(t.db, { role: 'editor', name: 'Eva Editor' }),
		createTestUser(t.db, { role: 'approver', name: 'Arne Approver' }),
		createTestUser(t.db, { role: 'viewer', name: 'Vera Viewer' })
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

describe('assignRecord', () => {
	it('reads in the audit log as who handed which record to whom', async () => {
		const id = createDraft(t.db, validRecord({ title: 'Loggat projekt' }));
		await assignRecord(asSql(t.db), { recordId: id, assigneeId: editor.id, actor: approver, bulk: true });
		await assignRecord(asSql(t.db), { recordId: id, assigneeId: null, actor: approver });
		const rows = presentAudit(t.db, listAudit(t.db, { page: 1, pageSize: 10, actorId: approver.id }).entries);
		expect(rows.map((r) => r.summary.map((p) => p.text).join(''))).toEqual([
			'unassigned Loggat projekt',
			'assigned Loggat projekt to Eva Editor (with others, from the queue)'
		]);
		// The same entries in the language of an admin reading in Danish.
		const danish = presentAudit(t.db, listAudit(t.db, { page: 1, pageSize: 10, actorId: approver.id }).entries, 'da');
		expect(danish.map((r) => r.summary.map((p) => p.text).join(''))).toEqual([
			'fjernede tildelingen af Loggat projekt',
			'tildelte Loggat projekt til Eva Editor (sammen med andre, fra køen)'
		]);
	});
});

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

function provenance(recordId: string, confidence: number, setById: string | null = null) {
	const documentId = row(recordId).documentId;
	t.db
		.insert(fieldProvenance)
		.values({ recordId, field: 'owner', documentId, start: 0, end: 4, snippet: 'text', rule: 'test', confidence, setById })
		.run();
}

describe('the queue’s filters and sorts', () => {
	const list = (query: string, who: SessionUser = editor) => {
		const { filter, sort } = queueFilter(parseQueueQuery(new URLSearchParams(query)), who.id);
		return listRecords(t.db, filter, sort).map((r) => r.title);
	};

	it('lists what is assigned to me, to nobody, or to one person', async () => {
		const mine = createDraft(t.db, validRecord({ title: 'Mitt' }));
		const theirs = createDraft(t.db, validRecord({ title: 'Deras' }));
		createDraft(t.db, validRecord({ title: 'Ingens' }));
		await assignRecord(asSql(t.db), { recordId: mine, assigneeId: editor.id, actor: editor });
		await assignRecord(asSql(t.db), { recordId: theirs, assigneeId: approver.id, actor: editor });
		expect(list('assigned=me')).toEqual(['Mitt']);
		expect(list('assigned=me', approver)).toEqual(['Deras']);
		expect(list('assigned=none')).toEqual(['Ingens']);
		expect(list(`assigned=${approver.id}`)).toEqual(['Deras']);
		const [first] = listRecords(t.db, queueFilter(parseQueueQuery(new URLSearchParams('assigned=me')), editor.id).filter);
		expect(first).toMatchObject({ assigneeId: editor.id, assigneeName: 'Eva Editor' });
	});

	it('sorts by the extractor’s least sure field, lowest first, with records it did not extract last', () => {
		const sure = createDraft(t.db, validRecord({ title: 'Säker' }));
		const unsure = createDraft(t.db, validRecord({ title: 'Osäker' }));
		const middling = createDraft(t.db, validRecord({ title: 'Mittemellan' }));
		createDraft(t.db, validRecord({ title: 'Handskriven' }));
		provenance(sure, 0.95);
		provenance(unsure, 0.9);
		provenance(unsure, 0.3);
		provenance(middling, 0.6);
		// A span a person pointed at is not the extractor's guess.
		provenance(middling, 0.1, editor.id);
		expect(list('sort=confidence')).toEqual(['Osäker', 'Mittemellan', 'Säker', 'Handskriven']);
		expect(list('sort=confidence&dir=desc')).toEqual(['Säker', 'Mittemellan', 'Osäker', 'Handskriven']);
		const { filter } = queueFilter(parseQueueQuery(new URLSearchParams('')), editor.id);
		expect(listRecords(t.db, filter).find((r) => r.title === 'Osäker')?.confidence).toBeCloseTo(0.3);
	});

	it('sorts by title, amount, owner and assignee', async () => {
		createDraft(t.db, validRecord({ title: 'b', owner: 'Örebro', amount: { value: 5, currency: 'SEK' } }));
		const a = createDraft(t.db, validRecord({ title: 'A', owner: 'Malmö', amount: { value: 50, currency: 'SEK' } }));
		createDraft(t.db, validRecord({ title: 'c', owner: 'Arvika', amount: null }));
		await assignRecord(asSql(t.db), { recordId: a, assigneeId: editor.id, actor: editor });
		expect(list('sort=title')).toEqual(['A', 'b', 'c']);
		expect(list('sort=title&dir=desc')).toEqual(['c', 'b', 'A']);
		expect(list('sort=amount')).toEqual(['A', 'b', 'c']);
		expect(list('sort=amount&dir=asc')).toEqual(['b', 'A', 'c']);
		expect(list('sort=owner')).toEqual(['c', 'A', 'b']);
		expect(list('sort=assignee')[0]).toBe('A');
		// An unknown column is no sort at all, never an error.
		expect(list('sort=password').sort()).toEqual(['A', 'b', 'c']);
	});
});

describe('saved views', () => {
	it('count what they match for whoever looks', async () => {
		const id = createDraft(t.db);
		createDraft(t.db);
		await assignRecord(asSql(t.db), { recordId: id, assigneeId: editor.id, actor: editor });
		const saved = await saveView(asSql(t.db), { user: viewer, name: 'Mina', query: 'assigned=me', shared: false });
		expect(saved.ok).toBe(true);
		const count = (user: SessionUser, query: string) =>
			countRecords(t.db, queueFilter(parseQueueQuery(new URLSearchParams(query)), user.id).filter);
		expect(count(viewer, 'assigned=me')).toBe(0);
		expect(count(editor, 'assigned=me')).toBe(1);
		expect(count(editor, 'assigned=none')).toBe(1);
	});
});
