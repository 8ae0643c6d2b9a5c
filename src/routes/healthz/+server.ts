import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** Liveness: the process answers HTTP. Public, no database touched. */
export const GET: RequestHandler = () => json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
