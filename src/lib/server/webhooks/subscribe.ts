/** Queues a webhook delivery for every event a webhook wants; the worker sends it. */
import type { Db } from '../db/client';
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

export function subscribeWebhooks(db: Db, queued: () => void): () => void {
	const stops = WEBHOOK_EVENTS.map((event) =>
		onEvent(event, (e) => {
			if (enqueueEvent(db, event, payloadOf(event, e))) queued();
		})
	);
	return () => stops.forEach((stop) => stop());
}
