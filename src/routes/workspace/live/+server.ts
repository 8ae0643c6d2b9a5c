import { requireUser } from '$lib/server/auth/guard';
import { liveFeed } from '$lib/server/live-feed';
import type { RequestHandler } from './$types';

/** The live feed of record changes (Server-Sent Events) for anyone who may see the queue. */
export const GET: RequestHandler = (event) => {
	const user = requireUser(event, 'viewer');
	return liveFeed({ userId: user.id, sessionId: event.locals.session?.id ?? null });
};
