/** The API's per-minute limits in Redis, shared by processes: exact under concurrency, per process while Redis is away. */
import { afterAll, expect, it } from 'vitest';
import { Redis } from '../../src/lib/server/cluster/ioredis';
import { LimiterHealth, RedisMinuteLimiter, startRedisApiLimits } from '../../src/lib/server/cluster/redis-minute-limiter';
import { describeCluster, redisGate, useTestRedis } from '../helpers/cluster';
import { until } from '../sync/harness';

describeCluster('API rate limits in Redis', () => {
	const redis = useTestRedis();
	const connections: Redis[] = [];
	afterAll(() => {
		for (const r of connections) r.disconnect();
	});

	/**
	 * A limiter as one process has it: a connection of its own, with the server's 500 ms timeout
	 * unless a test that is not about the fallback gives it room (a stalled CI machine must not
	 * send its requests to the in-memory count).
	 */
	function processLimiter(perMinute: number, health?: LimiterHealth, url = redis.url, commandTimeout = 500): RedisMinuteLimiter {
		const r = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout });
		r.on('error', () => {});
		connections.push(r);
		return new RedisMinuteLimiter(r, `${redis.prefix}rate:test:`, perMinute, health);
	}

	async function ready(): Promise<void> {
		await until(() => connections.every((r) => r.status === 'ready'), 5000, 'the connections');
	}

	it('allows exactly the limit of many requests at once from two processes on one key, and says how long to wait', async () => {
		const limit = 50;
		const a = processLimiter(limit, undefined, redis.url, 30_000);
		const b = processLimiter(limit, undefined, redis.url, 30_000);
		await ready();
		const waits = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).take('token-1')));
		expect(waits.filter((w) => w === 0)).toHaveLength(limit);
		for (const w of waits.filter((w) => w > 0)) {
			expect(w).toBeGreaterThan(0);
			expect(w).toBeLessThanOrEqual(60_000);
		}
		// Another key has a window of its own; the first one's key expires with its window.
		expect(await a.take('token-2')).toBe(0);
		const ttl = await redis.connect().pttl(`${redis.prefix}rate:test:token-1`);
		expect(ttl).toBeGreaterThan(0);
		expect(ttl).toBeLessThanOrEqual(60_000);
	});

	it('counts in this process while Redis is away, logging once, and in Redis again once it is back', async () => {
		const gate = await redisGate(redis.url);
		const logs: string[] = [];
		const limiter = processLimiter(3, new LimiterHealth((line) => logs.push(line)), gate.url);
		await ready();
		expect(await limiter.take('away')).toBe(0);
		await gate.shut();

		const away = [];
		for (let i = 0; i < 5; i++) away.push(await limiter.take('away'));
		expect(away.map((w) => w > 0)).toEqual([false, false, false, true, true]);
		expect(logs).toHaveLength(1);
		expect(logs[0]).toMatch(/^samla: API rate limits counted per process while Redis is away/);

		await gate.open();
		await ready();
		// Redis still holds the one request it counted before the outage.
		const back = [];
		for (let i = 0; i < 3; i++) back.push(await limiter.take('away'));
		expect(back.map((w) => w > 0)).toEqual([false, false, true]);
		expect(logs[1]).toBe('samla: API rate limits counted in Redis again');
		await gate.shut();
	});

	it('fails to start when Redis cannot be reached, leaving no connection retrying', async () => {
		const gate = await redisGate(redis.url);
		await gate.shut();
		await expect(startRedisApiLimits({ redisUrl: gate.url, prefix: redis.prefix, perTokenPerMinute: 2, log: () => {} })).rejects.toThrow();
		await gate.open();
		// ioredis retries within 50–2000 ms: a connection left behind would be through by now.
		await new Promise((resolve) => setTimeout(resolve, 2500));
		expect(gate.accepted).toBe(0);
		await gate.shut();
	});

	it('starts both API limits on one named connection and closes it', async () => {
		const limits = await startRedisApiLimits({ redisUrl: redis.url, prefix: redis.prefix, processId: 'limits-p', perTokenPerMinute: 2 });
		const admin = redis.connect();
		const named = async () => String(await admin.client('LIST')).includes(` name=${redis.prefix}limits-p:limits `);
		expect(await named()).toBe(true);
		expect([await limits.perToken.take('t'), await limits.perToken.take('t')]).toEqual([0, 0]);
		expect(await limits.perToken.take('t')).toBeGreaterThan(0);
		// Failed attempts per address have a limit (30) and keys of their own.
		expect(await limits.failures.take('t')).toBe(0);
		await limits.close();
		let gone = false;
		while (!gone) gone = !(await named());
		expect(gone).toBe(true);
	});
});
