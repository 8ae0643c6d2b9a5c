import { sequence } from '@sveltejs/kit/hooks';
import type { Handle } from '@sveltejs/kit';
import { clearSessionCookie, setSessionCookie } from '$lib/server/auth/cookie';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { db } from '$lib/server/context';
import { handleApiToken } from '$lib/server/api/bearer-handle';
import { handleBodyLimit, handleFormOrigin } from '$lib/server/api/request-guards';
import { isPublicPath, LOCALES, resolveLang } from '$lib/i18n/lang';

/**
 * Sets <html lang> so screen readers read the page in the right language: the public
 * pages are in the reader's language (see $lib/i18n/lang), the rest is English.
 */
const handleLang: Handle = ({ event, resolve }) => {
	const lang = isPublicPath(event.url.pathname)
		? resolveLang(event.url, event.request.headers.get('accept-language')).lang
		: 'en';
	return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', LOCALES[lang]) });
};

/**
 * Validates the session cookie once per request and puts `user` and `session` on
 * locals; guards read them from there. A forged or expired cookie is cleared, and a
 * valid one is re-sent so the browser's expiry follows the sliding one.
 */
const handleSession: Handle = ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	const auth = token ? validateSessionToken(db(), token) : null;
	if (token && auth) setSessionCookie(event.cookies, event.url, token, auth.session.expiresAt);
	else if (token) clearSessionCookie(event.cookies, event.url);
	event.locals.user = auth?.user ?? null;
	event.locals.session = auth?.session ?? null;
	return resolve(event);
};

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

export const handle = sequence(handleSecurityHeaders, handleBodyLimit, handleLang, handleSession, handleApiToken, handleFormOrigin);
