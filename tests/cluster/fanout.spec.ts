/** Fan-out over a real Redis: per-record delivery between processes, peer death, reconnection. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, expect, it } from 'vitest';
import { startFanout, type CatchUpReason, type Fanout } from '../../src/lib/server/cluster/fanout';
import { describeCluster, redisGate, useTestRedis } from '../helpers/cluster';

interface Heard {
	updates: { recordId: string; update: number[]; from: string }[];
	catchUps: CatchUpReason[];
	/** HELLOs heard (another process started following) and WELCOMEs (answers to this one's HELLO). */
	joined: { recordId: string; from: string }[];
	welcomes: { recordId: string; from: string }[];
	/** Resolves at the next call of either handler that satisfies the test. */
	next(test: () => boolean): Promise<void>;
}

function listener(): Heard & { notify(): void } {
	const waiting: { test: () => boolean; resolve: () => void }[] = [];
	const heard = {
		updates: [] as Heard['updates'],
		catchUps: [] as CatchUpReason[],
		joined: [] as Heard['joined'],
		welcomes: [] as Heard['welcomes'],
		next(test: () => boolean) {
			if (test()) return Promise.resolve();
			return new Promise<void>((resolve) => waiting.push({ test, resolve }));
		},
		notify() {
			for (const w of [...waiting]) {
				if (w.test()) {
					waiting.splice(waiting.indexOf(w), 1);
					w.resolve();
				}
			}
		}
	};
	return heard;
}

/** For state no handler announces (the peer list changes at a heartbeat): look again every 50 ms. */
async function until(test: () => boolean): Promise<void> {
	while (!test()) await new Promise((resolve) => setTimeout(resolve, 50));
}

