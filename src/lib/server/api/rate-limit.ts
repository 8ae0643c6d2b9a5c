/**
 * Requests per minute for each API token, and failed token attempts per client address
 * (a fixed one-minute window from a key's first request). One process counts in memory
 * (MinuteLimiter); several processes share their counts in Redis
 * (cluster/redis-minute-limiter.ts), set as the app context's apiLimits. The limit is about
 * runaway scripts, not a security boundary (a token has 256 bits: guessing is not the threat).
 */

/** Failed token attempts allowed per client address per minute. */
export const FAILURES_PER_MINUTE = 30;
export const WINDOW_MS = 60_000;

export interface RequestLimiter {
	/** Counts one request; the milliseconds to wait when over the limit, else 0. */
	take(key: string): number | Promise<number>;
}

export interface ApiLimits {
	/** Keyed by token id. */
	perToken: RequestLimiter;
	/** Failed attempts, keyed by client address. */
	failures: RequestLimiter;
}

export function inMemoryApiLimits(perTokenPerMinute: number): ApiLimits {
	return { perToken: new MinuteLimiter(perTokenPerMinute), failures: new MinuteLimiter(FAILURES_PER_MINUTE) };
}

export class MinuteLimiter implements RequestLimiter {
	private readonly windows = new Map<string, { start: number; count: number }>();

	constructor(private readonly perMinute: number) {}

	take(key: string, now = Date.now()): number {
		let w = this.windows.get(key);
		if (!w || now - w.start >= WINDOW_MS) {
			if (this.windows.size > 10_000) this.sweep(now);
			w = { start: now, count: 0 };
			this.windows.set(key, w);
		}
		w.count++;
		return w.count > this.perMinute ? w.start + WINDOW_MS - now : 0;
	}

	private sweep(now: number): void {
		for (const [key, w] of this.windows) if (now - w.start >= WINDOW_MS) this.windows.delete(key);
	}
}
