/**
 * Checks made on the HTTP upgrade request, before a socket is accepted. A refusal is a
 * plain HTTP response: a browser sees only a failed connection, a Node client sees the status.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

export const SYNC_PATH = '/sync';

const RECORD_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** The record id of a sync URL (`/sync/<id>`); null for a sync URL without a valid id; undefined for other paths. */
export function recordIdFromUrl(url: string | undefined): string | null | undefined {
	const path = (url ?? '').split('?')[0];
	if (path !== SYNC_PATH && !path.startsWith(`${SYNC_PATH}/`)) return undefined;
	const id = decodeURIComponentSafe(path.slice(SYNC_PATH.length + 1));
	return id !== null && RECORD_ID.test(id) ? id : null;
}

function decodeURIComponentSafe(s: string): string | null {
	try {
		return decodeURIComponent(s);
	} catch {
		return null;
	}
}

/**
 * Cross-site WebSocket hijacking: a page on another site can open a socket here and the
 * browser sends our session cookie with it, so the Origin must be ours. It is the
 * configured ORIGIN, or else the site the request was addressed to (its Host header).
 * Browsers always send Origin on WebSocket requests; a client without one is not a
 * browser carrying someone else's cookie.
 */
export function originAllowed(req: IncomingMessage, configured: string | null): boolean {
	const origin = req.headers.origin;
	if (origin === undefined) return true;
	if (configured) return origin === configured;
	try {
		return new URL(origin).host === req.headers.host;
	} catch {
		return false;
	}
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
	if (!header) return undefined;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
	}
	return undefined;
}

type RefusalStatus = 401 | 403 | 404 | 429 | 503;

const REASONS: Record<RefusalStatus, string> = {
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	429: 'Too Many Requests',
	503: 'Service Unavailable'
};

export function refuse(socket: Duplex, status: RefusalStatus, message: string, headers: Record<string, string> = {}): void {
	if (socket.destroyed) return;
	const body = `${message}\n`;
	const lines = [
		`HTTP/1.1 ${status} ${REASONS[status]}`,
		'Connection: close',
		'Content-Type: text/plain; charset=utf-8',
		`Content-Length: ${Buffer.byteLength(body)}`,
		...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)
	];
	socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}
