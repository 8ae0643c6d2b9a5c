/**
 * The delivery worker: runs in the server process, takes due deliveries from the database
 * queue, POSTs each signed, and records the outcome. A failure (no answer, or any status
 * but 2xx) is retried after WEBHOOK_RETRY_SECONDS, doubling each time, until
 * WEBHOOK_MAX_ATTEMPTS; then the delivery is marked failed. Because the queue is the
 * database, a delivery queued before a restart is sent after it.
 *
 * Every process runs a worker over the same queue, so a delivery is claimed before it is sent:
 * one conditional UPDATE moves its next attempt a lease ahead, and only the process whose
 * UPDATE matched sends it (on PostgreSQL the second UPDATE waits for the first and then no
 * longer matches). The outcome is written only while that lease is still the claimer's. A
 * process that dies mid-attempt leaves the delivery to be taken again when the lease ends.
 */
import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { and, eq, lte } from 'drizzle-orm';
import type { Sql } from '../db/sql';
import { logger } from '../ops/log';
import { enqueueTest, signature } from './webhooks';
import { webhookProblemText } from '../../i18n/webhook-messages';
import { checkAddress, defaultPort, parseWebhookUrl, type GuardOptions } from './url-guard';

const TIMEOUT_MS = 10_000;
const BATCH = 20;
/** How long a claimed delivery is left to its claimer: well past one attempt's longest wait. */
const LEASE_MS = 6 * TIMEOUT_MS;
/** Receivers' answers are read and dropped; only so much is read. */
const MAX_ERROR_TEXT = 500;

export interface WorkerOptions {
	guard: () => GuardOptions;
	retryBaseMs: number;
	maxAttempts: number;
	/** How often the queue is looked at. */
	pollMs?: number;
}

export interface AttemptResult {
	ok: boolean;
	status: number | null;
	error: string | null;
}

/** One POST, connecting only to an address the guard accepts. */
export function post(url: string, headers: Record<string, string>, body: string, guard: GuardOptions): Promise<AttemptResult> {
	return new Promise((resolve) => {
		const parsed = parseWebhookUrl(url, guard);
		if (!parsed.ok) return resolve({ ok: false, status: null, error: parsed.message });
		const port = defaultPort(parsed.url);
		const host = parsed.url.hostname.replace(/^\[|\]$/g, '');
		if (isIP(host)) {
			const problem = checkAddress(host, port, guard);
			if (problem) return resolve({ ok: false, status: null, error: webhookProblemText('en', problem) });
		}
		// Node resolves the name itself (one address, or all when it races IPv4 and IPv6); every answer is checked.
		const guardedLookup = (hostname: string, options: LookupOptions, callback: (...args: unknown[]) => void) => {
			lookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
				if (err) return callback(err);
				const problem = addresses.map((a) => checkAddress(a.address, port, guard)).find(Boolean);
				if (problem) return callback(new Error(webhookProblemText('en', problem)));
				if (options.all) callback(null, addresses);
				else callback(null, addresses[0].address, addresses[0].family);
			});
		};
		const send = parsed.url.protocol === 'https:' ? httpsRequest : httpRequest;
		const req = send(
			parsed.url,
			{
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'content-length': String(Buffer.byteLength(body)),
					'user-agent': 'Samla-Webhook/1',
					...headers
				},
				lookup: guardedLookup as never,
				timeout: TIMEOUT_MS
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => {
					if (text.length < MAX_ERROR_TEXT) text += chunk;
				});
				res.on('end', () => {
					const status = res.statusCode ?? 0;
					const ok = status >= 200 && status < 300;
					resolve({ ok, status, error: ok ? null : `HTTP ${status}${text ? `: ${text.slice(0, MAX_ERROR_TEXT)}` : ''}` });
				});
				res.on('error', (err) => resolve({ ok: false, status: res.statusCode ?? null, error: err.message }));
			}
		);
		req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
		req.on('error', (err) => resolve({ ok: false, status: null, error: err.message }));
		req.end(body);
	});
}

