/**
 * What one person may cost the sync server: awareness states bounded in size and depth
 * (a state nested thousands deep once ended the process), awareness broadcast coalesced,
 * sockets and received bytes counted per person over all their sockets and reconnects, and
 * a failure while handling one socket's message closing that socket alone.
 */
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import type { Sql } from '../../src/lib/server/db/sql';
import { CloseCode } from '../../src/lib/collab/close-codes';
import { fieldText } from '../../src/lib/records/ydoc';
import { AWARENESS_LIMITS, readAwareness } from '../../server/sync/protocol';
import { Room } from '../../server/sync/room';
import { describeEachDialect } from '../helpers/dialects';
import { dialectRecordStore } from '../helpers/dialect-store';
import { validRecord } from '../helpers/records';
import { draftRecord } from '../helpers/records-sql';
import { openConnection } from '../reliability/lib/fuzz';
import { connect, person, raw, sleep, startHarnessOn, until, type Client, type HarnessOptions, type SyncHarness } from './harness';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	for (const c of cleanups.splice(0).reverse()) await c();
});

type Harness = SyncHarness & { sql: Sql };

describeEachDialect('what one person may cost the sync server', (database) => {
	async function harness(opts: HarnessOptions = {}): Promise<{ h: Harness; id: string }> {
		const h = await startHarnessOn(database(), opts);
		cleanups.push(() => h.close());
		return { h, id: await draftRecord(h.sql, validRecord({ title: 'Limits' })) };
	}

	function track(c: Client): Client {
		cleanups.push(() => c.destroy());
		return c;
	}

	function awareness(entries: { clientId: number; clock: number; state: string }[]): Uint8Array {
		const inner = encoding.createEncoder();
		encoding.writeVarUint(inner, entries.length);
		for (const e of entries) {
			encoding.writeVarUint(inner, e.clientId);
			encoding.writeVarUint(inner, e.clock);
			encoding.writeVarString(inner, e.state);
		}
		const outer = encoding.createEncoder();
		encoding.writeVarUint(outer, 1);
		encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
		return encoding.toUint8Array(outer);
	}

	const deep = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

	/** Another editor still gets an edit through: the server is serving. */
	async function stillServing(h: Harness, id: string, marker: string): Promise<void> {
		const [a, b] = [track(connect(h.url, id, await person(h.sql, 'editor'))), track(connect(h.url, id, await person(h.sql, 'editor')))];
		await Promise.all([a.synced, b.synced]);
		fieldText(a.doc, 'summary')!.insert(0, marker);
		await until(() => fieldText(b.doc, 'summary')!.toString().startsWith(marker), 3000, `"${marker}" to arrive`);
	}

	describe('awareness states', () => {
		it('refuses a state nested thousands deep or over its size (4413) from a viewer, before parsing it; the server goes on', async () => {
			const { h, id } = await harness();
			const viewer = await person(h.sql, 'viewer');
			// The message that ended the process: about 25 KB, 4,000+ levels deep.
			const attacks = [
				deep(4200),
				deep(AWARENESS_LIMITS.depth + 1),
				JSON.stringify({ user: { name: 'x'.repeat(AWARENESS_LIMITS.stateBytes) } }),
				'['.repeat(100_000) + ']'.repeat(100_000)
			];
			for (const state of attacks) {
				const result = await raw(`${h.url}/${id}`, { cookie: viewer.cookie }, (ws) =>
					ws.send(awareness([{ clientId: 7, clock: 1, state }]))
				);
				expect(result).toEqual({ code: CloseCode.tooLarge });
			}
			// Within the bounds, a state is taken.
			const fine = JSON.stringify({ field: 'title', cursor: { a: { b: { c: 1 } } }, pad: 'p'.repeat(1500) });
			const ok = await raw(`${h.url}/${id}`, { cookie: viewer.cookie }, (ws) => {
				ws.send(awareness([{ clientId: 8, clock: 1, state: fine }]));
				setTimeout(() => ws.close(1000), 100);
			});
			expect(ok).toEqual({ code: 1000 });
			expect(h.logs.filter((l) => /failed/.test(l))).toEqual([]);
			await stillServing(h, id, 'after deep awareness ');
		});

		it('sends a burst of awareness changes on as a few coalesced messages carrying the latest state', async () => {
			const { h, id } = await harness({ sync: { awarenessEveryMs: 100 } });
			const [sender, watcher] = [await person(h.sql, 'viewer'), await person(h.sql, 'viewer')];
			const heard: string[] = [];
			let senderWs!: WebSocket;
			let watcherWs!: WebSocket;
			const watching = raw(`${h.url}/${id}`, { cookie: watcher.cookie }, (ws) => {
				watcherWs = ws;
				ws.on('message', (data: Buffer) => {
					const d = decoding.createDecoder(new Uint8Array(data));
					if (decoding.readVarUint(d) !== 1) return;
					const inner = decoding.createDecoder(decoding.readVarUint8Array(d));
					const n = decoding.readVarUint(inner);
					for (let i = 0; i < n; i++) {
						decoding.readVarUint(inner);
						decoding.readVarUint(inner);
						heard.push(decoding.readVarString(inner));
					}
				});
			});
			await until(() => h.sync.connectionCount === 1, 2000, 'the watcher');
			const sending = raw(`${h.url}/${id}`, { cookie: sender.cookie }, (ws) => {
				senderWs = ws;
				for (let clock = 1; clock <= 100; clock++)
					ws.send(awareness([{ clientId: 99, clock, state: JSON.stringify({ field: 'title', n: clock }) }]));
			});
			await until(() => heard.some((s) => s.includes('"n":100')), 3000, 'the latest state to arrive');
			await sleep(250);
			const messages = heard.filter((s) => s.includes('"n":'));
			console.log(`[limits] 100 awareness changes reached another socket as ${messages.length} states`);
			expect(messages.length).toBeLessThan(20);
			senderWs.close(1000);
			watcherWs.close(1000);
			expect(await sending).toEqual({ code: 1000 });
			expect(await watching).toEqual({ code: 1000 });
		});
		it('sends renewals (a state sent again unchanged) on together, each round of them; a change at once', async () => {
			const { h, id } = await harness({ sync: { awarenessEveryMs: 20, renewEveryMs: 600 } });
			const heard: { clientId: number; clock: number }[][] = [];
			let watcherWs!: WebSocket;
			const watching = raw(`${h.url}/${id}`, { cookie: (await person(h.sql, 'viewer')).cookie }, (ws) => {
				watcherWs = ws;
				ws.on('message', (data: Buffer) => {
					const d = decoding.createDecoder(new Uint8Array(data));
					if (decoding.readVarUint(d) !== 1) return;
					heard.push(readAwareness(decoding.readVarUint8Array(d)).map(({ clientId, clock }) => ({ clientId, clock })));
				});
			});
			await until(() => h.sync.connectionCount === 1, 2000, 'the watcher');
			const editors = await Promise.all(Array.from({ length: 4 }, async () => track(connect(h.url, id, await person(h.sql, 'editor')))));
			await Promise.all(editors.map((e) => e.synced));
			for (const e of editors) e.provider.awareness.setLocalStateField('field', 'title');
			const clockOf = (e: Client) => e.provider.awareness.meta.get(e.doc.clientID)!.clock;
			const heardAt = (e: Client, clock: number) =>
				heard.findIndex((m) => m.some((x) => x.clientId === e.doc.clientID && x.clock >= clock));
			await until(() => editors.every((e) => heardAt(e, clockOf(e)) >= 0), 3000, 'every editor to be seen');

			// Three renew, one after the other, as providers do every 15 s; meanwhile the fourth moves to another field.
			const [mover, ...renewing] = editors;
			const renewAll = async () => {
				for (const e of renewing) {
					e.provider.awareness.setLocalState(e.provider.awareness.getLocalState());
					await sleep(60);
				}
				await until(() => renewing.every((e) => heardAt(e, clockOf(e)) >= 0), 3000, 'the renewals to arrive');
				return new Set(renewing.map((e) => heardAt(e, clockOf(e))));
			};
			const before = heard.length;
			const first = renewAll();
			await sleep(60);
			mover.provider.awareness.setLocalStateField('field', 'summary');
			const renewals = await first;
			console.log(`[limits] 3 renewals 60 ms apart reached another socket in ${renewals.size} message(s)`);
			// Each sent on by itself, they would have taken three; the move, sent after the first of them, arrived first.
			expect(renewals.size).toBe(1);
			expect(Math.min(...renewals)).toBeGreaterThanOrEqual(before);
			expect(heardAt(mover, clockOf(mover))).toBeLessThan(Math.min(...renewals));
			// The next round goes on as well, together again.
			const again = await renewAll();
			expect(again.size).toBe(1);
			expect(Math.min(...again)).toBeGreaterThan(Math.max(...renewals));
			watcherWs.close(1000);
			expect(await watching).toEqual({ code: 1000 });
		});
	});

	describe('per person, over all sockets and reconnects', () => {
		it('caps the sockets one person holds open (429 beyond SYNC_MAX_SOCKETS_PER_USER); a socket closed frees a place; others unaffected', async () => {
			const { h, id } = await harness({ sync: { maxSocketsPerUser: 3 } });
			const [ada, bo] = [await person(h.sql, 'viewer'), await person(h.sql, 'viewer')];
			const open = Array.from({ length: 3 }, () => track(connect(h.url, id, ada)));
			await Promise.all(open.map((c) => c.synced));
			expect(await raw(`${h.url}/${id}`, { cookie: ada.cookie })).toEqual({ status: 429 });
			const other = await raw(`${h.url}/${id}`, { cookie: bo.cookie }, (ws) => ws.close(1000));
			expect(other).toEqual({ code: 1000 });
			open[0].provider.disconnect();
			await until(() => h.sync.connectionCount === 2, 2000, 'the socket to close');
			expect(await raw(`${h.url}/${id}`, { cookie: ada.cookie }, (ws) => ws.close(1000))).toEqual({ code: 1000 });
		});

		it('counts received bytes per person: another socket or a reconnect does not start the budget afresh (4529)', async () => {
			const { h, id } = await harness({ sync: { bytesRate: { perSecond: 100, burst: 30_000 } } });
			const ada = await person(h.sql, 'editor');
			// An auth message is read and ignored whatever follows its type: bytes that cost only the budget.
			const padding = new Uint8Array(12_000);
			padding[0] = 2;
			const sendAndClose = (ws: WebSocket) => {
				ws.send(padding);
				setTimeout(() => ws.close(1000), 100);
			};
			expect(await raw(`${h.url}/${id}`, { cookie: ada.cookie }, sendAndClose)).toEqual({ code: 1000 });
			expect(await raw(`${h.url}/${id}`, { cookie: ada.cookie }, sendAndClose)).toEqual({ code: 1000 });
			// A third reconnect finds the budget spent.
			expect(await raw(`${h.url}/${id}`, { cookie: ada.cookie }, sendAndClose)).toEqual({ code: CloseCode.rateLimited });
			// Someone else's budget is their own.
			expect(await raw(`${h.url}/${id}`, { cookie: (await person(h.sql, 'editor')).cookie }, sendAndClose)).toEqual({ code: 1000 });
		});
	});

	describe('a failure while handling a message', () => {
		it('closes that socket with 1011 and throws nothing out of the handler', async () => {
			const store = dialectRecordStore(database(), { log: () => {} });
			cleanups.push(() => store.close());
			const id = await draftRecord(database().sql, validRecord());
			const logs: string[] = [];
			const room = (await Room.open(store, id, () => {}))!;
			cleanups.push(() => room.close());
			room.applyAwareness = () => {
				throw new RangeError('Maximum call stack size exceeded');
			};
			const { ws } = openConnection(room, { userId: 'u', name: 'U', canWrite: false, canApprove: false }, (l) => logs.push(l));
			const other = openConnection(room, { userId: 'v', name: 'V', canWrite: false, canApprove: false }, () => {});
			expect(() => ws.receive({ data: awareness([{ clientId: 1, clock: 1, state: '{}' }]), binary: true })).not.toThrow();
			expect(ws.closeCode).toBe(CloseCode.internalError);
			expect(logs.some((l) => l.includes('Maximum call stack size exceeded'))).toBe(true);
			expect(other.ws.closeCode).toBeNull();
			expect(room.closed).toBe(false);
		});
	});
});
