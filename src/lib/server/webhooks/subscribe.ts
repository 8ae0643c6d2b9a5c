/** Queues a webhook delivery for every event a webhook wants; the worker sends it. */
import type { Sql } from '../db/sql';
import { onEvent, type SamlaEvents } from '../events';
import { WEBHOOK_EVENTS, type WebhookEvent } from '../../records/webhook-events';
import { enqueueEvent } from './webhooks';

/** What a receiver is told: the event's ids and facts, never the people's ids behind them. */
function payloadOf(event: WebhookEvent, e: SamlaEvents[WebhookEvent]): Record<string, unknown> {
	if ('documentId' in e) return { recordId: e.recordIds[0] ?? null, documentId: e.documentId, recordIds: e.recordIds };
	const out: Record<string, unknown> = { recordId: e.recordId };
	if ('version' in e) out.version = e.version;
	if ('reason' in e && event !== 'record.approved') out.reason = e.reason ?? null;
	return out;
}

/** Returns the function that stops listening and waits for the deliveries still being queued. */
export function subscribeWebhooks(sql: Sql, queued: () => void): () => Promise<void> {
	const queueing = new Set<Promise<void>>();
	const stops = WEBHOOK_EVENTS.map((event) =>
		onEvent(event, (e) => {
			const done = enqueueEvent(sql, event, payloadOf(event, e)).then((n) => {
				if (n) queued();
			});
			queueing.add(done);
			// The event bus logs a failure; this set only waits for it.
			const settled = () => void queueing.delete(done);
			done.then(settled, settled);
			return done;
		})
	);
	return async () => {
		stops.forEach((stop) => stop());
		await Promise.allSettled([...queueing]);
	};
}
