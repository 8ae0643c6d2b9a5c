/** Bad input on the sync socket: each is closed with a clear code, nothing is lost, everyone else is served. */
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../src/lib/collab/close-codes';
import { UpdateOrigin } from '../../src/lib/server/docs/origins';
import { MalformedUpdateError } from '../../src/lib/server/docs/store';
import { applyTextDiff, docToRecord, fieldText, readRecordDoc } from '../../src/lib/records/ydoc';
import { AWARENESS_LIMITS, awarenessHeads, parseMessage, ProtocolError, updateMessage } from '../../server/sync/protocol';
import type { Sql } from '../../src/lib/server/db/sql';
import { describeEachDialect } from '../helpers/dialects';
import { validRecord } from '../helpers/records';
import { draftRecord } from '../helpers/records-sql';
import { storedDocSql } from '../helpers/stored-doc-sql';
import { connect, person, raw, sleep, startHarnessOn, until, type Client, type Person, type SyncHarness } from './harness';

let h: SyncHarness & { sql: Sql };
let id: string;
let ed: Person;
let steady: Client;
const clients: Client[] = [];

/** The steady client still edits and another client still sees it: the server is serving. */
async function stillServing(marker: string): Promise<void> {
	const other = connect(h.url, id, ed);
	clients.push(other);
	await other.synced;
	steady.doc.transact(() => fieldText(steady.doc, 'summary')!.insert(0, marker));
	await until(() => fieldText(other.doc, 'summary')!.toString().includes(marker), 3000, `"${marker}" to arrive`);
}

const stored = () => storedDocSql(h.sql, id);

const send =
	(bytes: Uint8Array | string, binary = true) =>
	(ws: import('ws').WebSocket) =>
		ws.send(bytes, { binary });

describeEachDialect('hostile input on the sync socket', (database) => {
	beforeEach(async () => {
		h = await startHarnessOn(database(), { sync: { heartbeatMs: 50 } });
		id = await draftRecord(h.sql, validRecord({ title: 'Steady' }));
		ed = await person(h.sql, 'editor');
		steady = connect(h.url, id, await person(h.sql, 'editor'));
		clients.push(steady);
		await steady.synced;
	});
	afterEach(async () => {
		for (const c of clients.splice(0)) c.destroy();
		await h.close();
	});

	it('closes on garbage bytes, a text frame, an unknown message type and a corrupt update (4400), changing nothing', async () => {
		const before = docToRecord(steady.doc);
		const corrupt = updateMessage(new Uint8Array([5, 200, 3, 7, 7, 7]));
		for (const act of [
			send(new Uint8Array([0xff, 0xfe, 0xfd, 0x00, 0x13])),
			send('{"type":"update"}', false),
			send(new Uint8Array([9, 0, 0])),
			send(corrupt)
		]) {
			expect(await raw(`${h.url}/${id}`, { cookie: ed.cookie }, act)).toEqual({ code: CloseCode.malformed });
		}
		expect(docToRecord(steady.doc)).toEqual(before);
		expect(docToRecord(await stored())).toEqual(before);
		await stillServing('after garbage ');
	});

	it('closes a 50 MB frame with 1009 without reading it, and keeps serving', async () => {
		const rss = process.memoryUsage().rss;
		const result = await raw(`${h.url}/${id}`, { cookie: ed.cookie }, send(new Uint8Array(50 * 1024 * 1024)));
		// The server answers 1009 as soon as it reads the frame header; a client still pushing its
		// 50 MB sometimes loses the close frame and reports 1006 (abnormal closure) instead.
		expect([CloseCode.messageTooBig, 1006]).toContain(result.code);
		await until(() => h.sync.connectionCount === 1, 2000, 'the socket to be dropped');
		expect(process.memoryUsage().rss - rss).toBeLessThan(150 * 1024 * 1024); // the client's own 50 MB buffer, not a server copy
		await stillServing('after 50 MB ');
	});

	it('closes a connection that floods messages (4529)', async () => {
		const flood = await raw(`${h.url}/${id}`, { cookie: ed.cookie }, (ws) => {
			const query = new Uint8Array([3]);
			for (let i = 0; i < 2000; i++) ws.send(query);
		});
		expect(flood).toEqual({ code: CloseCode.rateLimited });
		await stillServing('after flood ');
	});

	it('handles 1,000 rapid reconnects: each accepted or refused with 429, none left open, others served', async () => {
		const results = [];
		for (let i = 0; i < 1000; i++) results.push(await raw(`${h.url}/${id}`, { cookie: ed.cookie }, (ws) => ws.close(1000)));
		const accepted = results.filter((r) => r.code === 1000).length;
		const refused = results.filter((r) => r.status === 429).length;
		const outcomes: Record<string, number> = {};
		for (const key of results.map((r) => (r.status ? `http ${r.status}` : `close ${r.code}`))) outcomes[key] = (outcomes[key] ?? 0) + 1;
		expect(accepted + refused, JSON.stringify(outcomes)).toBe(1000);
		expect(accepted).toBeGreaterThanOrEqual(60);
		expect(refused).toBeGreaterThan(0);
		await until(() => h.sync.connectionCount === 1, 2000, 'sockets to close');
		expect(h.store.presence().get(id)).toBe(1);
		await sleep(400); // the bucket refills at 5 a second
		await stillServing('after the storm ');
	}, 60_000);

	it('drops a connection that stops answering pings', async () => {
		const dead = raw(`${h.url}/${id}`, { cookie: ed.cookie }, () => {}, { autoPong: false });
		await until(() => h.sync.connectionCount === 2, 2000, 'second socket');
		expect(await dead).toEqual({ code: 1006 });
		await until(() => h.sync.connectionCount === 1, 2000, 'the socket to be dropped');
	});

	it('closes everyone on a record deleted under them with 4404', async () => {
		const other = connect(h.url, id, ed);
		clients.push(other);
		await other.synced;
		await h.sql.db.delete(h.sql.t.records).where(eq(h.sql.t.records.id, id));
		other.doc.transact(() => applyTextDiff(fieldText(other.doc, 'owner')!, 'too late'));
		await until(() => other.closes.length > 0 && steady.closes.length > 0, 3000, 'closes');
		expect(other.closes[0].code).toBe(CloseCode.recordGone);
		expect(steady.closes[0].code).toBe(CloseCode.recordGone);
		expect(await raw(`${h.url}/${id}`, { cookie: ed.cookie })).toEqual({ status: 404 });
	});

	it('never corrupts the document, whatever bytes a client sends (fuzzed)', async () => {
		const session = (await h.store.open(id))!;
		const origin = new UpdateOrigin({ id: 'fuzzer', name: 'Fuzzer' }, 'socket');
		const valid = (() => {
			const d = new Y.Doc();
			Y.applyUpdate(d, Y.encodeStateAsUpdate(session.doc));
			const sv = Y.encodeStateVector(d);
			d.transact(() => applyTextDiff(fieldText(d, 'title')!, 'Steady fuzz'));
			return updateMessage(Y.encodeStateAsUpdate(d, sv));
		})();
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
				fc.nat(valid.length),
				(flips, cut) => {
					const bytes = valid.slice(0, Math.max(1, cut));
					for (const [i, b] of flips) if (i < bytes.length) bytes[i] = b;
					let msg;
					try {
						msg = parseMessage(bytes);
					} catch (err) {
						expect(err).toBeInstanceOf(ProtocolError);
						return;
					}
					if (msg.kind !== 'update') return;
					try {
						session.apply(msg.update, origin);
					} catch (err) {
						expect(err).toBeInstanceOf(MalformedUpdateError);
					}
					readRecordDoc(session.doc);
				}
			),
			{ numRuns: 400 }
		);
		await session.persisted();
		expect(Y.encodeStateVector(await stored())).toEqual(Y.encodeStateVector(session.doc));
		session.close();
		await stillServing('after fuzz ');
	});
});