describeCluster('fan-out over Redis', () => {
	const redis = useTestRedis();
	const open: Fanout[] = [];
	afterAll(async () => {
		for (const f of open) await f.close();
	});

	async function start(heard: ReturnType<typeof listener>, processId?: string, redisUrl = redis.url): Promise<Fanout> {
		const fanout = await startFanout({
			redisUrl,
			prefix: redis.prefix,
			processId,
			heartbeatMs: 100,
			peerTimeoutMs: 500,
			onUpdate(recordId, update, from) {
				heard.updates.push({ recordId, update: [...update], from });
				heard.notify();
			},
			onCatchUp(reason) {
				heard.catchUps.push(reason);
				heard.notify();
			},
			onJoined(recordId, from) {
				heard.joined.push({ recordId, from });
				heard.notify();
			},
			onWelcome(recordId, from) {
				heard.welcomes.push({ recordId, from });
				heard.notify();
			}
		});
		open.push(fanout);
		return fanout;
	}

	it('delivers an update to the other processes that follow its record, tagged with its sender, never back to the sender', async () => {
		const heardA = listener();
		const heardB = listener();
		const a = await start(heardA, 'process-a');
		const b = await start(heardB, 'process-b');
		await a.follow('r1');
		await b.follow('r1');
		await b.greet('r1');
		await a.follow('r2');

		await a.publish('r2', Uint8Array.of(9)); // B does not follow r2
		await a.publish('r1', Uint8Array.of(1, 2, 0, 255));
		await heardB.next(() => heardB.updates.length > 0);
		expect(heardB.updates).toEqual([{ recordId: 'r1', update: [1, 2, 0, 255], from: 'process-a' }]);

		// A's own r1 message reached A's subscriber before B's, which A hears: it was dropped, not late.
		await b.publish('r1', Uint8Array.of(7));
		await heardA.next(() => heardA.updates.length > 0);
		expect(heardA.updates).toEqual([{ recordId: 'r1', update: [7], from: 'process-b' }]);

		await b.unfollow('r1');
		await a.publish('r1', Uint8Array.of(3));
		await b.follow('r2');
		await b.greet('r2');
		// A stopped publishing r2 when its 9 reached nobody else; B's HELLO starts it again.
		await heardA.next(() => heardA.joined.length > 1);
		expect(heardA.joined).toEqual([
			{ recordId: 'r1', from: 'process-b' },
			{ recordId: 'r2', from: 'process-b' }
		]);
		await a.publish('r2', Uint8Array.of(4));
		await heardB.next(() => heardB.updates.length > 1);
		expect(heardB.updates.map((u) => u.update)).toEqual([[1, 2, 0, 255], [4]]);
		// A published nothing it had to answer for: B need not read the log again.
		expect(heardB.welcomes).toEqual([]);
	});

	it('publishes nothing of a record no other process follows, and answers a newcomer for what it left unpublished', async () => {
		const heardA = listener();
		const heardB = listener();
		const a = await start(heardA, 'alone-a');
		const b = await start(heardB, 'alone-b');
		await a.follow('r5');
		await a.publish('r5', Uint8Array.of(1)); // reaches A's own subscriber only: A learns it is alone
		const watcher = redis.connect();
		const sent: number[][] = [];
		watcher.on('messageBuffer', (_channel: Buffer, message: Buffer) => sent.push([...message]));
		await watcher.subscribe(`${redis.prefix}rec:r5`);
		await a.publish('r5', Uint8Array.of(2));
		await a.publishAwareness('r5', Uint8Array.of(3));

		await b.follow('r5');
		await b.greet('r5');
		await heardB.next(() => heardB.welcomes.length > 0);
		expect(heardB.welcomes).toEqual([{ recordId: 'r5', from: 'alone-a' }]);
		expect(heardA.joined).toEqual([{ recordId: 'r5', from: 'alone-b' }]);
		await a.publish('r5', Uint8Array.of(4));
		await heardB.next(() => heardB.updates.length > 0);
		expect(heardB.updates).toEqual([{ recordId: 'r5', update: [4], from: 'alone-a' }]);
		// What the watcher saw of A: not the 2 nor the presence, only the WELCOME and the 4 (B's HELLO is B's).
		const fromA = () => sent.filter((m) => Buffer.from(m.slice(2, 2 + m[1])).toString() === 'alone-a').map((m) => m[0]);
		await until(() => fromA().includes(0));
		expect(fromA()).toEqual([3, 0]);
	});

	it('asks for a catch-up when a peer process dies, and only for the one that died', async () => {
		const heard = listener();
		const a = await start(heard);
		const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures/fanout-peer.ts')], {
			env: { ...process.env, REDIS_URL: redis.url, FANOUT_PREFIX: redis.prefix },
			stdio: ['pipe', 'pipe', 'inherit']
		});
		const exited = once(child, 'exit');
		try {
			const [peerId] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
			await until(() => a.peers().includes(peerId));
			await new Promise((resolve) => setTimeout(resolve, 300)); // a few beats: no false alarm while it lives
			expect(heard.catchUps).toEqual([]);

			child.kill('SIGKILL');
			await exited;
			await heard.next(() => heard.catchUps.length > 0);
			expect(heard.catchUps).toEqual([{ kind: 'peer-lost', peer: peerId }]);
			expect(a.peers()).not.toContain(peerId);
		} finally {
			child.kill('SIGKILL');
		}
	});

	it('asks for a catch-up after its subscriber reconnects, with its records followed again', async () => {
		const heardA = listener();
		const a = await start(heardA);
		const b = await start(listener());
		await a.follow('r9');
		const admin = redis.connect();
		const clients = String(await admin.client('LIST'));
		const line = clients.split('\n').find((l) => l.includes(` name=${redis.prefix}${a.processId}:sub `));
		expect(line).toBeDefined();
		const id = /\bid=(\d+)/.exec(line!)![1];
		await admin.client('KILL', 'ID', id);

		await heardA.next(() => heardA.catchUps.some((c) => c.kind === 'reconnect'));
		await b.publish('r9', Uint8Array.of(42));
		await heardA.next(() => heardA.updates.length > 0);
		expect(heardA.updates).toEqual([{ recordId: 'r9', update: [42], from: b.processId }]);
	});

	it('tells the others to read the log once it can publish again, after a PUBLISH failed', async () => {
		const heardB = listener();
		/** Redis for A through a port that can be closed: then A's connections are refused. */
		const gate = await redisGate(redis.url);
		const a = await start(listener(), undefined, gate.url);
		const b = await start(heardB);
		await a.follow('r7');
		await b.follow('r7');
		await b.greet('r7');
		await a.publish('r7', Uint8Array.of(1));
		await heardB.next(() => heardB.updates.length > 0);

		await gate.shut();
		// Once A has seen its connection go (a PUBLISH under way then would be sent again on reconnect).
		await new Promise((resolve) => setTimeout(resolve, 300));
		await expect(a.publish('r7', Uint8Array.of(2))).rejects.toThrow();
		expect(heardB.welcomes).toEqual([]);
		await gate.open();
		await heardB.next(() => heardB.welcomes.length > 0);
		expect(heardB.welcomes).toEqual([{ recordId: 'r7', from: a.processId }]);
		await gate.shut();
	});

	it('leaves no connection retrying when it cannot start', async () => {
		const gate = await redisGate(redis.url);
		await gate.shut();
		await expect(startFanout({ redisUrl: gate.url, prefix: redis.prefix, onUpdate: () => {}, onCatchUp: () => {} })).rejects.toThrow();
		await gate.open();
		// ioredis retries within 50–2000 ms; a connection left behind would come through by now.
		await new Promise((resolve) => setTimeout(resolve, 2500));
		expect(gate.accepted).toBe(0);
		await gate.shut();
	});

	it('closes while Redis holds its connections open but answers nothing (a network partition)', async () => {
		const gate = await redisGate(redis.url);
		const fanout = await startFanout({
			redisUrl: gate.url,
			prefix: redis.prefix,
			heartbeatMs: 100,
			onUpdate: () => {},
			onCatchUp: () => {}
		});
		await fanout.follow('r-partitioned');
		gate.stall();
		// A beat under way, and an update published, neither ever answered; then the process shuts down.
		void fanout.publish('r-partitioned', new Uint8Array([1])).catch(() => {});
		await new Promise((resolve) => setTimeout(resolve, 250));
		await fanout.close();
		// Dropped, not left waiting for an answer.
		await expect(fanout.publish('r-partitioned', new Uint8Array([2]))).rejects.toThrow();
		await gate.shut();
	});

	it('closes both connections when Redis refuses its first heartbeat', async () => {
		// A prefix of its own whose process set is not a set: SMEMBERS answers WRONGTYPE.
		const prefix = `${redis.prefix}broken:`;
		const admin = redis.connect();
		await admin.set(`${prefix}procs`, 'not a set');
		const starting = startFanout({ redisUrl: redis.url, prefix, processId: 'first-beat', onUpdate: () => {}, onCatchUp: () => {} });
		await expect(starting).rejects.toThrow(/WRONGTYPE/);
		const left = async () =>
			String(await admin.client('LIST'))
				.split('\n')
				.filter((l) => l.includes(` name=${prefix}first-beat:`));
		for (let i = 0; i < 100 && (await left()).length; i++) await new Promise((resolve) => setTimeout(resolve, 50));
		expect(await left()).toEqual([]);
	});
});
