/**
 * Two checks on request bodies that SvelteKit's own cannot make once uploads exist:
 *
 * - The cross-site form check. SvelteKit's (kit.csrf.checkOrigin, now off) refuses every
 *   form-encoded POST without a matching Origin, which is also every `curl -F` to the API.
 *   This one refuses the same requests unless they carry a valid API token: a browser
 *   cannot add an Authorization header to a cross-site form, and a token request ignores
 *   cookies, so nothing a page elsewhere can send gets through. (An API request with no
 *   session and no token passes to its endpoint, which answers 401.)
 * - The body size. BODY_SIZE_LIMIT is raised for uploads (upload-body-limit.ts); every other
 *   path keeps what it was (512 KB by default): a body over it, declared or streamed, is
 *   read up to the limit and then fails, as adapter-node's own limit makes it fail.
 */
import { json, text, type Handle } from '@sveltejs/kit';

/** Paths that take documents in their body. */
export const UPLOAD_PATHS = new Set(['/api/documents', '/workspace/documents']);

const DEFAULT_BODY_LIMIT = 512 * 1024;

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
	if (
		!event.locals.apiTokenId &&
		!anonymousApi &&
		WRITES.has(request.method) &&
		isForm(request) &&
		request.headers.get('origin') !== url.origin
	) {
		const message = `Cross-site ${request.method} form submissions are forbidden`;
		return request.headers.get('accept') === 'application/json' ? json({ message }, { status: 403 }) : text(message, { status: 403 });
	}
	return resolve(event);
};

/** adapter-node's notation: bytes, or with K, M or G; Infinity for none. */
function parseBytes(value: string): number {
	if (value === 'Infinity') return Infinity;
	const m = /^(\d+)([KMG]?)$/i.exec(value.trim());
	if (!m) return DEFAULT_BODY_LIMIT;
	return Number(m[1]) * ({ '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 } as Record<string, number>)[m[2].toUpperCase()];
}

/** What every path but the upload paths accepts: the operator's BODY_SIZE_LIMIT as it was before start.ts raised it, else 512 KB. */
const formBodyLimit = () => parseBytes(process.env.SAMLA_FORM_BODY_LIMIT ?? '512K');

/**
 * The body read up to `limit` bytes, then failed, as adapter-node fails a body over its
 * limit: one declared too long is not read at all. What is left unread stays with the
 * connection (cancelling the source would reset it before the answer is sent).
 */
function limitBody(request: Request, limit: number, declaredOver: boolean): Request {
	const reader = declaredOver ? null : request.body!.getReader();
	const over = () => new Error(`request body over ${limit} bytes`);
	let size = 0;
	const body = new ReadableStream<Uint8Array>({
		async pull(controller) {
			if (!reader) return controller.error(over());
			const { done, value } = await reader.read();
			if (done) return controller.close();
			size += value.byteLength;
			if (size <= limit) return controller.enqueue(value);
			reader.releaseLock();
			controller.error(over());
		},
		cancel: (reason) => reader?.cancel(reason)
	});
	const headers = new Headers(request.headers);
	headers.delete('content-length');
	return new Request(request.url, { method: request.method, headers, body, signal: request.signal, duplex: 'half' } as RequestInit);
}

export const handleBodyLimit: Handle = ({ event, resolve }) => {
	if (UPLOAD_PATHS.has(event.url.pathname) || !event.request.body) return resolve(event);
	const limit = formBodyLimit();
	const declared = Number(event.request.headers.get('content-length') ?? NaN);
	if (!(declared <= limit)) event.request = limitBody(event.request, limit, declared > limit);
	return resolve(event);
};
