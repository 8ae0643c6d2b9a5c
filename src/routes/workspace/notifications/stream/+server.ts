/**
 * The bell's live count as Server-Sent Events: the unread count on connecting and again
 * whenever the person's notifications change. Signed-in people only, and only their own.
 * EventSource reconnects by itself; a comment line every 25 s keeps proxies from closing
 * an idle stream.
 */
import { error } from '@sveltejs/kit';
import { db } from '$lib/server/context';
import { watchNotifications } from '$lib/server/notify/live';
import { unreadCount } from '$lib/server/notify/notifications';
import type { RequestHandler } from './$types';

const KEEPALIVE_MS = 25_000;

export const GET: RequestHandler = ({ locals, request }) => {
	const user = locals.user;
	if (!user) error(401, 'Sign in to see your notifications.');
	const encoder = new TextEncoder();
	let stop = () => {};
	const stream = new ReadableStream<Uint8Array>({
		start(controller) {
			const send = (text: string) => {
				try {
					controller.enqueue(encoder.encode(text));
				} catch {
					stop();
				}
			};
			const sendCount = () => send(`event: unread\ndata: ${unreadCount(db(), user.id)}\n\n`);
			const unwatch = watchNotifications(user.id, sendCount);
			const keepalive = setInterval(() => send(': keepalive\n\n'), KEEPALIVE_MS);
			stop = () => {
				unwatch();
				clearInterval(keepalive);
			};
			request.signal.addEventListener('abort', () => {
				stop();
				try {
					controller.close();
				} catch {
					// already closed
				}
			});
			sendCount();
		},
		cancel() {
			stop();
		}
	});
	return new Response(stream, {
		headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' }
	});
};
