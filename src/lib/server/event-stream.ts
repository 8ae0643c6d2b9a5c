/**
 * One signed-in person's Server-Sent Events stream (the workspace's live feed, the bell):
 * what every such stream needs, in one place. A comment line every 25 s keeps proxies from
 * closing it idle and finds a dead one; a client that stops reading is let go rather than
 * buffered for without end (EventSource reconnects); the stream ends with the session, as
 * the sync socket does, when its person signs out, is disabled or demoted.
 */
import { onSessionsEnded } from './auth/session-events';

const HEARTBEAT_MS = 25_000;
/** Messages queued for a client that is not reading before its stream is closed. */
const MAX_UNREAD = 1_000;

export interface StreamOwner {
	userId: string;
	sessionId: string | null;
}

/**
 * `start` begins sending (`send` takes whole SSE text) and returns what stops it; it runs
 * once, and what it returns runs once, however the stream ends.
 */
export function eventStream(who: StreamOwner, start: (send: (text: string) => void) => () => void): Response {
	const encoder = new TextEncoder();
	let stopped = false;
	let stop = () => {};
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			const end = () => {
				stop();
				try {
					controller.close();
				} catch {
					// already closed by the client
				}
			};
			const send = (text: string) => {
				if (stopped) return;
				try {
					if ((controller.desiredSize ?? 0) < -MAX_UNREAD) return end();
					controller.enqueue(encoder.encode(text));
				} catch {
					stop();
				}
			};
			const offSessions = onSessionsEnded((ended) => {
				const mine = 'sessionId' in ended ? ended.sessionId === who.sessionId : ended.userId === who.userId;
				// Heard inside the transaction that ends the session: act once it is done.
				if (mine) queueMicrotask(end);
			});
			const heartbeat = setInterval(() => send(': ping\n\n'), HEARTBEAT_MS);
			heartbeat.unref?.();
			let stopSending = () => {};
			stop = () => {
				if (stopped) return;
				stopped = true;
				clearInterval(heartbeat);
				offSessions();
				stopSending();
			};
			// Tells the browser how long to wait before reconnecting, and that the stream is open.
			send('retry: 3000\n: open\n\n');
			stopSending = start(send);
		},
		cancel() {
			stop();
		}
	});
	return new Response(body, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-store',
			// nginx passes the stream on as it comes (tests/deploy/nginx.spec.ts).
			'x-accel-buffering': 'no'
		}
	});
}
