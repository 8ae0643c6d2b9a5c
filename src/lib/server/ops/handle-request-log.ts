import type { Handle, RequestEvent } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { logger } from './log';
import { metrics } from './metrics';

/** A proxy's request id is kept when it looks like one, so a request can be followed across both logs. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

function requestId(event: RequestEvent): string {
	const given = event.request.headers.get('x-request-id');
	return given && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Outermost handle: gives every request an id (answered in `X-Request-Id`), logs one line
 * when the response starts (request id, method, path without the query, status, duration,
 * the signed-in user's id) and counts it by route for /metrics. Runs around the session
 * handle, so the user is known when the line is written.
 */
export const handleRequestLog: Handle = async ({ event, resolve }) => {
	const id = requestId(event);
	event.locals.requestId = id;
	const started = performance.now();
	let status = 500;
	try {
		const response = await resolve(event);
		status = response.status;
		response.headers.set('X-Request-Id', id);
		return response;
	} finally {
		const seconds = (performance.now() - started) / 1000;
		const labels = { method: event.request.method, route: event.route.id ?? 'unmatched', status: String(status) };
		const m = metrics();
		m.httpRequests.inc(labels);
		m.httpDuration.observe(labels, seconds);
		logger().info(
			{
				reqId: id,
				method: event.request.method,
				path: event.url.pathname,
				status,
				durationMs: Math.round(seconds * 10_000) / 10,
				userId: event.locals.user?.id ?? null
			},
			'request'
		);
	}
};