describe('message framing', () => {
	it('reads what the stock provider writes and nothing else', () => {
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, 0);
		encoding.writeVarUint(e, 0);
		encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
		expect(parseMessage(encoding.toUint8Array(e)).kind).toBe('sync-step1');
		expect(() => parseMessage(new Uint8Array([]))).toThrow(ProtocolError);
		expect(() => parseMessage(new Uint8Array([1, 5, 1, 2]))).toThrow(ProtocolError);
	});

	it('reads the heads of an awareness message for the echo check, and nothing else', () => {
		const awareness = (entries: [number, number, string][]) => {
			const p = encoding.createEncoder();
			encoding.writeVarUint(p, entries.length);
			for (const [clientId, clock, json] of entries) {
				encoding.writeVarUint(p, clientId);
				encoding.writeVarUint(p, clock);
				encoding.writeVarString(p, json);
			}
			const e = encoding.createEncoder();
			encoding.writeVarUint(e, 1);
			encoding.writeVarUint8Array(e, encoding.toUint8Array(p));
			return encoding.toUint8Array(e);
		};
		expect(
			awarenessHeads(
				awareness([
					[7, 3, '{"field":"title"}'],
					[9, 1, 'null']
				])
			)
		).toEqual([
			{ clientId: 7, clock: 3 },
			{ clientId: 9, clock: 1 }
		]);
		// Left to parseMessage, which says why: another kind, a state over its bound, cut short.
		expect(awarenessHeads(updateMessage(new Uint8Array([0, 0])))).toBeNull();
		expect(awarenessHeads(awareness([[7, 3, `"${'x'.repeat(AWARENESS_LIMITS.stateBytes)}"`]]))).toBeNull();
		expect(awarenessHeads(awareness([[7, 3, '{}']]).slice(0, -1))).toBeNull();
	});
});
