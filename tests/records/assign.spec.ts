/**
 * Assignment, the record events and the queue's sorting and saved views against a real
 * SQLite file: who may assign to whom, what is audited and emitted, and what the queue lists.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyTextDiff, fieldText } from '../../src/lib/records/ydoc';
import { parseQueueQuery } from '../../src/lib/records/queue';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { listAudit } from '../../src/lib/server/audit';
import { presentAudit } from '../../src/lib/server/audit-view';
import { auditLog, fieldProvenance, records } from '../../src/lib/server/db/schema';
import { recordStore } from '../../src/lib/server/docs/create';
import { UpdateOrigin } from '../../src/lib/server/docs/origins';
import { emitEvent, onAnyEvent, type SamlaEventName, type SamlaEvents } from '../../src/lib/server/events';
import { assignRecord, listAssignable } from '../../src/lib/server/records/assign';
import { countRecords, listRecords, queueFilter } from '../../src/lib/server/records/queries';
import { deleteView, listViews, saveView } from '../../src/lib/server/records/views';
import { approveRecord, changeReviewState } from '../../src/lib/server/records/workflow';
import { tempDatabase, type TempDatabase } from '../helpers/db';
import { createDraft, validRecord } from '../helpers/records';
import { createTestUser, type TestUser } from '../helpers/users';

let t: TempDatabase;
let editor: TestUser;
let approver: TestUser;
let viewer: TestUser;
let admin: TestUser;
let heard: { name: SamlaEventName; payload: SamlaEvents[SamlaEventName] }[];
let stopListening: () => void;

beforeEach(async () => {
	t = tempDatabase();
	[editor, approver, viewer, admin] = await Promise.all([
		createTestUser(t.db, { role: 'editor', name: 'Eva Editor' }),
		createTestUser(t.db, { role: 'approver', name: 'Arne Approver' }),
		createTestUser(t.db, { role: 'viewer', name: 'Vera Viewer' }),
		createTestUser(t.db, { role: 'admin', name: 'Ada Admin' })
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
const audits = (action: string) => t.db.select().from(auditLog).where(eq(auditLog.action, action)).all();
const names = () => heard.map((h) => h.name);

describe('assignRecord', () => {
	it('hands a record to an editor, audits it and emits record.assigned after the commit', async () => {
		const id = createDraft(t.db);
		const seenInListener: (string | null)[] = [];
		const stop = onAnyEvent((name, p) => {
			if (name === 'record.assigned') seenInListener.push(row((p as SamlaEvents['record.assigned']).recordId).assigneeId);
		});
		const outcome = assignRecord(t.db, { recordId: id, assigneeId: editor.id, actor: approver, clientAddress: '10.0.0.1' });
		stop();
		expect(outcome).toEqual({ ok: true, assignee: { id: editor.id, name: 'Eva Editor' }, changed: true });
		expect(row(id).assigneeId).toBe(editor.id);
		expect(row(id).assignedAt).toBeInstanceOf(Date);
		// The listener already reads the committed row.
		expect(seenInListener).toEqual([editor.id]);
		const [entry] = audits('record.assigned');
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

	it('reassigns and unassigns, each audited; assigning to the same person again changes and emits nothing', () => {
		const id = createDraft(t.db);
		assignRecord(t.db, { recordId: id, assigneeId: editor.id, actor: editor });
		expect(assignRecord(t.db, { recordId: id, assigneeId: editor.id, actor: editor })).toMatchObject({ ok: true, changed: false });
		expect(audits('record.assigned')).toHaveLength(1);
		assignRecord(t.db, { recordId: id, assigneeId: admin.id, actor: editor });
		expect(assignRecord(t.db, { recordId: id, assigneeId: null, actor: editor })).toEqual({ ok: true, assignee: null, changed: true });
		expect(row(id).assigneeId).toBeNull();
		expect(audits('record.unassigned')[0].detail).toEqual({ from: admin.id, to: null });
		expect(heard.map((h) => (h.payload as SamlaEvents['record.assigned']).previousAssigneeId)).toEqual([null, editor.id, admin.id]);
	});

	it('lets no viewer assign, and assigns to nobody who cannot edit or whose account is disabled', async () => {
		const id = createDraft(t.db);
		const disabled = await createTestUser(t.db, { role: 'editor', name: 'Dan Disabled', disabled: true });
		expect(assignRecord(t.db, { recordId: id, assigneeId: editor.id, actor: viewer })).toMatchObject({
			ok: false,
			status: 403,
			code: 'forbidden'
		});
		const toViewer = assignRecord(t.db, { recordId: id, assigneeId: viewer.id, actor: editor });
		expect(toViewer).toMatchObject({ ok: false, status: 400, code: 'invalid' });
		expect(toViewer.ok || toViewer.message).toBe('Vera Viewer is a viewer and cannot edit records; assign it to an editor or above.');
		const toDisabled = assignRecord(t.db, { recordId: id, assigneeId: disabled.id, actor: editor });
		expect(toDisabled.ok || toDisabled.message).toBe('Dan Disabled’s account is disabled; assign the record to someone active.');
		expect(assignRecord(t.db, { recordId: id, assigneeId: 'nobody', actor: editor })).toMatchObject({ ok: false, code: 'invalid' });
		expect(assignRecord(t.db, { recordId: 'missing', assigneeId: editor.id, actor: editor })).toMatchObject({ ok: false, status: 404 });
		expect(row(id).assigneeId).toBeNull();
		expect(audits('record.assigned')).toEqual([]);
		expect(heard).toEqual([]);
		// The people offered are exactly those who may be assigned.
		expect(listAssignable(t.db).map((p) => p.name)).toEqual(['Ada Admin', 'Arne Approver', 'Eva Editor']);
	});

	it('reads in the audit log as who handed which record to whom', () => {
		const id = createDraft(t.db, validRecord({ title: 'Loggat projekt' }));
		assignRecord(t.db, { recordId: id, assigneeId: editor.id, actor: approver, bulk: true });
		assignRecord(t.db, { recordId: id, assigneeId: null, actor: approver });
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

	it('refuses a record merged into another', () => {
		const into = createDraft(t.db);
		const id = createDraft(t.db);
		t.db.update(records).set({ mergedIntoId: into, mergedAt: new Date() }).where(eq(records.id, id)).run();
		expect(assignRecord(t.db, { recordId: id, assigneeId: editor.id, actor: editor })).toMatchObject({ ok: false, code: 'wrong_state' });
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
			const services = { db: t.db, docs };
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

	it('keep going when a listener throws', () => {
		const id = createDraft(t.db);
		const stop = onAnyEvent(() => {
			throw new Error('listener broke');
		});
		const later: SamlaEventName[] = [];
		const stopLater = onAnyEvent((name) => {
			later.push(name);
		});
		try {
			expect(assignRecord(t.db, { recordId: id, assigneeId: editor.id, actor: editor }).ok).toBe(true);
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

	it('lists what is assigned to me, to nobody, or to one person', () => {
		const mine = createDraft(t.db, validRecord({ title: 'Mitt' }));
		const theirs = createDraft(t.db, validRecord({ title: 'Deras' }));
		createDraft(t.db, validRecord({ title: 'Ingens' }));
		assignRecord(t.db, { recordId: mine, assigneeId: editor.id, actor: editor });
		assignRecord(t.db, { recordId: theirs, assigneeId: approver.id, actor: editor });
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

	it('sorts by title, amount, owner and assignee', () => {
		createDraft(t.db, validRecord({ title: 'b', owner: 'Örebro', amount: { value: 5, currency: 'SEK' } }));
		const a = createDraft(t.db, validRecord({ title: 'A', owner: 'Malmö', amount: { value: 50, currency: 'SEK' } }));
		createDraft(t.db, validRecord({ title: 'c', owner: 'Arvika', amount: null }));
		assignRecord(t.db, { recordId: a, assigneeId: editor.id, actor: editor });
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
	it('saves a person’s own view, normalised, and counts what it matches for whoever looks', () => {
		const id = createDraft(t.db);
		createDraft(t.db);
		assignRecord(t.db, { recordId: id, assigneeId: editor.id, actor: editor });
		const saved = saveView(t.db, { user: viewer, name: '  Mina   poster ', query: 'sort=confidence&assigned=me&junk=1', shared: false });
		expect(saved).toMatchObject({ ok: true, view: { name: 'Mina poster', query: 'assigned=me&sort=confidence', shared: false } });
		expect(listViews(t.db, viewer).map((v) => v.name)).toEqual(['Mina poster']);
		expect(listViews(t.db, editor)).toEqual([]);
		const count = (user: SessionUser, query: string) =>
			countRecords(t.db, queueFilter(parseQueueQuery(new URLSearchParams(query)), user.id).filter);
		expect(count(viewer, 'assigned=me')).toBe(0);
		expect(count(editor, 'assigned=me')).toBe(1);
		expect(count(editor, 'assigned=none')).toBe(1);
		expect(audits('view.saved')).toHaveLength(1);
	});

	it('lets approvers and admins share a view, which everyone then lists; editors keep theirs personal', () => {
		expect(saveView(t.db, { user: editor, name: 'Alla', query: '', shared: true })).toMatchObject({ ok: false, status: 403 });
		expect(saveView(t.db, { user: approver, name: 'Att granska', query: 'status=in_review', shared: true }).ok).toBe(true);
		expect(listViews(t.db, viewer)).toMatchObject([{ name: 'Att granska', shared: true, ownerName: 'Arne Approver', canDelete: false }]);
		// One name means one view in a person's list.
		expect(saveView(t.db, { user: editor, name: 'Att granska', query: '', shared: false })).toMatchObject({ ok: false, status: 409 });
		expect(saveView(t.db, { user: editor, name: '   ', query: '', shared: false })).toMatchObject({ ok: false, status: 400 });
		expect(saveView(t.db, { user: editor, name: 'x'.repeat(61), query: '', shared: false })).toMatchObject({ ok: false, status: 400 });
	});

	it('deletes a view for its maker, a shared one for an admin too, and for nobody else', () => {
		const personal = saveView(t.db, { user: editor, name: 'Min', query: '', shared: false });
		const shared = saveView(t.db, { user: approver, name: 'Delad', query: 'assigned=none', shared: true });
		if (!personal.ok || !shared.ok) throw new Error('could not save');
		expect(deleteView(t.db, { user: approver, id: personal.view.id })).toMatchObject({ ok: false, status: 404 });
		expect(deleteView(t.db, { user: editor, id: shared.view.id })).toMatchObject({ ok: false, status: 403 });
		expect(listViews(t.db, admin).find((v) => v.name === 'Delad')?.canDelete).toBe(true);
		expect(deleteView(t.db, { user: admin, id: shared.view.id })).toEqual({ ok: true });
		expect(deleteView(t.db, { user: editor, id: personal.view.id })).toEqual({ ok: true });
		expect(listViews(t.db, editor)).toEqual([]);
		expect(audits('view.deleted')).toHaveLength(2);
	});
});
