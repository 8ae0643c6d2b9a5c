/** A token bucket: `burst` at once, refilled at `perSecond`. */
export interface Rate {
	perSecond: number;
	burst: number;
}

export class TokenBucket {
	private tokens: number;
	private last: number;

	constructor(private readonly rate: Rate) {
		this.tokens = rate.burst;
		this.last = performance.now();
	}

	/** Takes `cost` tokens if there are that many. */
	take(cost = 1): boolean {
		this.refill();
		if (this.tokens < cost) return false;
		this.tokens -= cost;
		return true;
	}

	isFull(): boolean {
		this.refill();
		return this.tokens >= this.rate.burst;
	}

	private refill(): void {
		const t = performance.now();
		this.tokens = Math.min(this.rate.burst, this.tokens + ((t - this.last) / 1000) * this.rate.perSecond);
		this.last = t;
	}
}

/** One bucket per key (a user); full buckets are forgotten now and then so the map stays small. */
export class KeyedBuckets {
	private readonly buckets = new Map<string, TokenBucket>();
	private calls = 0;

	constructor(private readonly rate: Rate) {}

	take(key: string): boolean {
		if (++this.calls % 1000 === 0) {
			for (const [k, b] of this.buckets) if (b.isFull()) this.buckets.delete(k);
		}
		let b = this.buckets.get(key);
		if (!b) this.buckets.set(key, (b = new TokenBucket(this.rate)));
		return b.take();
	}
}
