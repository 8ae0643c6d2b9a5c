/** The events an admin may send to a webhook: the ones another system acts on. */
export const WEBHOOK_EVENTS = [
	'record.approved',
	'record.rejected',
	'record.changes_requested',
	'document.ingested',
	'project.published',
	'project.withdrawn'
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export function isWebhookEvent(v: string): v is WebhookEvent {
	return (WEBHOOK_EVENTS as readonly string[]).includes(v);
}
