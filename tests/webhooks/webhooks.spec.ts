/**
 * Webhooks against a real receiver: signed deliveries of real workflow events (SQLite: the
 * workflow is not on the dialect-neutral handle yet), and on both dialects retries, giving up,
 * test deliveries, a delivery claimed by exactly one of two processes, and the URL guard.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyTextDiff, fieldText } from '../../src/lib/records/ydoc';
import { sqliteSql, type Sql } from '../../src/lib/server/db/sql';
import { UpdateOrigin } from '../../src/lib/server/docs/origins';
import { recordStore } from '../../src/lib/server/docs/create';
import { emitEvent } from '../../src/lib/server/events';
import { approveRecord, changeReviewState, type Services } from '../../src/lib/server/records/workflow';
import { createWebhookWorker, type WebhookWorker } from '../../src/lib/server/webhooks/deliver';
import { subscribeWebhooks } from '../../src/lib/server/webhooks/subscribe';
import { checkWebhookUrl, type GuardOptions } from '../../src/lib/server/webhooks/url-guard';
import { createWebhook, enqueueTest, listDeliveries, listWebhooks, removeWebhook } from '../../src/lib/server/webhooks/webhooks';
import { describeEachDialect } from '../helpers/dialects';
import { tempDatabase, type TempDatabase } from '../helpers/db';
import { startReceiver, verifyDelivery, type Receiver } from '../helpers/receiver';
import { createDraft } from '../helpers/records';
import { asSql, createTestUser, type TestUser } from '../helpers/users';

const SECRET = 'a shared secret of some length';
const LOCAL: GuardOptions = { allowPrivate: true, ownPort: 1, ownOrigin: null };

let receiver: Receiver;
beforeEach(async () => {
	receiver = await startReceiver();
});
afterEach(async () => {
	await receiver.close();
});

async function hook(sql: Sql, events: string[]) {
	const made = await createWebhook(sql, { url: receiver.url, events, secret: SECRET, createdById: null }, LOCAL);
	if (!made.ok) throw new Error(made.message);
	return made.id;
}

const deliveries = (sql: Sql) => sql.db.select().from(sql.t.webhookDeliveries).orderBy(sql.t.webhookDeliveries.id);

describe('webhook deliveries of the real workflow', () => {
	let t: TempDatabase;
	let sql: Sql;
	let services: Services;
	let worker: WebhookWorker;
	let unsubscribe: () => Promise<void>;
	let editor: TestUser;
	let approver: TestUser;

	beforeEach(async () => {
		t = tempDatabase();
		sql = asSql(t.db);
		services = { sql: sqliteSql(t.db), docs: recordStore(t.db, { projectEveryMs: 10, log: () => {} }) };
		worker = createWebhookWorker(sql, { guard: () => LOCAL, retryBaseMs: 50, maxAttempts: 3, pollMs: 20 });
		unsubscribe = subscribeWebhooks(sql, worker.kick);
		worker.start();
		[editor, approver] = await Promise.all([
			createTestUser(t.db, { role: 'editor', name: 'Eva' }),
			createTestUser(t.db, { role: 'approver', name: 'Arne' })
		]);
	});
	afterEach(async () => {
		await unsubscribe();
		await worker.stop();
		await services.docs.close();
		t.cleanup();
	});

	it('POSTs each subscribed event of the real workflow, signed with the secret over "<timestamp>.<body>"', async () => {
		await hook(sql, ['record.approved', 'record.changes_requested', 'project.published']);
		const id = createDraft(t.db);
		await services.docs.edit(id, new UpdateOrigin({ id: editor.id, name: editor.name }, 'socket'), (doc) =>
			applyTextDiff(fieldText(doc, 'owner')!, 'Region Skåne (RS)')
		);
		await changeReviewState(services, { recordId: id, action: 'request_changes', user: approver, reason: 'Kolla beloppet' });
		await changeReviewState(services, { recordId: id, action: 'submit', user: editor });
		const approved = await approveRecord(services, { recordId: id, expectedVersion: null, user: approver });
		expect(approved).toMatchObject({ ok: true, version: 1 });

		await expect.poll(() => receiver.received.length).toBe(3);
		const bodies = receiver.received.map((r) => JSON.parse(r.body));
		expect(bodies.map((b) => b.event).sort()).toEqual(['project.published', 'record.approved', 'record.changes_requested']);
		for (const b of bodies) expect(b.recordId).toBe(id);
		expect(bodies.find((b) => b.event === 'record.changes_requested').reason).toBe('Kolla beloppet');
		expect(bodies.find((b) => b.event === 'record.approved').version).toBe(1);
		for (const r of receiver.received) {
			expect(r.headers['content-type']).toBe('application/json');
			expect(r.headers['x-samla-event']).toBe(JSON.parse(r.body).event);
			expect(verifyDelivery(r, SECRET)).toBe(true);
			// The wrong secret, a changed body or an old timestamp fail as a receiver checks them.
			expect(verifyDelivery(r, 'another secret entirely')).toBe(false);
			expect(verifyDelivery({ ...r, body: r.body.replace(id, 'x') }, SECRET)).toBe(false);
			expect(verifyDelivery(r, SECRET, Math.floor(Date.now() / 1000) + 3600)).toBe(false);
		}
		await expect.poll(async () => (await deliveries(sql)).every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(true);
	});

	it('sends nothing for an event no webhook asked for', async () => {
		await hook(sql, ['document.ingested']);
		await changeReviewState(services, { recordId: createDraft(t.db), action: 'reject', user: approver, reason: 'Nej' });
		await unsubscribe();
		expect(await deliveries(sql)).toEqual([]);
	});
});

/** A rejection as the workflow emits it, for suites that do not run the workflow. */
function rejected(recordId: string, reason: string) {
	const actor = { id: 'approver', name: 'Arne' };
	emitEvent('record.rejected', {
		recordId,
		byUserId: actor.id,
		editorIds: [],
		reason,
		action: 'reject',
		from: 'in_review',
		to: 'rejected',
		actor,
		at: new Date()
	});
}

