/**
 * `Authorization: Bearer <token>`: the request acts as the token's person, with their
 * role, whatever cookie it carries. A bad token is answered 401 at once, a token over its
 * rate 429. The token itself is never logged, stored or echoed; the audit log names it by id.
 */
import { json, type Handle } from '@sveltejs/kit';
import { validateApiToken } from '../auth/api-tokens';
import { appContext } from '../context';
import { inMemoryApiLimits, type ApiLimits } from './rate-limit';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

let inMemory: ApiLimits | null = null;

function tooMany(waitMs: number): Response {
	return json(
		{ error: 'Too many requests; try again in a minute.' },
		{ status: 429, headers: { 'retry-after': String(Math.ceil(waitMs / 1000)) } }
	);
}

export const handleApiToken: Handle = async ({ event, resolve }) => {
	event.locals.apiTokenId = null;
	const header = event.request.headers.get('authorization');
	// /metrics answers to its own METRICS_TOKEN, not to a person's API token.
	if (!header || event.url.pathname === '/metrics') return resolve(event);
	const token = BEARER.exec(header)?.[1];
	const unauthorised = (message: string) => json({ error: message }, { status: 401, headers: { 'www-authenticate': 'Bearer' } });
	if (!token) return unauthorised('The Authorization header must be "Bearer <token>".');
	const address = event.getClientAddress();
	const { sql, config, apiLimits } = appContext();
	const limits = apiLimits ?? (inMemory ??= inMemoryApiLimits(config.apiRatePerMinute));
	const auth = await validateApiToken(sql, token);
	if (!auth) {
		const wait = await limits.failures.take(address);
		return wait ? tooMany(wait) : unauthorised('Unknown or revoked API token.');
	}
	const wait = await limits.perToken.take(auth.tokenId);
	if (wait) return tooMany(wait);
	event.locals.user = auth.user;
	event.locals.session = null;
	event.locals.apiTokenId = auth.tokenId;
	return resolve(event);
};
