/** The heartbeat: every socket pinged once an interval, a slice of them at a time, and one that stops answering dropped. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { sqliteSql } from '../../src/lib/server/db/sql';
import { validRecord } from '../helpers/records';
import { draftRecord } from '../helpers/records-sql';
import { connect, person, raw, startHarness, until, type Client, type Harness } from './harness';

const INTERVAL = 3000;
/** HEARTBEAT_SLICES in sync-server.ts: one tick of the heartbeat's timer. */
const TICK = INTERVAL / 30;

describe('the sync heartbeat', () => {
	let h: Harness;
	const clients: Client[] = [];
	beforeEach(async () => {
		// Only intervals are fake (the server's heartbeat among them): timeouts and the sockets run for real.
		vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
		h = await startHarness({ sync: { heartbeatMs: INTERVAL } });
	});
	afterEach(async () => {
		for (const c of clients.splice(0)) c.destroy();
		await h.close();
		vi.useRealTimers();
		vi.restoreAllMocks();
	});

	it('pings each socket once an interval, a slice of the sockets at each tick rather than all at once', async () => {
		const sql = sqliteSql(h.t.db);
		const id = await draftRecord(sql, validRecord({ title: 'Puls' }));
		const ed = await person(sql, 'editor');
		for (let i = 0; i < 4; i++) clients.push(connect(h.url, id, ed));
		await Promise.all(clients.map((c) => c.synced));
		const pinged = vi.spyOn(WebSocket.prototype, 'ping');

		const perTick: number[] = [];
		for (let t = 0; t < 30; t++) {
			const before = pinged.mock.calls.length;
			vi.advanceTimersByTime(TICK);
			perTick.push(pinged.mock.calls.length - before);
		}
		// One interval: four pings, of four sockets, each at a tick of its own.
		expect(pinged.mock.calls.length).toBe(4);
		expect(new Set(pinged.mock.contexts).size).toBe(4);
		expect(perTick.filter((n) => n > 0)).toEqual([1, 1, 1, 1]);
	});

	it('drops a socket that did not answer the ping before its next one, and only that one', async () => {
		const sql = sqliteSql(h.t.db);
		const id = await draftRecord(sql, validRecord({ title: 'Tyst' }));
		const ed = await person(sql, 'editor');
		const steady = connect(h.url, id, ed);
		clients.push(steady);
		await steady.synced;
		const silent = raw(`${h.url}/${id}`, { cookie: ed.cookie }, () => {}, { autoPong: false });
		await until(() => h.sync.connectionCount === 2, 2000, 'second socket');
		const pinged = vi.spyOn(WebSocket.prototype, 'ping');
		vi.advanceTimersByTime(INTERVAL);
		await until(() => pinged.mock.calls.length === 2, 2000, 'both pinged');
		// The steady client's pong comes back; the silent one's never does.
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(h.sync.connectionCount).toBe(2);
		vi.advanceTimersByTime(INTERVAL);
		expect(await silent).toEqual({ code: 1006 });
		await until(() => h.sync.connectionCount === 1, 2000, 'the silent socket to be dropped');
		expect(steady.closes).toEqual([]);
	});
});
