/**
 * HTTP for the open-data endpoints: open CORS for GET, and validators that change exactly
 * when the public data does (the public_state generation), so harvesters can poll
 * cheaply with If-None-Match / If-Modified-Since and get 304.
 */
import { createHash } from 'node:crypto';
import { licenceLink, type DataLicence } from './licence';
import type { PublicVersion } from './state';

export const CORS_HEADERS: Record<string, string> = {
	'access-control-allow-origin': '*',
	'access-control-expose-headers': 'ETag, Last-Modified, Content-Disposition, Link'
};

/** The answer to a CORS preflight, e.g. for a client that sends If-None-Match itself. */
export function preflight(): Response {
	return new Response(null, {
		status: 204,
		headers: {
			...CORS_HEADERS,
			'access-control-allow-methods': 'GET, HEAD, OPTIONS',
			'access-control-allow-headers': 'If-None-Match, If-Modified-Since',
			'access-control-max-age': '86400'
		}
	});
}

export function jsonError(status: number, message: string): Response {
	return new Response(JSON.stringify({ error: message }), {
		status,
		headers: { ...CORS_HEADERS, 'content-type': 'application/json; charset=utf-8' }
	});
}

/** Weak: the body of a JSON answer may be re-encoded by a proxy without changing its meaning. */
function etagFor(version: PublicVersion, url: URL): string {
	const hash = createHash('sha256').update(`${url.pathname}?${url.searchParams.toString()}`).digest('base64url').slice(0, 16);
	return `W/"${version.generation}-${hash}"`;
}

function opaque(tag: string): string {
	return tag.trim().replace(/^W\//, '');
}

export interface Validators {
	etag: string;
	lastModified: Date | null;
}

export function validatorsFor(version: PublicVersion, url: URL): Validators {
	return { etag: etagFor(version, url), lastModified: version.changedAt };
}

/** RFC 9110: If-None-Match wins over If-Modified-Since, and compares weakly. */
function notModified(request: Request, v: Validators): boolean {
	const inm = request.headers.get('if-none-match');
	if (inm !== null) return inm.trim() === '*' || inm.split(',').some((t) => opaque(t) === opaque(v.etag));
	const ims = Date.parse(request.headers.get('if-modified-since') ?? '');
	return v.lastModified !== null && !Number.isNaN(ims) && Math.floor(v.lastModified.getTime() / 1000) * 1000 <= ims;
}

export interface OpenDataBody {
	contentType: string;
	body: () => BodyInit | Promise<BodyInit>;
	headers?: Record<string, string>;
	/** Every answer names the data's licence in a `Link` header, 304s included. */
	licence: DataLicence;
}

export async function openDataResponse(request: Request, v: Validators, answer: OpenDataBody): Promise<Response> {
	const headers = new Headers({
		...CORS_HEADERS,
		etag: v.etag,
		'cache-control': 'public, max-age=0, must-revalidate',
		...answer.headers,
		link: [licenceLink(answer.licence), answer.headers?.link].filter(Boolean).join(', ')
	});
	if (v.lastModified) headers.set('last-modified', v.lastModified.toUTCString());
	if (notModified(request, v)) return new Response(null, { status: 304, headers });
	headers.set('content-type', answer.contentType);
	return new Response(await answer.body(), { headers });
}

/** Opaque to clients so the paging scheme can change; today it is the position after the last project. */
export function encodeCursor(position: number): string {
	return Buffer.from(`after:${position}`).toString('base64url');
}

export function decodeCursor(cursor: string): number | null {
	const m = /^after:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
	return m ? Number(m[1]) : null;
}
