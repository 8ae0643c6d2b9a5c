/** Who may read /metrics: the bearer of METRICS_TOKEN, or, without one, a direct local request. */
import { timingSafeEqual } from 'node:crypto';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * Whether a proxy named a client in this request: the usual headers, and whichever one the
 * operator told adapter-node to take the client from (ADDRESS_HEADER). A proxy on this
 * machine connects from loopback, so its header is all that tells its requests from a scrape.
 */
export function forwardedRequest(headers: Headers, addressHeader: string | undefined = process.env.ADDRESS_HEADER): boolean {
	return ['x-forwarded-for', 'forwarded', 'x-real-ip', addressHeader].some((name) => !!name && headers.has(name));
}

export function mayReadMetrics(input: {
	token: string | null;
	authorization: string | null;
	clientAddress: string;
	forwarded: boolean;
}): boolean {
	if (input.token) {
		const given = Buffer.from(/^Bearer (.+)$/.exec(input.authorization ?? '')?.[1] ?? '');
		const wanted = Buffer.from(input.token);
		return given.length === wanted.length && timingSafeEqual(given, wanted);
	}
	// A reverse proxy on the same machine makes every visitor look local; what it forwarded is not.
	return LOOPBACK.test(input.clientAddress) && !input.forwarded;
}
