/**
 * Live sync under load: D documents x C clients (the real y-websocket provider in Node),
 * R keystrokes a second per document, against Samla's sync server (sessions checked,
 * every update stored in SQLite before it is broadcast) and, in the same run, against the
 * stock server (@y/websocket-server's setupWSConnection: no persistence, no auth) holding
 * the same documents in memory.
 *
 * Each server runs in a child process, so its RSS and CPU are its own; the clients share
 * this process. Latency is measured from the keystroke to its arrival at each other
 * client of the document; an edit is lost if any client, or Samla's stored log, lacks it.
 *
 * The machine is shared, so load from elsewhere comes and goes. Taking turns, a burst of
 * it lands on whichever server runs then, and p99 ratios swung from 0.3x to 3x between
 * rounds of the same code. So in each round both servers run at once, each with its own
 * clients and the same load: outside load, and the work of delivering keystrokes in this
 * process, fall on both alike. Each row pools its rounds; the p99 ratio is also given per
 * round, and its median over the rounds is the headline figure.
 *
 * Environment: SYNC_BENCH_DOCS (50), SYNC_BENCH_CLIENTS (20 per document),
 * SYNC_BENCH_RATE (2.5 keystrokes/s per document), SYNC_BENCH_SECONDS (8 per round),
 * SYNC_BENCH_ROUNDS (7); SYNC_BENCH_CPU_PROF=<dir> writes each server's CPU profile there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket, WebSocketServer } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { emptyRecord } from '../src/lib/records/fields';
import { encodeRecordState, fieldText } from '../src/lib/records/ydoc';
import { createSession } from '../src/lib/server/auth/session';
import { sqliteSql } from '../src/lib/server/db/sql';
import { startCheckpointer } from '../src/lib/server/db/checkpointer';
import { users } from '../src/lib/server/db/schema';
import { SqlitePersistence } from '../src/lib/server/docs/sqlite-persistence';
import { sessionAuthenticator } from '../server/sync/session-auth';
import { SyncServer } from '../server/sync/sync-server';
import { createDraft } from '../tests/helpers/records';
import { tempDatabase } from '../tests/helpers/db';
import { timeResidence } from './residence';
import { percentile, table, type BenchSuite } from './suite';
import { recordStore } from '../src/lib/server/docs/create';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const DOCS = num('SYNC_BENCH_DOCS', 50);
const CLIENTS = num('SYNC_BENCH_CLIENTS', 20);
const RATE = num('SYNC_BENCH_RATE', 2.5);
const SECONDS = num('SYNC_BENCH_SECONDS', 8);
const ROUNDS = num('SYNC_BENCH_ROUNDS', 7);
/** A person types this many keystrokes before the next one takes over the field. */
const RUN = 5;

type Kind = 'samla' | 'baseline';

/** What the parent asks a server child, and what it answers. */
type Request = { type: 'stats' } | { type: 'stored' };
interface Ready {
	type: 'ready';
	port: number;
	/** Per client: its room and the Cookie header it signs in with. */
	seats: { room: string; cookie: string }[];
}
interface Stats {
	type: 'stats';
	rss: number;
	cpuMicros: number;
	/** Per keystroke: from the server reading it to the server first sending it on, ms. */
	residence: number[];
}
interface Stored {
	type: 'stored';
	/** room -> the text of its summary as the store kept it */
	texts: Record<string, string>;
}

// ---------------------------------------------------------------- servers (child processes)

/** The first state of every document, the same for both servers. */
const seedState = () => encodeRecordState({ ...emptyRecord('Benchmark project'), summary: '' });

