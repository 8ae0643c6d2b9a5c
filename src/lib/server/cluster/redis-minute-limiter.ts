/**
 * The API's per-minute limits shared by every process (issue 13): the same fixed window as
 * MinuteLimiter (api/rate-limit.ts), counted in Redis at `<prefix>rate:<name>:<key>`. One
 * MULTI creates the window with its expiry if it is new (SET NX PX), counts the request
 * (INCR) and reads what is left of the window (PTTL), so requests on any number of
 * processes at once are counted exactly once each and never outlive their window.
 *
 * Redis away or slow: each process counts in memory until Redis answers again (logged once
 * per outage). The API then allows up to the limit per process rather than in all, for a
 * while: better than refusing every API call while Redis is away (503) or counting nothing,
 * since the limit stops runaway scripts and is no security boundary.
 */
import { Redis } from './ioredis';
import { endConnection } from './redis-end';
import { FAILURES_PER_MINUTE, MinuteLimiter, WINDOW_MS, type ApiLimits, type RequestLimiter } from '../api/rate-limit';

/** A request waits no longer than this for Redis before it is counted in memory. */
const COMMAND_TIMEOUT_MS = 500;

/** Whether Redis answered the last count: shared by the limiters on one connection, so an outage is logged once. */
export class LimiterHealth {
	private away = false;

	constructor(private readonly log: (line: string) => void = (line) => console.error(line)) {}

	failed(err: Error): void {
		if (!this.away) this.log(`samla: API rate limits counted per process while Redis is away (${err.message})`);
		this.away = true;
	}

	answered(): void {
		if (this.away) this.log('samla: API rate limits counted in Redis again');
		this.away = false;
	}
}

export class RedisMinuteLimiter implements RequestLimiter {
	private readonly fallback: MinuteLimiter;

	constructor(
		private readonly redis: Redis,
		private readonly keyPrefix: string,
		private readonly perMinute: number,
		private readonly health = new LimiterHealth()
	) {
		this.fallback = new MinuteLimiter(perMinute);
	}

	async take(key: string): Promise<number> {
		const k = this.keyPrefix + key;
		let count: number;
		let leftMs: number;
		try {
			const replies = await this.redis.multi().set(k, '0', 'PX', WINDOW_MS, 'NX').incr(k).pttl(k).exec();
			const failed = replies?.find(([err]) => err)?.[0];
			if (!replies || failed) throw failed ?? new Error('the transaction was aborted');
			count = replies[1][1] as number;
			leftMs = replies[2][1] as number;
		} catch (err) {
			this.health.failed(err as Error);
			return this.fallback.take(key);
		}
		this.health.answered();
		return count > this.perMinute ? Math.max(leftMs, 1) : 0;
	}
}

export interface RedisApiLimits extends ApiLimits {
	close(): Promise<void>;
}

/** Both API limits on one connection of their own. */
export async function startRedisApiLimits(options: {
	redisUrl: string;
	prefix?: string;
	processId?: string;
	perTokenPerMinute: number;
	log?: (line: string) => void;
}): Promise<RedisApiLimits> {
	const prefix = options.prefix ?? 'samla:';
	const redis = new Redis(options.redisUrl, {
		connectionName: `${prefix}${options.processId ?? 'samla'}:limits`,
		lazyConnect: true,
		// Fail at once while Redis is away, and soon while it is slow: a request is not held up for a count.
		enableOfflineQueue: false,
		commandTimeout: COMMAND_TIMEOUT_MS,
		maxRetriesPerRequest: 0
	});
	// Reported by the limiters' fallback, once per outage; ioredis reconnects by itself.
	redis.on('error', () => {});
	await redis.connect().catch((err: unknown) => {
		// ioredis would go on reconnecting in the background for limits that never started.
		redis.disconnect();
		throw err;
	});
	const health = new LimiterHealth(options.log);
	return {
		perToken: new RedisMinuteLimiter(redis, `${prefix}rate:api-token:`, options.perTokenPerMinute, health),
		failures: new RedisMinuteLimiter(redis, `${prefix}rate:api-failure:`, FAILURES_PER_MINUTE, health),
		close: () => endConnection(redis)
	};
}
