/**
 * The workspace's live feed: Server-Sent Events naming each record that changed, so an
 * open queue or record page reloads what it shows through its own (authorised) load.
 * SSE rather than the sync socket: the queue has no live document to join, EventSource
 * reconnects by itself, and a feed of ids carries nothing a viewer may not see.
 *
 * A stream hears this process's events and, in a multi-process deployment, what
 * cluster/live-fanout.ts hands over from the others (`deliverRemoteFeed`). The two are
 * apart so that a message from elsewhere reaches only the open streams here, never the
 * listeners with side effects (webhooks, notifications), which ran where it happened.
 */
import { EventEmitter } from 'node:events';
import { eventStream, type StreamOwner } from './event-stream';
import { onAnyEvent, type SamlaEventName, type SamlaEvents } from './events';

export interface FeedMessage {
	type: SamlaEventName;
	recordId: string;
}

/** What the feed says of an event: a document's ingest names its new records; every other event names one record. */
export function feedMessages<K extends SamlaEventName>(type: K, payload: SamlaEvents[K]): FeedMessage[] {
	const ids = 'recordIds' in payload ? payload.recordIds : 'recordId' in payload ? [payload.recordId] : [];
	return ids.map((recordId) => ({ type, recordId }));
}

/** This process's feed messages, one call per message. */
export function onLocalFeed(listener: (message: FeedMessage) => void): () => void {
	return onAnyEvent((type, payload) => {
		for (const message of feedMessages(type, payload)) listener(message);
	});
}

// On globalThis for the reason context.ts gives (a module `vite dev` reloads runs again).
const KEY = Symbol.for('samla.live-feed.remote');
type WithRemote = typeof globalThis & { [KEY]?: EventEmitter };

function remote(): EventEmitter {
	const g = globalThis as WithRemote;
	if (!g[KEY]) {
		g[KEY] = new EventEmitter();
		// One listener per open queue or record page.
		g[KEY].setMaxListeners(0);
	}
	return g[KEY];
}

/** A message another process's feed carried: to this process's open streams only. */
export function deliverRemoteFeed(message: FeedMessage): void {
	remote().emit('message', message);
}

export function liveFeed(who: StreamOwner): Response {
	return eventStream(who, (send) => {
		const forward = (message: FeedMessage) => send(`data: ${JSON.stringify(message)}\n\n`);
		const offLocal = onLocalFeed(forward);
		remote().on('message', forward);
		return () => {
			offLocal();
			remote().off('message', forward);
		};
	});
}