async function serveSamla(): Promise<{ port: number; seats: Ready['seats']; stored(): Promise<Stored['texts']> }> {
	const t = tempDatabase();
	startCheckpointer(t.db, t.path);
	const now = new Date();
	const rooms = Array.from({ length: DOCS }, () => createDraft(t.db, { ...emptyRecord('Benchmark project'), summary: '' }));
	const seats: Ready['seats'] = [];
	for (const room of rooms) {
		for (let c = 0; c < CLIENTS; c++) {
			// One person per client, as in real use: the connect rate limit is per person.
			const id = randomUUID();
			t.db
				.insert(users)
				.values({ id, email: `${id}@bench.invalid`, name: `Bench ${c}`, role: 'editor', passwordHash: 'x', createdAt: now, updatedAt: now })
				.run();
			seats.push({ room, cookie: `samla_session=${(await createSession(sqliteSql(t.db), id)).token}` });
		}
	}
	const store = recordStore(t.db);
	const sync = new SyncServer({ store, authenticate: sessionAuthenticator(sqliteSql(t.db)), origin: null });
	const http = createServer((_, res) => res.writeHead(404).end());
	http.on('upgrade', (req, socket, head) => sync.handleUpgrade(req, socket, head) || socket.destroy());
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	return {
		port: (http.address() as AddressInfo).port,
		seats,
		async stored() {
			await sync.close();
			await store.close();
			const texts: Record<string, string> = {};
			const persistence = new SqlitePersistence(t.db);
			for (const room of rooms) {
				const doc = new Y.Doc();
				for (const u of (await persistence.load(room))!.updates) Y.applyUpdate(doc, u);
				texts[room] = fieldText(doc, 'summary')!.toString();
			}
			return texts;
		}
	};
}

/**
 * The stock server: @y/websocket-server 0.1.1's src/utils.js (setupWSConnection), ported
 * line for line with its persistence and callback left out, as they are off by default.
 * The package itself is not a dependency: its utils.js imports y-leveldb at the top, whose
 * current dependency chain asks for a release of @y/y that does not exist (only 14.0
 * pre-releases), so npm cannot install it. As the stock server does, every update goes to
 * every connection of the document, its sender included, and each connection is pinged
 * every 30 s.
 */
