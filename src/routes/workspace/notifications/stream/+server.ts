/**
 * The bell's live count as Server-Sent Events: the unread count on connecting and again
 * whenever the person's notifications change. Signed-in people only, and only their own;
 * the stream ends with the session (event-stream.ts).
 */
import { error } from '@sveltejs/kit';
import { db } from '$lib/server/context';
import { eventStream } from '$lib/server/event-stream';
import { watchNotifications } from '$lib/server/notify/live';
import { unreadCount } from '$lib/server/notify/notifications';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) => {
	const user = locals.user;
	if (!user) error(401, 'Sign in to see your notifications.');
	return eventStream({ userId: user.id, sessionId: locals.session?.id ?? null }, (send) => {
		const sendCount = () => send(`event: unread\ndata: ${unreadCount(db(), user.id)}\n\n`);
		const unwatch = watchNotifications(user.id, sendCount);
		sendCount();
		return unwatch;
	});
};
