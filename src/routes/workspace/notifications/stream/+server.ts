/**
 * The bell's live count as Server-Sent Events: the unread count on connecting and again
 * whenever the person's notifications change. Signed-in people only, and only their own;
 * the stream ends with the session (event-stream.ts).
 */
import { error } from '@sveltejs/kit';
import { sql } from '$lib/server/context';
import { logger } from '$lib/server/ops/log';
import { eventStream } from '$lib/server/event-stream';
import { watchNotifications } from '$lib/server/notify/live';
import { unreadCount } from '$lib/server/notify/notifications';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) => {
	const user = locals.user;
	if (!user) error(401, 'Sign in to see your notifications.');
	return eventStream({ userId: user.id, sessionId: locals.session?.id ?? null }, (send) => {
		// One count at a time, in order: on PostgreSQL two at once could answer out of order and leave the bell stale.
		let counting = Promise.resolve();
		const sendCount = () => {
			counting = counting
				.then(async () => send(`event: unread\ndata: ${await unreadCount(sql(), user.id)}\n\n`))
				.catch((err: unknown) => logger().warn({ err, userId: user.id }, 'unread count not sent'));
		};
		const unwatch = watchNotifications(user.id, sendCount);
		sendCount();
		return unwatch;
	});
};
