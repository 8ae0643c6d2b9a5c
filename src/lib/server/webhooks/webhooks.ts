/** Webhooks: who is told what, and the queue of deliveries (deliver.ts sends them). */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { isWebhookEvent, type WebhookEvent } from '../../records/webhook-events';
import { audit } from '../audit';
import type { Db } from '../db/client';
import { webhookDeliveries, webhooks, type WebhookDelivery } from '../db/schema';
import { refuse, type Outcome, type Refusal } from '../refusal';
import { localizeWebhookProblem, webhookProblemText, type WebhookProblem } from '../../i18n/webhook-messages';
import { checkWebhookUrl, type GuardOptions } from './url-guard';

export const MIN_SECRET_LENGTH = 16;
const MAX_SECRET_LENGTH = 200;
/** The event of a delivery sent with "Send test"; not one an admin subscribes to. */
export const TEST_EVENT = 'webhook.test';

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`, as in X-Samla-Signature. */
export function signature(secret: string, timestamp: number, body: string): string {
	return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface WebhookInput {
	url: string;
	events: string[];
	/** Empty: one is made. */
	secret?: string | null;
	createdById: string | null;
	clientAddress?: string | null;
}

export interface WebhookSummary {
	id: string;
	url: string;
	events: WebhookEvent[];
	createdAt: Date;
}

/** Parses "record.approved, project.published" or a list of the same; a clear problem for an unknown name. */
export function parseEvents(raw: string | string[]): { events: WebhookEvent[] } | { problem: WebhookProblem } {
	const names = (Array.isArray(raw) ? raw : raw.split(',')).map((e) => e.trim()).filter(Boolean);
	if (!names.length) return { problem: { key: 'noEvents' } };
	const unknown = names.find((n) => !isWebhookEvent(n));
	if (unknown) return { problem: { key: 'unknownEvent', name: unknown } };
	return { events: [...new Set(names)] as WebhookEvent[] };
}

/** English as the message (the CLI's), and in every language for the admin page. */
function refused(problem: WebhookProblem): Refusal {
	return { ...refuse('invalid', webhookProblemText('en', problem)), text: localizeWebhookProblem(problem) };
}

/** The secret is returned here, once: it is never shown again. */
export async function createWebhook(
	db: Db,
	input: WebhookInput,
	guard: GuardOptions,
	now = new Date()
): Promise<Outcome<{ id: string; secret: string }>> {
	const parsed = parseEvents(input.events);
	if ('problem' in parsed) return refused(parsed.problem);
	const secret = input.secret?.trim() || randomBytes(32).toString('hex');
	if (secret.length < MIN_SECRET_LENGTH || secret.length > MAX_SECRET_LENGTH) {
		return refused({ key: 'secretLength', min: MIN_SECRET_LENGTH, max: MAX_SECRET_LENGTH });
	}
	const verdict = await checkWebhookUrl(input.url, guard);
	if (!verdict.ok) return refused(verdict.problem);
	const id = randomUUID();
	db.transaction((tx) => {
		tx.insert(webhooks)
			.values({ id, url: verdict.url.href, events: parsed.events, secret, createdById: input.createdById, createdAt: now })
			.run();
		audit(tx, {
			action: 'webhook.created',
			actorId: input.createdById,
			targetType: 'webhook',
			targetId: id,
			detail: { url: verdict.url.href, events: parsed.events },
			clientAddress: input.clientAddress ?? null,
			at: now
		});
	});
	return { ok: true, id, secret };
}

export function listWebhooks(db: Db): WebhookSummary[] {
	return db
		.select({ id: webhooks.id, url: webhooks.url, events: webhooks.events, createdAt: webhooks.createdAt })
		.from(webhooks)
		.orderBy(webhooks.createdAt)
		.all();
}

export function removeWebhook(db: Db, id: string, actorId: string | null, clientAddress: string | null = null): boolean {
	return db.transaction((tx) => {
		const removed = tx.delete(webhooks).where(eq(webhooks.id, id)).returning({ url: webhooks.url }).all();
		if (removed.length) {
			audit(tx, {
				action: 'webhook.removed',
				actorId,
				targetType: 'webhook',
				targetId: id,
				detail: { url: removed[0].url },
				clientAddress
			});
		}
		return removed.length > 0;
	});
}

/** Queues one delivery per webhook that wants this event; the body is fixed now and sent as is on every attempt. */
export function enqueueEvent(db: Db, event: WebhookEvent, data: Record<string, unknown>, now = new Date()): number {
	const targets = listWebhooks(db).filter((w) => w.events.includes(event));
	for (const hook of targets) enqueue(db, hook.id, event, data, now);
	return targets.length;
}

function enqueue(db: Db, webhookId: string, event: string, data: Record<string, unknown>, now: Date): number {
	const body = JSON.stringify({ id: randomUUID(), event, occurredAt: now.toISOString(), ...data });
	return db
		.insert(webhookDeliveries)
		.values({ webhookId, event, body, nextAttemptAt: now, createdAt: now })
		.returning({ id: webhookDeliveries.id })
		.get().id;
}

/** Queues a test delivery now; null when there is no such webhook. */
export function enqueueTest(db: Db, webhookId: string, now = new Date()): number | null {
	if (!db.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.id, webhookId)).get()) return null;
	return enqueue(db, webhookId, TEST_EVENT, { recordId: null, test: true }, now);
}

export function listDeliveries(db: Db, webhookId: string, limit = 50): WebhookDelivery[] {
	return db
		.select()
		.from(webhookDeliveries)
		.where(eq(webhookDeliveries.webhookId, webhookId))
		.orderBy(desc(webhookDeliveries.id))
		.limit(limit)
		.all();
}
