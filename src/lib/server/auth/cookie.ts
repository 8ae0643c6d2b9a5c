import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from './session';

/**
 * HttpOnly keeps the token from scripts; SameSite=Lax keeps it off cross-site POSTs;
 * Secure follows the request's scheme, which adapter-node derives from ORIGIN or
 * PROTOCOL_HEADER, so a plain-http local install still works.
 */
function options(url: URL) {
	return { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:' } as const;
}

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, { ...options(url), expires: expiresAt });
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, options(url));
}
