import { json } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { readiness } from '$lib/server/ops/readiness';
import type { RequestHandler } from './$types';

/** Readiness for a load balancer: 503 while the database is unreachable or behind the code. Public. */
export const GET: RequestHandler = async () => {
	const state = await readiness(appContext());
	const headers = { 'Cache-Control': 'no-store' };
	return state.ready
		? json({ status: 'ready' }, { headers })
		: json({ status: 'not ready', reason: state.reason }, { status: 503, headers });
};
