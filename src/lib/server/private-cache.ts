/**
 * `Cache-Control: private, no-store` on every answer that can hold personal data, so no
 * shared cache (a proxy, a CDN) keeps it and no browser keeps it on disk after sign-out:
 * the workspace, administration and sign-in pages (and their `__data.json`), any page
 * rendered for a signed-in person (the header names them), and any answer to a request
 * that authenticates with a token. The public pages and API seen signed out keep the
 * caching their endpoints chose.
 */
import type { Handle } from '@sveltejs/kit';

const PRIVATE_AREAS = ['/workspace', '/admin', '/login', '/logout'];

export const PRIVATE_NO_STORE = 'private, no-store';

export function isPrivateArea(pathname: string): boolean {
	return PRIVATE_AREAS.some((area) => pathname === area || pathname.startsWith(`${area}/`));
}

export const handlePrivateCache: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const personal = isPrivateArea(event.url.pathname) || event.locals.user !== null || event.request.headers.has('authorization');
	if (personal) {
		try {
			response.headers.set('cache-control', PRIVATE_NO_STORE);
		} catch {
			// A response with immutable headers (one passed through from fetch) is copied.
			const copy = new Response(response.body, response);
			copy.headers.set('cache-control', PRIVATE_NO_STORE);
			return copy;
		}
	}
	return response;
};