export function createWebhookWorker(sql: Sql, options: WorkerOptions) {
	const { webhookDeliveries, webhooks } = sql.t;
	const inFlight = new Set<number>();
	let timer: NodeJS.Timeout | null = null;
	let running: Promise<void> = Promise.resolve();

	/** Takes a due delivery for this process until `lease`; false when it is not due, done, or another took it. */
	async function claim(id: number, now: Date, lease: Date): Promise<boolean> {
		const claimed = await sql.db
			.update(webhookDeliveries)
			.set({ nextAttemptAt: lease })
			.where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now)))
			.returning({ id: webhookDeliveries.id });
		return claimed.length > 0;
	}

	/** One POST of a delivery this process holds until `lease`, and its outcome. */
	async function send(id: number, lease: Date): Promise<void> {
		const [row] = await sql.db
			.select({ delivery: webhookDeliveries, url: webhooks.url, secret: webhooks.secret })
			.from(webhookDeliveries)
			.innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
			.where(eq(webhookDeliveries.id, id));
		// The webhook was removed meanwhile, and its deliveries with it.
		if (!row) return;
		const timestamp = Math.floor(Date.now() / 1000);
		const result = await post(
			row.url,
			{
				'x-samla-event': row.delivery.event,
				'x-samla-timestamp': String(timestamp),
				'x-samla-signature': signature(row.secret, timestamp, row.delivery.body)
			},
			row.delivery.body,
			options.guard()
		);
		const attempts = row.delivery.attempts + 1;
		const now = new Date();
		const failed = !result.ok && attempts >= options.maxAttempts;
		const [recorded] = await sql.db
			.update(webhookDeliveries)
			.set({
				attempts,
				lastStatus: result.status,
				lastError: result.error,
				status: result.ok ? 'delivered' : failed ? 'failed' : 'pending',
				deliveredAt: result.ok ? now : null,
				nextAttemptAt: new Date(now.getTime() + options.retryBaseMs * 2 ** (attempts - 1))
			})
			// Still ours: a lease that ran out meanwhile may have let another process take the delivery.
			.where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.status, 'pending'), eq(webhookDeliveries.nextAttemptAt, lease)))
			.returning({ id: webhookDeliveries.id });
		if (!recorded) logger().warn({ delivery: id }, 'webhook delivery outlived its lease; its outcome is not recorded');
		if (!result.ok) logger().warn({ delivery: id, attempts, error: result.error, gaveUp: failed }, 'webhook delivery failed');
	}

	/** One due delivery now, if no process has it already. */
	async function attempt(id: number): Promise<void> {
		const now = new Date();
		const lease = new Date(now.getTime() + LEASE_MS);
		if (await claim(id, now, lease)) await send(id, lease);
	}

	/** Sends everything due now, a batch at a time, each delivery at most once at a time. */
	async function drain(): Promise<void> {
		const due = (
			await sql.db
				.select({ id: webhookDeliveries.id })
				.from(webhookDeliveries)
				.where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, new Date())))
				.orderBy(webhookDeliveries.nextAttemptAt)
				.limit(BATCH)
		).filter((d) => !inFlight.has(d.id));
		await Promise.all(
			due.map(async ({ id }) => {
				inFlight.add(id);
				try {
					await attempt(id);
				} catch (err) {
					logger().error({ err, delivery: id }, 'webhook delivery crashed');
				} finally {
					inFlight.delete(id);
				}
			})
		);
	}

	// A poll that fails (the database away) is logged, once per outage, and tried again at the
	// next: left rejected, the promise would end the process as an unhandled rejection.
	let failing = false;
	const tick = () => {
		running = running.then(drain).then(
			() => void (failing = false),
			(err: unknown) => {
				if (!failing) logger().error({ err }, 'the webhook queue could not be read; trying again at every poll');
				failing = true;
			}
		);
	};

	return {
		start() {
			timer ??= setInterval(tick, options.pollMs ?? 1000);
			timer.unref();
			tick();
		},
		/** Looks at the queue now rather than at the next poll (a new delivery was queued). */
		kick: tick,
		/** Waits for what is under way; what is still queued stays queued for the next start. */
		async stop() {
			if (timer) clearInterval(timer);
			timer = null;
			await running;
		},
		/**
		 * "Send test": queues a test delivery already held by this process and makes its first
		 * attempt now, so the caller can show the answer; retries follow as for any delivery.
		 * The delivery's id, or null when there is no such webhook.
		 */
		async sendTest(webhookId: string): Promise<number | null> {
			const now = new Date();
			const lease = new Date(now.getTime() + LEASE_MS);
			const id = await enqueueTest(sql, webhookId, now, lease);
			if (id !== null) await send(id, lease);
			return id;
		}
	};
}

export type WebhookWorker = ReturnType<typeof createWebhookWorker>;