describeEachDialect('webhooks', (database) => {
	const sql = () => database().sql;
	let worker: WebhookWorker;
	let unsubscribe: () => Promise<void>;

	beforeEach(async () => {
		const { webhookDeliveries, webhooks, auditLog } = sql().t;
		await sql().db.delete(webhookDeliveries);
		await sql().db.delete(webhooks);
		await sql().db.delete(auditLog);
		worker = createWebhookWorker(sql(), { guard: () => LOCAL, retryBaseMs: 50, maxAttempts: 3, pollMs: 20 });
		unsubscribe = subscribeWebhooks(sql(), worker.kick);
		worker.start();
	});
	afterEach(async () => {
		await unsubscribe();
		await worker.stop();
	});

	it('retries after the receiver fails, with the same body, and then delivers', async () => {
		await hook(sql(), ['record.rejected']);
		receiver.answer.push(500, 503);
		rejected('rec-1', 'Inget projekt');

		await expect.poll(async () => (await deliveries(sql()))[0]?.status, { timeout: 10_000 }).toBe('delivered');
		expect(receiver.received).toHaveLength(3);
		expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
		expect(receiver.received.every((r) => verifyDelivery(r, SECRET))).toBe(true);
		expect((await deliveries(sql()))[0]).toMatchObject({ attempts: 3, lastStatus: 200, lastError: null });
		expect(JSON.parse(receiver.received[0].body)).toMatchObject({ event: 'record.rejected', recordId: 'rec-1', reason: 'Inget projekt' });
	});

	it('gives up after the last attempt and keeps the failure in the log', async () => {
		const id = await hook(sql(), ['record.rejected']);
		receiver.answer.push(500, 500, 500);
		rejected('rec-2', 'Dubblett');
		await expect.poll(async () => (await deliveries(sql()))[0]?.status, { timeout: 10_000 }).toBe('failed');
		expect((await listDeliveries(sql(), id))[0]).toMatchObject({ attempts: 3, lastStatus: 500, lastError: 'HTTP 500: ok' });
		expect(receiver.received).toHaveLength(3);
	});

	it('sends a test delivery on request, and only to the webhook named', async () => {
		const id = await hook(sql(), ['document.ingested']);
		rejected('rec-3', 'Nej');
		const sent = await worker.sendTest(id);
		expect(receiver.received.map((r) => JSON.parse(r.body).event)).toEqual(['webhook.test']);
		expect(await listDeliveries(sql(), id)).toEqual([
			expect.objectContaining({ id: sent, status: 'delivered', attempts: 1, lastStatus: 200 })
		]);
		expect(await worker.sendTest('no-such-hook')).toBeNull();
	});

	it('stores the secret to sign with but never lists it, and removing a webhook removes its log', async () => {
		const id = await hook(sql(), ['record.approved']);
		expect(await listWebhooks(sql())).toEqual([{ id, url: receiver.url, events: ['record.approved'], createdAt: expect.any(Date) }]);
		expect(await enqueueTest(sql(), id, new Date(), new Date(Date.now() + 60_000))).toEqual(expect.any(Number));
		expect(await removeWebhook(sql(), id, null)).toBe(true);
		expect(await removeWebhook(sql(), id, null)).toBe(false);
		expect(await listDeliveries(sql(), id)).toEqual([]);
		const { auditLog } = sql().t;
		const actions = (await sql().db.select({ action: auditLog.action }).from(auditLog)).map((a) => a.action);
		expect(actions.sort()).toEqual(['webhook.created', 'webhook.removed']);
	});

	it('has each due delivery sent by exactly one of two processes', async () => {
		// The suite's own worker stays out of it: only the two below look at the queue.
		await unsubscribe();
		await worker.stop();
		const id = await hook(sql(), ['record.approved']);
		const queued = [];
		for (let i = 0; i < 20; i++) queued.push(await enqueueTest(sql(), id));
		const another = await database().openAnother();
		const options = { guard: () => LOCAL, retryBaseMs: 60_000, maxAttempts: 3 };
		const [a, b] = [createWebhookWorker(sql(), options), createWebhookWorker(another, options)];
		a.kick();
		b.kick();
		await Promise.all([a.stop(), b.stop()]);
		expect(receiver.received).toHaveLength(20);
		expect(new Set(receiver.received.map((r) => r.body)).size).toBe(20);
		const rows = await listDeliveries(sql(), id);
		expect(rows.map((r) => r.id).sort((x, y) => x - y)).toEqual(queued);
		expect(rows.every((r) => r.status === 'delivered' && r.attempts === 1)).toBe(true);
	});

	it('refuses to create a webhook with a bad URL, event or secret, and stores nothing', async () => {
		const base = { url: receiver.url, events: ['record.approved'], secret: SECRET, createdById: null };
		expect(await createWebhook(sql(), { ...base, url: 'http://127.0.0.1:1/x' }, { ...LOCAL, allowPrivate: false })).toMatchObject({
			ok: false,
			status: 400
		});
		expect(await createWebhook(sql(), { ...base, events: ['record.exploded'] }, LOCAL)).toMatchObject({
			ok: false,
			message: '"record.exploded" is not an event a webhook can receive.'
		});
		expect(await createWebhook(sql(), { ...base, events: [] }, LOCAL)).toMatchObject({ ok: false, message: 'Choose at least one event.' });
		expect(await createWebhook(sql(), { ...base, secret: 'short' }, LOCAL)).toMatchObject({ ok: false, status: 400 });
		expect(await listWebhooks(sql())).toEqual([]);
		const made = await createWebhook(sql(), { ...base, secret: '' }, LOCAL);
		expect(made.ok && made.secret).toMatch(/^[0-9a-f]{64}$/);
	});
});

