/**
 * The servers of the sync bench (bench/sync.ts), each run in a child process of its own so
 * that its RSS and CPU are its own: the stock y-websocket server, and Samla's SyncServer
 * over the app's own services, on a SQLite file (openSqliteServices) or on PostgreSQL +
 * Redis (openPgServices: the PostgreSQL store, the Redis announcer, as `samla start` opens
 * them). The parent asks each child for its figures over IPC.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, eq } from 'drizzle-orm';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket, WebSocketServer } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { emptyRecord } from '../src/lib/records/fields';
import { encodeRecordState, fieldText } from '../src/lib/records/ydoc';
import { openPgServices, openSqliteServices, type AppServices } from '../src/lib/server/app-services';
import { SESSION_COOKIE, SESSION_LIFETIME_MS, sessionIdFromToken } from '../src/lib/server/auth/session';
import { readConfig } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db/client';
import { sqliteSql, type Sql } from '../src/lib/server/db/sql';
import { PgPersistence } from '../src/lib/server/docs/pg-persistence';
import { SqlitePersistence } from '../src/lib/server/docs/sqlite-persistence';
import { MIGRATIONS_DIR, PG_MIGRATIONS_DIR } from '../server/paths';
import { createAppSync } from '../server/sync/attach';
import { draftRecord } from '../tests/helpers/records-sql';
import { timeResidence } from './residence';

export type ServerSpec = { kind: 'stock' } | { kind: 'sqlite' } | { kind: 'pg'; url: string; redisUrl: string; prefix: string };

/** A client's place: its room and the Cookie header it signs in with. */
export interface Seat {
	room: string;
	cookie: string;
}

/** What the parent asks a server child, and what it answers. */
export type Request = { type: 'stats' } | { type: 'stored' };
export interface Ready {
	type: 'ready';
	port: number;
	/** The seats the child made itself (stock, SQLite); PostgreSQL's are seeded by the parent. */
	seats: Seat[];
}
export interface Stats {
	type: 'stats';
	rss: number;
	cpuMicros: number;
	/** Per keystroke: from the server reading it to the server first sending it on, ms. */
	residence: number[];
	/** Per append to the log: from the store's call to the row being committed, ms. */
	appends: number[];
}
export interface Stored {
	type: 'stored';
	/** room -> the text of its summary as the store kept it; empty for PostgreSQL (the parent reads it). */
	texts: Record<string, string>;
}

/** The first state of the stock server's documents: a record's, as Samla's store gives it. */
const seedState = () => encodeRecordState({ ...emptyRecord('Benchmark project'), summary: '' });

/**
 * Records with an empty summary and one editor with a session per client, as in real use (the
 * connect rate limit is per person); written through the dialect-neutral handle, so SQLite
 * and PostgreSQL start from the same rows.
 */
export async function seedRooms(sql: Sql, docs: number, clients: number): Promise<Seat[]> {
	const now = new Date();
	const seats: Seat[] = [];
	for (let d = 0; d < docs; d++) {
		const room = await draftRecord(sql, { ...emptyRecord('Benchmark project'), summary: '' });
		const users = Array.from({ length: clients }, (_, c) => {
			const id = randomUUID();
			return {
				id,
				email: `${id}@bench.invalid`,
				name: `Bench ${c}`,
				role: 'editor' as const,
				passwordHash: 'x',
				createdAt: now,
				updatedAt: now
			};
		});
		const tokens = users.map(() => randomBytes(24).toString('base64url'));
		await sql.db.insert(sql.t.users).values(users);
		await sql.db.insert(sql.t.sessions).values(
			users.map((u, i) => ({
				id: sessionIdFromToken(tokens[i]),
				userId: u.id,
				createdAt: now,
				expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS)
			}))
		);
		for (const token of tokens) seats.push({ room, cookie: `${SESSION_COOKIE}=${token}` });
	}
	return seats;
}

/** Times every append of either log from the store's call to its commit, without the store knowing. */
function timeAppends(): number[] {
	const out: number[] = [];
	for (const proto of [SqlitePersistence.prototype, PgPersistence.prototype] as {
		append(name: string, u: Uint8Array): number | Promise<number>;
	}[]) {
		const append = proto.append;
		proto.append = function (this: unknown, name: string, update: Uint8Array) {
			const started = performance.now();
			const id = append.call(this, name, update);
			if (typeof id === 'number') out.push(performance.now() - started);
			else void id.then(() => out.push(performance.now() - started)).catch(() => {});
			return id;
		};
	}
	return out;
}

interface Serving {
	port: number;
	seats: Seat[];
	stored?: () => Promise<Stored['texts']>;
}

async function listen(onUpgrade: (req: import('node:http').IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) => void) {
	const http = createServer((_, res) => res.writeHead(404).end());
	http.on('upgrade', onUpgrade);
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	return (http.address() as AddressInfo).port;
}

/** Samla's sync server, as `samla start` builds it (createAppSync), over the app's services. */
async function serveSamla(services: AppServices, seats: Seat[], cleanup: () => void = () => {}): Promise<Serving> {
	const sync = createAppSync(services.ctx);
	const port = await listen((req, socket, head) => sync.handleUpgrade(req, socket, head) || socket.destroy());
	return {
		port,
		seats,
		async stored() {
			await sync.close();
			await services.close();
			if (!sqlitePath) return {};
			// Read back from the file once the store has closed it: what a restart would load.
			const db = openDatabase(sqlitePath);
			try {
				return await storedTexts(sqliteSql(db), seats);
			} finally {
				db.$client.close();
				cleanup();
			}
		}
	};
}

