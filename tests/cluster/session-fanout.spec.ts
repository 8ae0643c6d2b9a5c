/**
 * Ended sessions across processes over a real Redis: two bridges, each with its own process
 * id, connections and session events, as two `samla start` processes will have; and a real
 * sync socket on another OS process, closed by a sign-out here.
 */
import { spawn } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, expect, it } from 'vitest';
import { CloseCode } from '../../src/lib/collab/close-codes';
import { invalidateSession, sessionIdFromToken } from '../../src/lib/server/auth/session';
import type { EndedSessions, EndedSessionsListener } from '../../src/lib/server/auth/session-events';
import { startSessionFanout, type SessionEventHub, type SessionFanout } from '../../src/lib/server/cluster/session-fanout';
import { sessions } from '../../src/lib/server/db/schema';
import { tempDatabase } from '../helpers/db';
import { createDraft, validRecord } from '../helpers/records';
import { asSql, signedInAs } from '../helpers/users';
import { describeCluster, redisGate, useTestRedis } from '../helpers/cluster';
import { connect, sleep, until, type Client } from '../sync/harness';

/** One "process's" session events, apart from this test process's own globals. */
function hub(): SessionEventHub & { heard: EndedSessions[]; rechecks: number; listenerCount(): number } {
	const listeners = new Set<EndedSessionsListener>();
	const h = {
		heard: [] as EndedSessions[],
		rechecks: 0,
		listenerCount: () => listeners.size,
		onSessionsEnded(listener: EndedSessionsListener) {
			listeners.add(listener);
			return () => void listeners.delete(listener);
		},
		sessionsEnded(ended: EndedSessions) {
			for (const l of [...listeners]) l(ended);
		},
		recheckAllSessions() {
			h.rechecks++;
		}
	};
	h.onSessionsEnded((ended) => h.heard.push(ended));
	return h;
}

