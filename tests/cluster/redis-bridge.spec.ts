/**
 * The Redis channel bridge the live and session fan-outs share, over a real Redis: two
 * bridges on one channel, each with its own process id, as two processes have.
 */
import { afterEach, expect, it } from 'vitest';
import { openRedisBridge, type RedisBridge } from '../../src/lib/server/cluster/redis-bridge';
import { describeCluster, redisGate, useTestRedis } from '../helpers/cluster';
import { sleep, until } from '../sync/harness';

type Note = { note: string };
const parse = (m: Record<string, unknown>): Note | null => (typeof m.note === 'string' ? { note: m.note } : null);

describeCluster('one Redis channel between processes', () => {
	const redis = useTestRedis();
	const channel = `${redis.prefix}bridge`;
	const open: RedisBridge<Note>[] = [];
	afterEach(async () => {
		for (const b of open.splice(0)) await b.close();
	});

	async function bridge(processId: string, redisUrl = redis.url) {
		const heard: Note[] = [];
		const outages: string[] = [];
		const b = await openRedisBridge<Note>({
			redisUrl,
			channel,
			connectionName: `${redis.prefix}${processId}:bridge`,
			processId,
			parse,
			deliver: (m) => void heard.push(m),
			outage: (err) => void outages.push(err.message)
		});
		open.push(b);
		return { b, heard, outages };
	}

	it('hands a message to the other process, tagged with its sender, and never back to the sender', async () => {
		const a = await bridge('a');
		const b = await bridge('b');
		const wire: string[] = [];
		const tap = redis.connect();
		await tap.subscribe(channel);
		tap.on('message', (_, raw: string) => wire.push(raw));

		expect(await a.b.publish({ note: 'hej' })).toBe(true);
		await until(() => b.heard.length === 1 && wire.length === 1, 5000, 'B and the tap to hear A');
		expect(b.heard).toEqual([{ note: 'hej' }]);
		expect(JSON.parse(wire[0])).toEqual({ from: 'a', note: 'hej' });
		// B's message reaches A after A's went round: had A heard its own, it would be here by now.
		await b.b.publish({ note: 'svar' });
		await until(() => a.heard.length === 1, 5000, 'A to hear B');
		await sleep(100);
		expect(a.heard).toEqual([{ note: 'svar' }]);
		expect(b.heard).toEqual([{ note: 'hej' }]);
	});

	it('ignores what is not a tagged message its owner reads', async () => {
		const b = await bridge('b');
		const other = redis.connect();
		for (const raw of ['not json', 'null', '{}', '{"note":"untagged"}', '{"from":7,"note":"x"}', '{"from":"x","note":7}']) {
			await other.publish(channel, raw);
		}
		await other.publish(channel, JSON.stringify({ from: 'x', note: 'giltig' }));
		await until(() => b.heard.length === 1, 5000, 'the valid message');
		expect(b.heard).toEqual([{ note: 'giltig' }]);
	});

	it('reports an outage once however often it fails, and again only after the owner ends it', async () => {
		const gate = await redisGate(redis.url);
		const a = await bridge('a', gate.url);
		await gate.shut();
		await until(() => a.b.pub.status !== 'ready', 5000, 'the publisher to see Redis gone');
		for (let i = 0; i < 5; i++) expect(await a.b.publish({ note: `borta-${i}` })).toBe(false);
		expect(a.outages).toHaveLength(1);

		await gate.open();
		await until(() => a.b.pub.status === 'ready', 10_000, 'the publisher back');
		expect(await a.b.publish({ note: 'tillbaka' })).toBe(true);
		expect(a.b.recovered()).toBe(true);
		expect(a.b.recovered()).toBe(false);
		a.b.failed(new Error('again'));
		expect(a.outages).toHaveLength(2);
		await gate.shut();
	});

	it('lets the work it tracks finish before it closes, then hears nothing', async () => {
		const a = await bridge('a');
		const b = await bridge('b');
		let done = false;
		a.b.track(sleep(100).then(() => (done = true)));
		const closing = a.b.close();
		expect(a.b.closed).toBe(false);
		await closing;
		expect(done).toBe(true);
		expect(a.b.closed).toBe(true);
		await b.b.publish({ note: 'efter' });
		await sleep(200);
		expect(a.heard).toEqual([]);
	});
});