let sqlitePath: string | undefined;

/** The live-editing settings (docs/coediting.md) from the bench's own environment, so a run can move the periodic work. */
const syncSettings = () =>
	Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('SYNC_') && !name.startsWith('SYNC_BENCH_')));

async function serveSqlite(docs: number, clients: number): Promise<Serving> {
	const dir = mkdtempSync(join(tmpdir(), 'samla-sync-bench-'));
	sqlitePath = join(dir, 'samla.db');
	const services = openSqliteServices(readConfig({ ...syncSettings(), DATABASE_PATH: sqlitePath }), sqlitePath, { sqlite: MIGRATIONS_DIR });
	const seats = await seedRooms(services.ctx.sql, docs, clients);
	return serveSamla(services, seats, () => rmSync(dir, { recursive: true, force: true }));
}

async function servePg(spec: Extract<ServerSpec, { kind: 'pg' }>): Promise<Serving> {
	const cfg = readConfig({
		...syncSettings(),
		DATABASE_URL: spec.url,
		REDIS_URL: spec.redisUrl,
		REDIS_PREFIX: spec.prefix,
		// The bench's own environment, so a run can measure appends that wait for the disk.
		DATABASE_DURABLE_EDITS: process.env.DATABASE_DURABLE_EDITS
	});
	if (cfg.database.kind !== 'postgres') throw new Error('DATABASE_URL did not select PostgreSQL');
	const services = await openPgServices(cfg, cfg.database, { sqlite: MIGRATIONS_DIR, pg: PG_MIGRATIONS_DIR });
	return serveSamla(services, []);
}

/** The summary of each seat's room as the log holds it, folded update by update as the store loads it. */
export async function storedTexts(sql: Sql, seats: Seat[]): Promise<Record<string, string>> {
	const { yjsUpdates } = sql.t;
	const texts: Record<string, string> = {};
	for (const room of new Set(seats.map((s) => s.room))) {
		const rows = await sql.db
			.select({ data: yjsUpdates.data })
			.from(yjsUpdates)
			.where(eq(yjsUpdates.recordId, room))
			.orderBy(asc(yjsUpdates.id));
		const doc = new Y.Doc();
		for (const r of rows) Y.applyUpdate(doc, new Uint8Array(r.data));
		texts[room] = fieldText(doc, 'summary')!.toString();
		doc.destroy();
	}
	return texts;
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
async function serveStock(docs: number, clients: number): Promise<Serving> {
	interface SharedDoc {
		doc: Y.Doc;
		awareness: awarenessProtocol.Awareness;
		/** connection -> the awareness client ids it controls */
		conns: Map<WebSocket, Set<number>>;
	}
	const shared = new Map<string, SharedDoc>();
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
		const d = shared.get(name);
		if (d) return d;
		const doc = new Y.Doc();
		Y.applyUpdate(doc, seedState());
		const awareness = new awarenessProtocol.Awareness(doc);
		awareness.setLocalState(null);
		const sd: SharedDoc = { doc, awareness, conns: new Map() };
		awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, conn: WebSocket | null) => {
			const changed = added.concat(updated, removed);
			const controlled = conn !== null ? sd.conns.get(conn) : undefined;
			if (controlled) {
				for (const id of added) controlled.add(id);
				for (const id of removed) controlled.delete(id);
			}
			const e = encoding.createEncoder();
			encoding.writeVarUint(e, 1);
			encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, changed));
			const buff = encoding.toUint8Array(e);
			sd.conns.forEach((_, c) => send(sd, c, buff));
		});
		doc.on('update', (update: Uint8Array) => {
			const e = encoding.createEncoder();
			encoding.writeVarUint(e, 0);
			syncProtocol.writeUpdate(e, update);
			const message = encoding.toUint8Array(e);
			sd.conns.forEach((_, c) => send(sd, c, message));
		});
		shared.set(name, sd);
		return sd;
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
	const port = await listen((req, socket, head) =>
		wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, (req.url ?? '').split('/').pop()!))
	);
	const seats = Array.from({ length: docs }, (_, d) => Array.from({ length: clients }, () => ({ room: `doc-${d}`, cookie: '' }))).flat();
	return { port, seats };
}

/** The child's entry: start one server, then answer the parent. */
export async function serveForBench(spec: ServerSpec, docs: number, clients: number): Promise<void> {
	const appends = timeAppends();
	const server =
		spec.kind === 'stock'
			? await serveStock(docs, clients)
			: spec.kind === 'sqlite'
				? await serveSqlite(docs, clients)
				: await servePg(spec);
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
				residence: residence.splice(0),
				appends: appends.splice(0)
			} satisfies Stats);
		} else if (req.type === 'stored') {
			process.send!({ type: 'stored', texts: server.stored ? await server.stored() : {} } satisfies Stored);
		}
	});
	process.send!({ type: 'ready', port: server.port, seats: server.seats } satisfies Ready);
}