async function serveBaseline(): Promise<{ port: number; seats: Ready['seats'] }> {
	interface SharedDoc {
		doc: Y.Doc;
		awareness: awarenessProtocol.Awareness;
		/** connection -> the awareness client ids it controls */
		conns: Map<WebSocket, Set<number>>;
	}
	const docs = new Map<string, SharedDoc>();
	const closeConn = (d: SharedDoc, conn: WebSocket) => {
		const controlled = d.conns.get(conn);
		if (controlled) {
			d.conns.delete(conn);
			awarenessProtocol.removeAwarenessStates(d.awareness, [...controlled], null);
		}
		conn.close();
	};
	const send = (d: SharedDoc, conn: WebSocket, m: Uint8Array) => {
		if (conn.readyState !== WebSocket.CONNECTING && conn.readyState !== WebSocket.OPEN) closeConn(d, conn);
		try {
			conn.send(m, {}, (err) => err != null && closeConn(d, conn));
		} catch {
			closeConn(d, conn);
		}
	};
	const getYDoc = (name: string) => {
		const d = docs.get(name);
		if (d) return d;
		const doc = new Y.Doc();
		Y.applyUpdate(doc, seedState());
		const awareness = new awarenessProtocol.Awareness(doc);
		awareness.setLocalState(null);
		const shared: SharedDoc = { doc, awareness, conns: new Map() };
		awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, conn: WebSocket | null) => {
			const changed = added.concat(updated, removed);
			const controlled = conn !== null ? shared.conns.get(conn) : undefined;
			if (controlled) {
				for (const id of added) controlled.add(id);
				for (const id of removed) controlled.delete(id);
			}
			const e = encoding.createEncoder();
			encoding.writeVarUint(e, 1);
			encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, changed));
			const buff = encoding.toUint8Array(e);
			shared.conns.forEach((_, c) => send(shared, c, buff));
		});
		doc.on('update', (update: Uint8Array) => {
			const e = encoding.createEncoder();
			encoding.writeVarUint(e, 0);
			syncProtocol.writeUpdate(e, update);
			const message = encoding.toUint8Array(e);
			shared.conns.forEach((_, c) => send(shared, c, message));
		});
		docs.set(name, shared);
		return shared;
	};
	const messageListener = (conn: WebSocket, d: SharedDoc, message: Uint8Array) => {
		try {
			const e = encoding.createEncoder();
			const decoder = decoding.createDecoder(message);
			const type = decoding.readVarUint(decoder);
			if (type === 0) {
				encoding.writeVarUint(e, 0);
				syncProtocol.readSyncMessage(decoder, e, d.doc, conn);
				if (encoding.length(e) > 1) send(d, conn, encoding.toUint8Array(e));
			} else if (type === 1) awarenessProtocol.applyAwarenessUpdate(d.awareness, decoding.readVarUint8Array(decoder), conn);
		} catch (err) {
			console.error(err);
		}
	};
	const setupWSConnection = (conn: WebSocket, docName: string) => {
		conn.binaryType = 'arraybuffer';
		const d = getYDoc(docName);
		d.conns.set(conn, new Set());
		conn.on('message', (message: ArrayBuffer) => messageListener(conn, d, new Uint8Array(message)));
		let pongReceived = true;
		const pingInterval = setInterval(() => {
			if (!pongReceived) {
				if (d.conns.has(conn)) closeConn(d, conn);
				clearInterval(pingInterval);
			} else if (d.conns.has(conn)) {
				pongReceived = false;
				try {
					conn.ping();
				} catch {
					closeConn(d, conn);
					clearInterval(pingInterval);
				}
			}
		}, 30_000);
		conn.on('close', () => {
			closeConn(d, conn);
			clearInterval(pingInterval);
		});
		conn.on('pong', () => (pongReceived = true));
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, 0);
		syncProtocol.writeSyncStep1(e, d.doc);
		send(d, conn, encoding.toUint8Array(e));
		const states = d.awareness.getStates();
		if (states.size > 0) {
			const a = encoding.createEncoder();
			encoding.writeVarUint(a, 1);
			encoding.writeVarUint8Array(a, awarenessProtocol.encodeAwarenessUpdate(d.awareness, [...states.keys()]));
			send(d, conn, encoding.toUint8Array(a));
		}
	};
	const wss = new WebSocketServer({ noServer: true });
	const http = createServer((_, res) => res.writeHead(404).end());
	http.on('upgrade', (req, socket, head) =>
		wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, (req.url ?? '').split('/').pop()!))
	);
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	const seats = Array.from({ length: DOCS }, (_, d) => Array.from({ length: CLIENTS }, () => ({ room: `doc-${d}`, cookie: '' }))).flat();
	return { port: (http.address() as AddressInfo).port, seats };
}

/** The child's entry: start one server, then answer the parent. */
export async function serveForBench(kind: Kind): Promise<void> {
	const server: { port: number; seats: Ready['seats']; stored?: () => Promise<Stored['texts']> } =
		kind === 'samla' ? await serveSamla() : await serveBaseline();
	const residence = timeResidence();
	// A profile (SYNC_BENCH_CPU_PROF) is written on a normal exit only.
	process.once('SIGTERM', () => process.exit(0));
	const cpuAtStart = process.cpuUsage();
	process.on('message', async (req: Request) => {
		if (req.type === 'stats') {
			const cpu = process.cpuUsage(cpuAtStart);
			process.send!({
				type: 'stats',
				rss: process.memoryUsage().rss,
				cpuMicros: cpu.user + cpu.system,
				residence: residence.splice(0)
			} satisfies Stats);
		} else if (req.type === 'stored' && server.stored) {
			process.send!({ type: 'stored', texts: await server.stored() } satisfies Stored);
		}
	});
	process.send!({ type: 'ready', port: server.port, seats: server.seats } satisfies Ready);
}

// ---------------------------------------------------------------- clients (this process)

