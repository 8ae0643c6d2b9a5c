/**
 * Two checks on request bodies that SvelteKit's own cannot make once uploads exist:
 *
 * - The cross-site form check. SvelteKit's (kit.csrf.checkOrigin, now off) refuses every
 *   form-encoded POST without a matching Origin, which is also every `curl -F` to the API.
 *   This one refuses the same requests unless they carry a valid API token: a browser
 *   cannot add an Authorization header to a cross-site form, and a token request ignores
 *   cookies, so nothing a page elsewhere can send gets through. (An API request with no
 *   session and no token passes to its endpoint, which answers 401.)
 * - The body size. BODY_SIZE_LIMIT is raised for uploads (server/start.ts); every other
 *   path keeps SvelteKit's default of 512 KB.
 */
import { json, text, type Handle } from '@sveltejs/kit';
import type { Config } from '../config';

/** Paths that take documents in their body. */
export const UPLOAD_PATHS = new Set(['/api/documents', '/workspace/documents']);

export const DEFAULT_BODY_LIMIT = 512 * 1024;

/** BODY_SIZE_LIMIT when none is set: a few documents of the largest size, and the multipart framing around them. */
export function uploadBodyLimit(cfg: Pick<Config, 'maxDocumentBytes'>): number {
	return cfg.maxDocumentBytes * 4 + 1024 * 1024;
}

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function isForm(request: Request): boolean {
	const type = request.headers.get('content-type')?.split(';', 1)[0].trim().toLowerCase() ?? 'text/plain';
	return FORM_TYPES.includes(type);
}

export const handleFormOrigin: Handle = ({ event, resolve }) => {
	const { request, url } = event;
	// An API request with neither token nor session carries no one's authority: its endpoint answers 401.
	const anonymousApi = !event.locals.session && url.pathname.startsWith('/api/');
	if (!event.locals.apiTokenId && !anonymousApi && WRITES.has(request.method) && isForm(request) && request.headers.get('origin') !== url.origin) {
		const message = `Cross-site ${request.method} form submissions are forbidden`;
		return request.headers.get('accept') === 'application/json' ? json({ message }, { status: 403 }) : text(message, { status: 403 });
	}
	return resolve(event);
};

export const handleBodyLimit: Handle = ({ event, resolve }) => {
	const length = Number(event.request.headers.get('content-length') ?? 0);
	if (length > DEFAULT_BODY_LIMIT && !UPLOAD_PATHS.has(event.url.pathname)) {
		return text(`The request body is over ${DEFAULT_BODY_LIMIT / 1024} KB.`, { status: 413 });
	}
	return resolve(event);
};
