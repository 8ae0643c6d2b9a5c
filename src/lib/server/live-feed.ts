/**
 * The workspace's live feed: Server-Sent Events naming each record that changed, so an
 * open queue or record page reloads what it shows through its own (authorised) load.
 * SSE rather than the sync socket: the queue has no live document to join, EventSource
 * reconnects by itself, and a feed of ids carries nothing a viewer may not see.
 */
import { eventStream, type StreamOwner } from './event-stream';
import { onAnyEvent, type SamlaEventName } from './events';

export interface FeedMessage {
	type: SamlaEventName;
	recordId: string;
}

export function liveFeed(who: StreamOwner): Response {
	return eventStream(who, (send) =>
		onAnyEvent((type, payload) => {
			// A document's ingest names its new records; every other event names one record.
			const ids = 'recordIds' in payload ? payload.recordIds : 'recordId' in payload ? [payload.recordId] : [];
			for (const recordId of ids) {
				const message: FeedMessage = { type, recordId };
				send(`data: ${JSON.stringify(message)}\n\n`);
			}
		})
	);
}