function ask<T>(child: ChildProcess, req: Request | null, type: string): Promise<T> {
	return new Promise((resolve) => {
		const on = (m: { type: string }) => {
			if (m.type !== type) return;
			child.off('message', on);
			resolve(m as T);
		};
		child.on('message', on);
		if (req) child.send(req);
	});
}

function socketWith(cookie: string): typeof WebSocket {
	return class extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers: cookie ? { cookie } : {} });
		}
	} as unknown as typeof WebSocket;
}

interface Client {
	room: string;
	doc: Y.Doc;
	provider: WebsocketProvider;
	text: () => Y.Text;
}

interface Result {
	connectMs: number[];
	connectAllMs: number;
	latencies: number[];
	sent: number;
	lostAtClients: number;
	lostInStore: number | null;
	rss: number;
	cpuPercent: number;
	/** Server CPU (user + system) over the load. */
	cpuSeconds: number;
	residence: number[];
}

function pool(rounds: Result[]): Result {
	const sum = (f: (r: Result) => number) => rounds.reduce((n, r) => n + f(r), 0);
	return {
		connectMs: rounds.flatMap((r) => r.connectMs).sort((a, b) => a - b),
		connectAllMs: Math.max(...rounds.map((r) => r.connectAllMs)),
		latencies: rounds.flatMap((r) => r.latencies).sort((a, b) => a - b),
		sent: sum((r) => r.sent),
		lostAtClients: sum((r) => r.lostAtClients),
		lostInStore: rounds[0].lostInStore === null ? null : sum((r) => r.lostInStore ?? 0),
		rss: Math.max(...rounds.map((r) => r.rss)),
		cpuPercent: sum((r) => r.cpuPercent) / rounds.length,
		cpuSeconds: sum((r) => r.cpuSeconds),
		residence: rounds.flatMap((r) => r.residence).sort((a, b) => a - b)
	};
}

const MARK = /‹(\d+)›/g;

/** One server under load: its child process, its clients, and what they measured. */
interface Run {
	kind: Kind;
	child: ChildProcess;
	clients: Client[];
	byRoom: Map<string, Client[]>;
	connectMs: number[];
	connectAllMs: number;
	sentAt: Map<number, number>;
	latencies: number[];
	sentPerRoom: Map<string, number>;
	sent: number;
	typing: ReturnType<typeof setInterval>[];
	starts: ReturnType<typeof setTimeout>[];
	cpuBefore?: Stats;
}

