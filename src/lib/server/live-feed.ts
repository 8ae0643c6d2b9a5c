/**
 * The workspace's live feed: Server-Sent Events naming each record that changed, so an
 * open queue or record page reloads what it shows through its own (authorised) load.
 * SSE rather than the sync socket: the queue has no live document to join, EventSource
 * reconnects by itself, and a feed of ids carries nothing a viewer may not see.
 */
import { onSessionsEnded } from './auth/session-events';
import { onAnyEvent, type SamlaEventName } from './events';

export interface FeedMessage {
	type: SamlaEventName;
	recordId: string;
}

/** Keeps proxies from closing an idle stream, and finds a dead one. */
const HEARTBEAT_MS = 25_000;
/** Messages queued for a client that is not reading before its stream is closed. */
const MAX_UNREAD = 1_000;

export function liveFeed(who: { userId: string; sessionId: string | null }): Response {
	const encoder = new TextEncoder();
	let stop = () => {};
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			const send = (text: string) => {
				try {
					// A client that stopped reading would make this stream buffer without end: let it go; EventSource reconnects.
					if ((controller.desiredSize ?? 0) < -MAX_UNREAD) {
						stop();
						controller.close();
						return;
					}
					controller.enqueue(encoder.encode(text));
				} catch {
					stop();
				}
			};
			const offEvents = onAnyEvent((type, payload) => {
				// A document's ingest names its new records; every other event names one record.
				const ids = 'recordIds' in payload ? payload.recordIds : 'recordId' in payload ? [payload.recordId] : [];
				for (const recordId of ids) {
					const message: FeedMessage = { type, recordId };
					send(`data: ${JSON.stringify(message)}\n\n`);
				}
			});
			// Signed out, disabled or demoted: the stream ends with the session, as the sync socket does.
			const offSessions = onSessionsEnded((ended) => {
				const mine = 'sessionId' in ended ? ended.sessionId === who.sessionId : ended.userId === who.userId;
				if (!mine) return;
				queueMicrotask(() => {
					stop();
					try {
						controller.close();
					} catch {
						// already closed by the client
					}
				});
			});
			const heartbeat = setInterval(() => send(': ping\n\n'), HEARTBEAT_MS);
			heartbeat.unref?.();
			stop = () => {
				clearInterval(heartbeat);
				offEvents();
				offSessions();
			};
			// Tells the browser how long to wait before reconnecting, and that the stream is open.
			send('retry: 3000\n: open\n\n');
		},
		cancel() {
			stop();
		}
	});
	return new Response(body, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-store',
			'x-accel-buffering': 'no'
		}
	});
}
