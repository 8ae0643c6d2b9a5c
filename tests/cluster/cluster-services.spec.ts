/** What a process starts on Redis in PostgreSQL mode: under one process id, on the process's own session events, all closed again. */
import { expect, it } from 'vitest';
import { sessionsEnded } from '../../src/lib/server/auth/session-events';
import { startClusterServices } from '../../src/lib/server/cluster/services';
import { describeCluster, useTestRedis } from '../helpers/cluster';
import { until } from '../sync/harness';

describeCluster('the cluster services of one process', () => {
	const redis = useTestRedis();

	it('names every connection with one process id, publishes this process’s ended sessions, and leaves nothing open', async () => {
		const admin = redis.connect();
		const names = async () =>
			String(await admin.client('LIST'))
				.split('\n')
				.map((l) => / name=(\S*)/.exec(l)?.[1] ?? '')
				.filter((n) => n.startsWith(`${redis.prefix}proc-1:`))
				.sort();
		const listeners = () => (globalThis as Record<symbol, Set<unknown> | undefined>)[Symbol.for('samla.ended-sessions')]?.size ?? 0;
		const before = listeners();
		const services = await startClusterServices({
			redisUrl: redis.url,
			prefix: redis.prefix,
			processId: 'proc-1',
			apiRatePerMinute: 5,
			log: () => {}
		});
		expect(services.processId).toBe('proc-1');
		expect(services.announcer.processId).toBe('proc-1');
		expect(services.sessions.processId).toBe('proc-1');
		expect(services.live.processId).toBe('proc-1');
		expect(await names()).toEqual(
			['pub', 'sub', 'sessions-pub', 'sessions-sub', 'limits', 'live-pub', 'live-sub'].map((n) => `${redis.prefix}proc-1:${n}`).sort()
		);
		expect(listeners()).toBe(before + 1);

		const heard: string[] = [];
		const tap = redis.connect();
		await tap.subscribe(`${redis.prefix}sessions:ended`);
		tap.on('message', (_, message: string) => heard.push(message));
		sessionsEnded({ userId: 'u-1' });
		await until(() => heard.length === 1, 5000, 'the event on Redis');
		expect(JSON.parse(heard[0])).toEqual({ from: 'proc-1', userId: 'u-1' });
		expect(await services.apiLimits.perToken.take('tok')).toBe(0);

		await services.close();
		expect(listeners()).toBe(before);
		let left = await names();
		while (left.length) left = await names();
		expect(left).toEqual([]);
	});
});