describeCluster('ended sessions across processes over Redis', () => {
	const redis = useTestRedis();
	const channel = `${redis.prefix}sessions:ended`;
	const open: SessionFanout[] = [];
	afterEach(async () => {
		for (const b of open.splice(0)) await b.close();
	});

	async function bridge(processId: string, events: SessionEventHub, redisUrl = redis.url, logs: string[] = []): Promise<SessionFanout> {
		const b = await startSessionFanout({ redisUrl, prefix: redis.prefix, processId, events, log: (line) => logs.push(line) });
		open.push(b);
		return b;
	}

	/** Every message on the channel, as a third party hears them. */
	async function tap(): Promise<string[]> {
		const seen: string[] = [];
		const sub = redis.connect();
		await sub.subscribe(channel);
		sub.on('message', (_, message: string) => seen.push(message));
		return seen;
	}

	it('hands a sign-out on A to the listeners on B, once, and never back to A', async () => {
		const onA = hub();
		const onB = hub();
		await bridge('a', onA);
		await bridge('b', onB);
		const wire = await tap();

		onA.sessionsEnded({ sessionId: 's-1' });
		await until(() => onB.heard.length === 1, 5000, 'B to hear the sign-out');
		expect(onB.heard).toEqual([{ sessionId: 's-1' }]);

		// B's own event reaches A after A's message went round: had A heard its own, it would be here by now.
		onB.sessionsEnded({ userId: 'u-2' });
		await until(() => onA.heard.length === 2, 5000, 'A to hear B');
		expect(onA.heard).toEqual([{ sessionId: 's-1' }, { userId: 'u-2' }]);
		expect(onB.heard).toEqual([{ sessionId: 's-1' }, { userId: 'u-2' }]);
		// Nothing heard from another process was published again.
		await until(() => wire.length >= 2, 5000, 'both messages on the channel');
		await sleep(100);
		expect(wire.map((m) => JSON.parse(m))).toEqual([
			{ from: 'a', sessionId: 's-1' },
			{ from: 'b', userId: 'u-2' }
		]);
		expect(onA.rechecks + onB.rechecks).toBe(0);
	});

	it('stops delivering to a removed listener, and a closed bridge leaves no listener behind', async () => {
		const onA = hub();
		const onB = hub();
		const a = await bridge('a', onA);
		const b = await bridge('b', onB);
		expect(onB.listenerCount()).toBe(2);
		const late: EndedSessions[] = [];
		const remove = onB.onSessionsEnded((ended) => late.push(ended));
		remove();

		onA.sessionsEnded({ sessionId: 's-2' });
		await until(() => onB.heard.length === 1, 5000, 'B to hear it');
		expect(late).toEqual([]);

		await b.close();
		expect(onB.listenerCount()).toBe(1);
		onA.sessionsEnded({ sessionId: 's-3' });
		// A third bridge hears s-3, so B had its chance to.
		const onC = hub();
		await bridge('c', onC);
		onA.sessionsEnded({ sessionId: 's-4' });
		await until(() => onC.heard.some((e) => 'sessionId' in e && e.sessionId === 's-4'), 5000, 'C to hear s-4');
		expect(onB.heard).toEqual([{ sessionId: 's-2' }]);

		await a.close();
		expect(onA.listenerCount()).toBe(1);
	});

	it('asks for a re-check of every session once its subscriber is back, and hears events again', async () => {
		const onA = hub();
		const onB = hub();
		await bridge('a', onA);
		await bridge('b', onB);
		const admin = redis.connect();
		const clients = String(await admin.client('LIST'));
		const line = clients.split('\n').find((l) => l.includes(` name=${redis.prefix}b:sessions-sub `));
		expect(line).toBeDefined();
		await admin.client('KILL', 'ID', /\bid=(\d+)/.exec(line!)![1]);

		await until(() => onB.rechecks === 1, 10_000, 'B to ask for a re-check');
		onA.sessionsEnded({ userId: 'u-3' });
		await until(() => onB.heard.length === 1, 5000, 'B to hear A again');
		expect(onB.heard).toEqual([{ userId: 'u-3' }]);
		expect(onA.rechecks).toBe(0);
	});

	it('with Redis away still tells its own listeners, logs once, and has the others re-check when Redis is back', async () => {
		const gate = await redisGate(redis.url);
		const logs: string[] = [];
		const onA = hub();
		const onB = hub();
		await bridge('a', onA, gate.url, logs);
		await bridge('b', onB);
		await gate.shut();

		for (let i = 0; i < 5; i++) onA.sessionsEnded({ sessionId: `s-away-${i}` });
		expect(onA.heard).toHaveLength(5);
		await until(() => logs.length > 0, 5000, 'A to log the outage');
		await sleep(300); // the publishes fail at once: no more lines come
		expect(logs).toHaveLength(1);
		expect(logs[0]).toMatch(/^samla: ended sessions cannot reach the other processes \(Redis: .*\)/);

		await gate.open();
		// B may have missed what A could not publish: A asks it to re-check; A's own subscriber came back too.
		// (Publishes that were written just before the connection noticed it was cut are sent again on reconnect.)
		await until(() => onB.rechecks === 1 && onA.rechecks === 1, 10_000, 'both to re-check');
		expect(logs).toHaveLength(2);
		expect(logs[1]).toMatch(/again/);
		onA.sessionsEnded({ sessionId: 's-back' });
		await until(() => onB.heard.some((e) => 'sessionId' in e && e.sessionId === 's-back'), 5000, 'B to hear A after the outage');
		await gate.shut();
	});

	it('says it reaches the others again when only its publishing connection was away', async () => {
		const logs: string[] = [];
		const onA = hub();
		const onB = hub();
		await bridge('a', onA, redis.url, logs);
		await bridge('b', onB);
		const admin = redis.connect();
		const line = String(await admin.client('LIST'))
			.split('\n')
			.find((l) => l.includes(` name=${redis.prefix}a:sessions-pub `));
		await admin.client('KILL', 'ID', /\bid=(\d+)/.exec(line!)![1]);
		// Sign-outs until one falls in the moment the publishing connection is reconnecting (its subscriber stays).
		for (let i = 0; i < 2000 && !logs.length; i++) {
			onA.sessionsEnded({ sessionId: `s-blip-${i}` });
			await sleep(1);
		}
		expect(logs).toHaveLength(1);
		expect(logs[0]).toMatch(/cannot reach the other processes/);
		await until(() => onB.rechecks === 1, 10_000, 'B to be asked to re-check');
		await until(() => logs.length === 2, 5000, 'A to say the others hear it again');
		expect(logs[1]).toMatch(/again/);
		expect(onA.rechecks).toBe(0);
	});

	it('closes while Redis holds its connections open but answers nothing (a network partition)', async () => {
		const gate = await redisGate(redis.url);
		const onA = hub();
		const a = await startSessionFanout({ redisUrl: gate.url, prefix: redis.prefix, processId: 'a', events: onA, log: () => {} });
		gate.stall();
		// A sign-out whose publish is sent and never answered, then the process shuts down.
		onA.sessionsEnded({ sessionId: 's-partitioned' });
		await sleep(50);
		await a.close();
		expect(onA.listenerCount()).toBe(1);
		await gate.shut();
	});

	it('fails to start, at once, when Redis cannot be reached', async () => {
		const gate = await redisGate(redis.url);
		await gate.shut();
		const onA = hub();
		await expect(bridge('a', onA, gate.url)).rejects.toThrow();
		expect(onA.listenerCount()).toBe(1);
		// Nor does it leave a connection retrying: ioredis retries within 50–2000 ms, so one left behind would be through by now.
		await gate.open();
		await sleep(2500);
		expect(gate.accepted).toBe(0);
		await gate.shut();
	});

	it('a sign-out on A closes that session’s sync socket on B, a separate process, and only that one; B re-checks every socket after its subscriber was away', async () => {
		const t = tempDatabase();
		const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures/session-peer.ts')], {
			env: { ...process.env, DATABASE_PATH: t.path, REDIS_URL: redis.url, FANOUT_PREFIX: redis.prefix },
			stdio: ['pipe', 'pipe', 'inherit']
		});
		const exited = once(child, 'exit');
		const clients: Client[] = [];
		// This test process is A: its own session events, as the app's sign-out emits them.
		const a = await startSessionFanout({ redisUrl: redis.url, prefix: redis.prefix, processId: 'peer-a', log: () => {} });
		try {
			const [url] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
			const id = createDraft(t.db, validRecord({ title: 'Utloggad på A' }));
			const leaving = await signedInAs(t.db, 'editor');
			const staying = await signedInAs(t.db, 'editor');
			const cookie = (c: { name: string; value: string }) => ({ cookie: `${c.name}=${c.value}` });
			const unheard = await signedInAs(t.db, 'editor');
			const onB = connect(url, id, null, { headers: cookie(leaving.cookie) });
			const otherOnB = connect(url, id, null, { headers: cookie(staying.cookie) });
			const unheardOnB = connect(url, id, null, { headers: cookie(unheard.cookie) });
			clients.push(onB, otherOnB, unheardOnB);
			await Promise.all([onB.synced, otherOnB.synced, unheardOnB.synced]);

			const started = Date.now();
			await invalidateSession(asSql(t.db), sessionIdFromToken(leaving.cookie.value));
			// B re-checks sessions every hour: only the message from A closes it in time.
			await until(() => onB.closes.some((c) => c.code === CloseCode.sessionEnded), 5000, 'the socket on B to close with 4401');
			console.log(`[session-fanout] sign-out on A to close on B: ${Date.now() - started} ms`);
			await sleep(200);
			expect(otherOnB.closes).toEqual([]);
			expect(unheardOnB.closes).toEqual([]);

			// A session ended unheard (as when B's subscriber was away), then B's subscriber drops: the re-check on reconnect finds it.
			t.db
				.delete(sessions)
				.where(eq(sessions.id, sessionIdFromToken(unheard.cookie.value)))
				.run();
			const admin = redis.connect();
			const line = String(await admin.client('LIST'))
				.split('\n')
				.find((l) => l.includes(` name=${redis.prefix}peer-b:sessions-sub `));
			await admin.client('KILL', 'ID', /\bid=(\d+)/.exec(line!)![1]);
			const killed = Date.now();
			await until(() => unheardOnB.closes.some((c) => c.code === CloseCode.sessionEnded), 10_000, 'the unheard session’s socket to close');
			console.log(`[session-fanout] subscriber killed to re-checked socket closed: ${Date.now() - killed} ms`);
			expect(otherOnB.closes).toEqual([]);
		} finally {
			for (const c of clients) c.destroy();
			await a.close();
			child.stdin.end();
			await Promise.race([exited, sleep(5000)]);
			child.kill('SIGKILL');
			t.cleanup();
		}
	});
});
