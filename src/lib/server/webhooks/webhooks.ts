/** Webhooks: who is told what, and the queue of deliveries (deliver.ts sends them). */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { isWebhookEvent, type WebhookEvent } from '../../records/webhook-events';
import { auditSql } from '../audit';
import type { WebhookDelivery } from '../db/schema';
import type { Sql, SqlDb } from '../db/sql';
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
	sql: Sql,
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
	// Before the transaction: the guard resolves the host name.
	const verdict = await checkWebhookUrl(input.url, guard);
	if (!verdict.ok) return refused(verdict.problem);
	const id = randomUUID();
	await sql.tx(async (tx) => {
		await tx
			.insert(sql.t.webhooks)
			.values({ id, url: verdict.url.href, events: parsed.events, secret, createdById: input.createdById, createdAt: now });
		await auditSql(sql, tx, {
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

export async function listWebhooks(sql: Sql): Promise<WebhookSummary[]> {
	const { webhooks } = sql.t;
	return sql.db
		.select({ id: webhooks.id, url: webhooks.url, events: webhooks.events, createdAt: webhooks.createdAt })
		.from(webhooks)
		.orderBy(webhooks.createdAt, webhooks.id);
}

export async function removeWebhook(sql: Sql, id: string, actorId: string | null, clientAddress: string | null = null): Promise<boolean> {
	const { webhooks } = sql.t;
	return sql.tx(async (tx) => {
		// One statement decides: of two removals at once, only one gets the row back and audits it.
		const [removed] = await tx.delete(webhooks).where(eq(webhooks.id, id)).returning({ url: webhooks.url });
		if (removed) {
			await auditSql(sql, tx, {
				action: 'webhook.removed',
				actorId,
				targetType: 'webhook',
				targetId: id,
				detail: { url: removed.url },
				clientAddress
			});
		}
		return removed !== undefined;
	});
}

/**
 * Queues one delivery per webhook that wants this event; the body is fixed now and sent as is
 * on every attempt. The webhooks are locked while their deliveries are queued: on PostgreSQL a
 * webhook removed between reading it and queueing for it would fail the whole insert on its
 * foreign key, and with it every other webhook's delivery.
 */
export async function enqueueEvent(sql: Sql, event: WebhookEvent, data: Record<string, unknown>, now = new Date()): Promise<number> {
	const { webhooks } = sql.t;
	return sql.tx(async (tx) => {
		const all = await sql.forUpdate(
			tx.select({ id: webhooks.id, events: webhooks.events }).from(webhooks).orderBy(webhooks.createdAt, webhooks.id)
		);
		const targets = all.filter((w) => w.events.includes(event));
		for (const hook of targets) await enqueue(sql, tx, hook.id, event, data, now, now);
		return targets.length;
	});
}

async function enqueue(
	sql: Sql,
	tx: SqlDb,
	webhookId: string,
	event: string,
	data: Record<string, unknown>,
	now: Date,
	firstAttemptAt: Date
): Promise<number> {
	const { webhookDeliveries } = sql.t;
	const body = JSON.stringify({ id: randomUUID(), event, occurredAt: now.toISOString(), ...data });
	const [row] = await tx
		.insert(webhookDeliveries)
		.values({ webhookId, event, body, nextAttemptAt: firstAttemptAt, createdAt: now })
		.returning({ id: webhookDeliveries.id });
	return row.id;
}

/**
 * Queues a test delivery; null when there is no such webhook. `firstAttemptAt` later than now
 * holds it for the caller who sends it at once (deliver.ts's sendTest), so no worker takes it.
 */
export async function enqueueTest(sql: Sql, webhookId: string, now = new Date(), firstAttemptAt = now): Promise<number | null> {
	const { webhooks } = sql.t;
	return sql.tx(async (tx) => {
		// Locked, so a removal at the same moment waits rather than failing the insert.
		const [hook] = await sql.forUpdate(tx.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.id, webhookId)));
		if (!hook) return null;
		return enqueue(sql, tx, webhookId, TEST_EVENT, { recordId: null, test: true }, now, firstAttemptAt);
	});
}

export async function listDeliveries(sql: Sql, webhookId: string, limit = 50): Promise<WebhookDelivery[]> {
	const { webhookDeliveries } = sql.t;
	return sql.db
		.select()
		.from(webhookDeliveries)
		.where(eq(webhookDeliveries.webhookId, webhookId))
		.orderBy(desc(webhookDeliveries.id))
		.limit(limit);
}