/** Starts a server child and connects its clients (the stock provider, 100 at a time). */
async function connect(kind: Kind): Promise<Run> {
	// Each provider adds a process 'exit' listener; thousands of them are expected here.
	process.setMaxListeners(0);
	const entry = `import(${JSON.stringify(import.meta.url)}).then((m) => m.serveForBench(${JSON.stringify(kind)}))`;
	const profile = process.env.SYNC_BENCH_CPU_PROF;
	const flags = profile ? ['--cpu-prof', '--cpu-prof-dir', `${profile}/${kind}`] : [];
	const child = spawn(process.execPath, [...flags, '--import', 'tsx', '--input-type=module', '-e', entry], {
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	const ready = await ask<Ready>(child, null, 'ready');
	const url = `ws://127.0.0.1:${ready.port}/sync`;
	const run: Run = {
		kind,
		child,
		clients: [],
		byRoom: new Map(),
		connectMs: [],
		connectAllMs: 0,
		sentAt: new Map(),
		latencies: [],
		sentPerRoom: new Map(),
		sent: 0,
		typing: [],
		starts: []
	};
	const t0 = performance.now();
	// 100 at a time: a thousand people do not all press enter in the same millisecond.
	for (let i = 0; i < ready.seats.length; i += 100) {
		await Promise.all(
			ready.seats.slice(i, i + 100).map(
				({ room, cookie }) =>
					new Promise<void>((resolve) => {
						const started = performance.now();
						const doc = new Y.Doc();
						const provider = new WebsocketProvider(url, room, doc, {
							WebSocketPolyfill: socketWith(cookie) as unknown as typeof globalThis.WebSocket,
							disableBc: true
						});
						const client: Client = { room, doc, provider, text: () => fieldText(doc, 'summary')! };
						provider.once('sync', () => {
							run.connectMs.push(performance.now() - started);
							client.text().observe((event) => {
								if (event.transaction.local) return;
								const now = performance.now();
								for (const op of event.delta) {
									if (typeof op.insert !== 'string') continue;
									for (const m of op.insert.matchAll(MARK)) run.latencies.push(now - run.sentAt.get(Number(m[1]))!);
								}
							});
							run.clients.push(client);
							resolve();
						});
					})
			)
		);
	}
	run.connectAllMs = performance.now() - t0;
	for (const c of run.clients) run.byRoom.set(c.room, [...(run.byRoom.get(c.room) ?? []), c]);
	return run;
}

async function startTyping(run: Run): Promise<void> {
	run.cpuBefore = await ask<Stats>(run.child, { type: 'stats' }, 'stats');
	run.starts = [...run.byRoom].map(([room, members], r) => {
		let n = 0;
		const type = () => {
			const typist = members[Math.floor(n++ / RUN) % members.length];
			const id = run.sent++;
			run.sentAt.set(id, performance.now());
			const text = typist.text();
			text.insert(text.length, `‹${id}›`);
			run.sentPerRoom.set(room, (run.sentPerRoom.get(room) ?? 0) + 1);
		};
		// Staggered so the documents do not all type on the same tick.
		return setTimeout(() => run.typing.push(setInterval(type, 1000 / RATE)), (r * (1000 / RATE)) / run.byRoom.size);
	});
}

function stopTyping(run: Run): void {
	for (const t of run.starts) clearTimeout(t);
	for (const t of run.typing) clearInterval(t);
}

/** Waits for every keystroke to arrive (or 10 s), checks what was lost, and stops the server. */
async function finish(run: Run, loadSeconds: number): Promise<Result> {
	try {
		const stats = await ask<Stats>(run.child, { type: 'stats' }, 'stats');
		const expected = run.sent * (CLIENTS - 1);
		const settleUntil = performance.now() + 10_000;
		while (run.latencies.length < expected && performance.now() < settleUntil) await new Promise((r) => setTimeout(r, 50));
		let lostAtClients = 0;
		for (const c of run.clients) {
			const have = c.text().toString().match(MARK)?.length ?? 0;
			lostAtClients += (run.sentPerRoom.get(c.room) ?? 0) - have;
		}
		for (const c of run.clients) {
			c.provider.awareness.destroy();
			c.provider.destroy();
			c.doc.destroy();
		}
		let lostInStore: number | null = null;
		if (run.kind === 'samla') {
			const { texts } = await ask<Stored>(run.child, { type: 'stored' }, 'stored');
			lostInStore = [...run.sentPerRoom].reduce((n, [room, sent]) => n + sent - (texts[room].match(MARK)?.length ?? 0), 0);
		}
		return {
			connectMs: run.connectMs.sort((a, b) => a - b),
			connectAllMs: run.connectAllMs,
			latencies: run.latencies.sort((a, b) => a - b),
			sent: run.sent,
			lostAtClients,
			lostInStore,
			rss: stats.rss,
			cpuPercent: ((stats.cpuMicros - run.cpuBefore!.cpuMicros) / 1e6 / loadSeconds) * 100,
			cpuSeconds: (stats.cpuMicros - run.cpuBefore!.cpuMicros) / 1e6,
			residence: stats.residence.sort((a, b) => a - b)
		};
	} finally {
		run.child.kill();
	}
}

/**
 * One round: both servers at once, each with its own clients and the same load, all the
 * clients in this process. Whatever else the machine does then, and however busy this
 * process is delivering keystrokes, both servers' figures live through it together.
 */
async function round(): Promise<Record<Kind, Result>> {
	const runs = [await connect('baseline'), await connect('samla')];
	for (const run of runs) await startTyping(run);
	const loadStart = performance.now();
	await new Promise((r) => setTimeout(r, SECONDS * 1000));
	for (const run of runs) stopTyping(run);
	const loadSeconds = (performance.now() - loadStart) / 1000;
	const [baseline, samla] = await Promise.all(runs.map((run) => finish(run, loadSeconds)));
	return { baseline, samla };
}

const ms = (v: number) => (v < 1 ? v.toFixed(2) : v.toFixed(1));

export const syncBench: BenchSuite = {
	name: 'sync',
	title: 'Live sync (y-websocket)',
	async run() {
		const rounds: Record<Kind, Result[]> = { baseline: [], samla: [] };
		for (let i = 0; i < ROUNDS; i++) {
			const r = await round();
			rounds.baseline.push(r.baseline);
			rounds.samla.push(r.samla);
		}
		const p99 = (r: Result) => percentile(r.latencies, 99);
		const roundRatios = rounds.samla.map((r, i) => p99(r) / p99(rounds.baseline[i]));
		const medianRatio = [...roundRatios].sort((a, b) => a - b)[Math.floor(roundRatios.length / 2)];
		const [baseline, samla] = [pool(rounds.baseline), pool(rounds.samla)];
		const cpuPerThousand = (r: Result) => (r.cpuSeconds / r.sent) * 1000;
		const row = (name: string, r: Result, ratioTo?: Result) => [
			name,
			r.connectMs.length / ROUNDS,
			ms(percentile(r.connectMs, 50)),
			ms(percentile(r.connectMs, 99)),
			(r.connectAllMs / 1000).toFixed(1),
			ms(percentile(r.latencies, 50)),
			ms(percentile(r.latencies, 99)),
			ratioTo ? `${(p99(r) / p99(ratioTo)).toFixed(2)}x pooled, ${medianRatio.toFixed(2)}x median of rounds` : '1.00x',
			ms(percentile(r.residence, 50)),
			ms(percentile(r.residence, 99)),
			r.sent,
			r.latencies.length,
			r.lostAtClients,
			r.lostInStore ?? 'n/a (no store)',
			`${Math.round(r.rss / 1048576)} MB`,
			`${Math.round(r.cpuPercent)} %`,
			`${cpuPerThousand(r).toFixed(2)} s` + (ratioTo ? ` (${(cpuPerThousand(r) / cpuPerThousand(ratioTo)).toFixed(2)}x)` : '')
		];
		return [
			`${DOCS} documents x ${CLIENTS} clients = ${DOCS * CLIENTS} concurrent connections; ${RATE} keystrokes/s per document ` +
				`(runs of ${RUN} by one person, then the next), ${ROUNDS} rounds of ${SECONDS} s with both servers under load at once; ` +
				'all clients in one process (twice the connections in the table), each server in its own. Connect times and RSS: the worst round. ' +
				'"In server": from reading a keystroke to first sending it on (for Samla that includes storing it).',
			'',
			table(
				[
					'server',
					'concurrent connections',
					'connect+sync p50 ms',
					'p99 ms',
					'all connected s',
					'propagation p50 ms',
					'p99 ms',
					'p99 vs baseline',
					'in server p50 ms',
					'p99 ms',
					'edits',
					'deliveries',
					'lost at clients',
					'lost in store',
					'server RSS',
					'server CPU (one core = 100 %)',
					'server CPU per 1,000 edits'
				],
				[
					row('baseline: stock @y/websocket-server logic, in memory', baseline),
					row('Samla: sessions, limits, every update in SQLite first', samla, baseline)
				]
			),
			'',
			'Propagation p99 per round (baseline / Samla, ms): ' +
				rounds.samla.map((r, i) => `${ms(p99(rounds.baseline[i]))} / ${ms(p99(r))} (${roundRatios[i].toFixed(2)}x)`).join('; ') +
				'.'
		].join('\n');
	}
};
