/**
 * Requests per minute for each API token, and failed token attempts per client address,
 * counted in this process (a fixed one-minute window). A multi-process deployment counts
 * per process; the limit is about runaway scripts, not a security boundary (a token has
 * 256 bits: guessing is not the threat).
 */
export class MinuteLimiter {
	private readonly windows = new Map<string, { start: number; count: number }>();

	constructor(private readonly perMinute: number) {}

	/** Counts one request; the milliseconds to wait when over the limit, else 0. */
	take(key: string, now = Date.now()): number {
		let w = this.windows.get(key);
		if (!w || now - w.start >= 60_000) {
			if (this.windows.size > 10_000) this.sweep(now);
			w = { start: now, count: 0 };
			this.windows.set(key, w);
		}
		w.count++;
		return w.count > this.perMinute ? w.start + 60_000 - now : 0;
	}

	private sweep(now: number): void {
		for (const [key, w] of this.windows) if (now - w.start >= 60_000) this.windows.delete(key);
	}
}
