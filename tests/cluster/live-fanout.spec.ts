/**
 * The live feed and the bell across processes over a real Redis: two bridges, each with its
 * own process id, connections and hub, as two `samla start` processes have.
 */
import { afterEach, expect, it } from 'vitest';
import type { FeedMessage } from '../../src/lib/server/live-feed';
import { startLiveFanout, type LiveFanout, type LiveHub } from '../../src/lib/server/cluster/live-fanout';
import { describeCluster, redisGate, useTestRedis } from '../helpers/cluster';
import { sleep, until } from '../sync/harness';

/** One "process": what it makes (`feed`, `signal`) and what reaches its open streams from elsewhere. */
function hub() {
	const feedListeners = new Set<(m: FeedMessage) => void>();
	const signalListeners = new Set<(userId: string) => void>();
	const h = {
		streamed: [] as FeedMessage[],
		bells: [] as string[],
		feed(message: FeedMessage) {
			for (const l of [...feedListeners]) l(message);
		},
		signal(userId: string) {
			for (const l of [...signalListeners]) l(userId);
		},
		onLocalFeed(listener: (m: FeedMessage) => void) {
			feedListeners.add(listener);
			return () => void feedListeners.delete(listener);
		},
		deliverFeed: (m: FeedMessage) => void h.streamed.push(m),
		onLocalSignal(listener: (userId: string) => void) {
			signalListeners.add(listener);
			return () => void signalListeners.delete(listener);
		},
		deliverSignal: (userId: string) => void h.bells.push(userId),
		listeners: () => feedListeners.size + signalListeners.size
	} satisfies LiveHub & Record<string, unknown>;
	return h;
}

describeCluster('the live feed and the bell across processes over Redis', () => {
	const redis = useTestRedis();
	const open: LiveFanout[] = [];
	afterEach(async () => {
		for (const b of open.splice(0)) await b.close();
	});

	async function bridge(processId: string, h: LiveHub, redisUrl = redis.url, logs: string[] = []): Promise<LiveFanout> {
		const b = await startLiveFanout({ redisUrl, prefix: redis.prefix, processId, hub: h, log: (line) => logs.push(line) });
		open.push(b);
		return b;
	}

	it('hands a record change and a bell signal made on A to B’s open streams, once, and never back to A', async () => {
		const onA = hub();
		const onB = hub();
		await bridge('a', onA);
		await bridge('b', onB);

		onA.feed({ type: 'record.approved', recordId: 'r-1' });
		onA.signal('u-1');
		await until(() => onB.streamed.length === 1 && onB.bells.length === 1, 5000, 'B to hear A');
		expect(onB.streamed).toEqual([{ type: 'record.approved', recordId: 'r-1' }]);
		expect(onB.bells).toEqual(['u-1']);

		// B's own change reaches A after A's went round: had A heard its own, it would be here by now.
		onB.feed({ type: 'record.changed', recordId: 'r-2' });
		await until(() => onA.streamed.length === 1, 5000, 'A to hear B');
		expect(onA.streamed).toEqual([{ type: 'record.changed', recordId: 'r-2' }]);
		expect(onA.bells).toEqual([]);
		await sleep(100);
		expect(onB.streamed).toHaveLength(1);
	});

	it('ignores what is not its message on the channel', async () => {
		const onB = hub();
		await bridge('b', onB);
		const other = redis.connect();
		for (const raw of ['not json', '{}', '{"from":"x"}', '{"from":"x","feed":{"type":1}}', '{"from":"x","bell":7}', 'null']) {
			await other.publish(`${redis.prefix}live`, raw);
		}
		await other.publish(`${redis.prefix}live`, JSON.stringify({ from: 'x', bell: 'u-9' }));
		await until(() => onB.bells.length === 1, 5000, 'the valid message');
		expect(onB.bells).toEqual(['u-9']);
		expect(onB.streamed).toEqual([]);
	});

	it('with Redis away logs once, and carries new hints when Redis is back', async () => {
		const gate = await redisGate(redis.url);
		const logs: string[] = [];
		const onA = hub();
		const onB = hub();
		await bridge('a', onA, gate.url, logs);
		await bridge('b', onB);
		await gate.shut();

		for (let i = 0; i < 5; i++) onA.feed({ type: 'record.changed', recordId: `r-away-${i}` });
		await until(() => logs.length > 0, 5000, 'A to log the outage');
		await sleep(300);
		expect(logs).toHaveLength(1);
		expect(logs[0]).toMatch(/^samla: live updates cannot reach the other processes \(Redis: .*\)/);

		await gate.open();
		await until(() => logs.length === 2, 10_000, 'A to say it is back');
		expect(logs[1]).toMatch(/again/);
		onA.feed({ type: 'record.changed', recordId: 'r-back' });
		await until(() => onB.streamed.some((m) => m.recordId === 'r-back'), 5000, 'B to hear A after the outage');
		await gate.shut();
	});

	it('stops hearing its hub when closed', async () => {
		const onA = hub();
		const a = await startLiveFanout({ redisUrl: redis.url, prefix: redis.prefix, processId: 'a', hub: onA, log: () => {} });
		expect(onA.listeners()).toBe(2);
		await a.close();
		expect(onA.listeners()).toBe(0);
	});
});