describe('the webhook URL guard', () => {
	const strict: GuardOptions = { allowPrivate: false, ownPort: 3000, ownOrigin: 'https://samla.example.org' };

	it.each([
		['http://127.0.0.1:8080/x', /private or local/],
		['http://localhost:8080/x', /private or local/],
		['http://169.254.169.254/latest/meta-data', /private or local/],
		['http://10.1.2.3/x', /private or local/],
		['http://[::1]:9000/x', /private or local/],
		['http://[::ffff:192.168.1.1]/x', /private or local/],
		['https://samla.example.org/hook', /this server itself/],
		['ftp://example.org/x', /https:\/\/ or http:\/\//],
		['https://user:pw@example.org/x', /no user name or password/],
		['not a url', /full URL/]
	])('refuses %s', async (url, message) => {
		const verdict = await checkWebhookUrl(url, strict);
		expect(verdict.ok).toBe(false);
		if (!verdict.ok) expect(verdict.message).toMatch(message);
	});

	it('allows local addresses with WEBHOOK_ALLOW_PRIVATE, but never this server’s own port', async () => {
		const allow: GuardOptions = { allowPrivate: true, ownPort: 3000, ownOrigin: null };
		expect((await checkWebhookUrl('http://127.0.0.1:8080/x', allow)).ok).toBe(true);
		expect(await checkWebhookUrl('http://localhost:3000/x', allow)).toMatchObject({ ok: false, message: /this server itself/ });
		expect(await checkWebhookUrl('http://0.0.0.0:3000/x', allow)).toMatchObject({ ok: false, message: /this server itself/ });
	});
});
