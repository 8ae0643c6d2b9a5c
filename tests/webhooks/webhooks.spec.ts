/** Webhooks against a real receiver: signed deliveries of real workflow events, retries, giving up, and the URL guard. */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyTextDiff, fieldText } from '../../src/lib/records/ydoc';
import { webhookDeliveries } from '../../src/lib/server/db/schema';
import { UpdateOrigin } from '../../src/lib/server/docs/origins';
import { recordStore } from '../../src/lib/server/docs/create';
import { approveRecord, changeReviewState, type Services } from '../../src/lib/server/records/workflow';
import { createWebhookWorker, type WebhookWorker } from '../../src/lib/server/webhooks/deliver';
import { subscribeWebhooks } from '../../src/lib/server/webhooks/subscribe';
import { checkWebhookUrl, type GuardOptions } from '../../src/lib/server/webhooks/url-guard';
import { createWebhook, enqueueTest, listDeliveries, listWebhooks, removeWebhook } from '../../src/lib/server/webhooks/webhooks';
import { tempDatabase, type TempDatabase } from '../helpers/db';
import { startReceiver, verifyDelivery, type Receiver } from '../helpers/receiver';
import { createDraft } from '../helpers/records';
import { createTestUser, type TestUser } from '../helpers/users';

const SECRET = 'a shared secret of some length';
const LOCAL: GuardOptions = { allowPrivate: true, ownPort: 1, ownOrigin: null };

let t: TempDatabase;
let services: Services;
let receiver: Receiver;
let worker: WebhookWorker;
let unsubscribe: () => void;
let editor: TestUser;
let approver: TestUser;

beforeEach(async () => {
	t = tempDatabase();
	services = { db: t.db, docs: recordStore(t.db, { projectEveryMs: 10, log: () => {} }) };
	receiver = await startReceiver();
	worker = createWebhookWorker(t.db, { guard: () => LOCAL, retryBaseMs: 50, maxAttempts: 3, pollMs: 20 });
	unsubscribe = subscribeWebhooks(t.db, worker.kick);
	worker.start();
	[editor, approver] = await Promise.all([
		createTestUser(t.db, { role: 'editor', name: 'Eva' }),
		createTestUser(t.db, { role: 'approver', name: 'Arne' })
	]);
});
afterEach(async () => {
	unsubscribe();
	await worker.stop();
	await receiver.close();
	await services.docs.close();
	t.cleanup();
});

const deliveries = () => t.db.select().from(webhookDeliveries).all();

async function hook(events: string[]) {
	const made = await createWebhook(t.db, { url: receiver.url, events, secret: SECRET, createdById: null }, LOCAL);
	if (!made.ok) throw new Error(made.message);
	return made.id;
}

describe('webhook deliveries', () => {
	it('POSTs each subscribed event of the real workflow, signed with the secret over "<timestamp>.<body>"', async () => {
		await hook(['record.approved', 'record.changes_requested', 'project.published']);
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
		await expect.poll(() => deliveries().every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(true);
	});

	it('retries after the receiver fails, with the same body, and then delivers', async () => {
		await hook(['record.rejected']);
		receiver.answer.push(500, 503);
		const id = createDraft(t.db);
		await changeReviewState(services, { recordId: id, action: 'reject', user: approver, reason: 'Inget projekt' });

		await expect.poll(() => deliveries()[0]?.status, { timeout: 10_000 }).toBe('delivered');
		expect(receiver.received).toHaveLength(3);
		expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
		expect(receiver.received.every((r) => verifyDelivery(r, SECRET))).toBe(true);
		expect(deliveries()[0]).toMatchObject({ attempts: 3, lastStatus: 200, lastError: null });
		expect(JSON.parse(receiver.received[0].body)).toMatchObject({ event: 'record.rejected', recordId: id, reason: 'Inget projekt' });
	});

	it('gives up after the last attempt and keeps the failure in the log', async () => {
		const id = await hook(['record.rejected']);
		receiver.answer.push(500, 500, 500);
		await changeReviewState(services, { recordId: createDraft(t.db), action: 'reject', user: approver, reason: 'Dubblett' });
		await expect.poll(() => deliveries()[0]?.status, { timeout: 10_000 }).toBe('failed');
		expect(listDeliveries(t.db, id)[0]).toMatchObject({ attempts: 3, lastStatus: 500, lastError: 'HTTP 500: ok' });
		expect(receiver.received).toHaveLength(3);
	});

	it('sends nothing for an event no webhook asked for, and a test delivery on request', async () => {
		const id = await hook(['document.ingested']);
		await changeReviewState(services, { recordId: createDraft(t.db), action: 'reject', user: approver, reason: 'Nej' });
		const test = enqueueTest(t.db, id)!;
		await worker.attempt(test);
		expect(receiver.received.map((r) => JSON.parse(r.body).event)).toEqual(['webhook.test']);
		expect(enqueueTest(t.db, 'no-such-hook')).toBeNull();
	});

	it('stores the secret to sign with but never lists it, and removing a webhook removes its log', async () => {
		const id = await hook(['record.approved']);
		expect(listWebhooks(t.db)).toEqual([{ id, url: receiver.url, events: ['record.approved'], createdAt: expect.any(Date) }]);
		enqueueTest(t.db, id);
		expect(removeWebhook(t.db, id, null)).toBe(true);
		expect(removeWebhook(t.db, id, null)).toBe(false);
		expect(t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, id)).all()).toEqual([]);
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

	it('refuses to create a webhook with a bad URL, event or secret, and stores nothing', async () => {
		const base = { url: receiver.url, events: ['record.approved'], secret: SECRET, createdById: null };
		expect(await createWebhook(t.db, { ...base, url: 'http://127.0.0.1:1/x' }, { ...LOCAL, allowPrivate: false })).toMatchObject({
			ok: false,
			status: 400
		});
		expect(await createWebhook(t.db, { ...base, events: ['record.exploded'] }, LOCAL)).toMatchObject({
			ok: false,
			message: '"record.exploded" is not an event a webhook can receive.'
		});
		expect(await createWebhook(t.db, { ...base, events: [] }, LOCAL)).toMatchObject({ ok: false, message: 'Choose at least one event.' });
		expect(await createWebhook(t.db, { ...base, secret: 'short' }, LOCAL)).toMatchObject({ ok: false, status: 400 });
		expect(listWebhooks(t.db)).toEqual([]);
		const made = await createWebhook(t.db, { ...base, secret: '' }, LOCAL);
		expect(made.ok && made.secret).toMatch(/^[0-9a-f]{64}$/);
	});
});
