/** A real HTTP server on port 0 that records what it is sent and answers what the test says. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
	headers: IncomingHttpHeaders;
	body: string;
}

export interface Receiver {
	url: string;
	received: Received[];
	/** The status the next requests get (200 unless a test says otherwise). */
	answer: number[];
	close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
	const received: Received[] = [];
	const answer: number[] = [];
	const server = createServer((req, res) => {
		let body = '';
		req.setEncoding('utf8');
		req.on('data', (c: string) => (body += c));
		req.on('end', () => {
			received.push({ headers: req.headers, body });
			res.statusCode = answer.shift() ?? 200;
			res.end('ok');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/hook`,
		received,
		answer,
		close: () => new Promise((resolve) => server.close(() => resolve()))
	};
}

/**
 * What a receiver does with a delivery, as docs/webhooks.md tells it to: recompute the
 * HMAC of "<timestamp>.<body>" with the shared secret, compare in constant time, and
 * refuse a timestamp more than five minutes from its own clock (a replayed delivery).
 */
export function verifyDelivery(r: Received, secret: string, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
	const timestamp = Number(r.headers['x-samla-timestamp']);
	const given = String(r.headers['x-samla-signature'] ?? '');
	if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > 300) return false;
	const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${r.body}`).digest('hex')}`;
	return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
