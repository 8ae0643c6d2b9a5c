import { sequence } from '@sveltejs/kit/hooks';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { clearSessionCookie, setSessionCookie } from '$lib/server/auth/cookie';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { sql, startAppContext } from '$lib/server/context';
import { handleApiToken } from '$lib/server/api/bearer-handle';
import { handleBodyLimit, handleFormOrigin } from '$lib/server/api/request-guards';
import { handleNulInUrl } from '$lib/server/api/url-guard';
import { LOCALES, resolveLang } from '$lib/i18n/lang';
import { handlePrivateCache } from '$lib/server/private-cache';
import { logger } from '$lib/server/ops/log';
import { handleRequestLog } from '$lib/server/ops/handle-request-log';
import { serveOffered } from '../server/serve';

/**
 * Before the first request: under `samla start` the services, the first-start work and the
 * sync socket start here, on the server it offered (server/serve.ts), so the app and the sync
 * server are one module graph; `vite dev` offers none and opens the services alone, since
 * PostgreSQL and Redis connect asynchronously.
 */
export const init: ServerInit = async () => {
	if (!(await serveOffered())) await startAppContext();
};

/**
 * Validates the session cookie once per request and puts `user` and `session` on
 * locals; guards read them from there. A forged or expired cookie is cleared, and a
 * valid one is re-sent so the browser's expiry follows the sliding one. The page's
 * language is resolved here too, as the person's setting comes with the session.
 */
const handleSession: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	const auth = token ? await validateSessionToken(sql(), token) : null;
	if (token && auth) setSessionCookie(event.cookies, event.url, token, auth.session.expiresAt);
	else if (token) clearSessionCookie(event.cookies, event.url);
	event.locals.user = auth?.user ?? null;
	event.locals.session = auth?.session ?? null;
	event.locals.lang = resolveLang(event.url, event.request.headers.get('accept-language'), auth?.lang ?? null);
	return resolve(event);
};

/**
 * Every page is in one language (see $lib/i18n/lang: a `?lang` choice, the person's
 * setting, Accept-Language); <html lang> says which, so screen readers read it right.
 */
const handleLang: Handle = ({ event, resolve }) =>
	resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', LOCALES[event.locals.lang.lang]) });

/**
 * Headers that SvelteKit's CSP (svelte.config.js) does not cover: no MIME sniffing, no
 * full URLs (with search terms) sent to other sites, no framing by other sites.
 */
const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
	return response;
};

export const handle = sequence(
	handleRequestLog,
	handleSecurityHeaders,
	handleNulInUrl,
	handleBodyLimit,
	handlePrivateCache,
	handleSession,
	handleLang,
	handleApiToken,
	handleFormOrigin
);

/** An unexpected error is logged with its stack and request id; the page shows only the id. */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status !== 404) logger().error({ err: error, reqId: event.locals.requestId, path: event.url.pathname, status }, message);
	return { message: status === 404 ? message : `${message} (request ${event.locals.requestId})` };
};
