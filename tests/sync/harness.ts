/**
 * The sync endpoint on a plain HTTP server on port 0, in this process, over a real
 * SQLite file (or a suite's database of either dialect: startHarnessOn), with real sessions; and clients: the stock y-websocket provider and raw
 * sockets for hostile input.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, type ClientOptions } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Role } from '../../src/lib/server/auth/roles';
import type { Db } from '../../src/lib/server/db/client';
import { type DocStoreOptions } from '../../src/lib/server/docs/store';
import { sessionAuthenticator } from '../../server/sync/session-auth';
import { sqliteSql, type Sql } from '../../src/lib/server/db/sql';
import { SyncServer, type SyncServerOptions } from '../../server/sync/sync-server';
import { refuse } from '../../server/sync/upgrade';
import { tempDatabase, type TempDatabase } from '../helpers/db';
import { signedInAs, type TestUser } from '../helpers/users';
import type { RecordStore } from '../../src/lib/server/records/live';
import { recordStore } from '../../src/lib/server/docs/create';
import { dialectRecordStore } from '../helpers/dialect-store';
import type { DialectDatabase } from '../helpers/dialects';

export interface Harness extends SyncHarness {
	t: TempDatabase;
}

/** The sync endpoint over any store and database: what both harnesses share. */
export interface SyncHarness {
	store: RecordStore;
	sync: SyncServer;
	http: Server;
	/** ws://127.0.0.1:<port>/sync */
	url: string;
	/** Store log lines (failures are logged, not thrown). */
	logs: string[];
	/** Closes the sync server, the store and the HTTP server; the database stays. */
	close(): Promise<void>;
}

export interface HarnessOptions {
	store?: Partial<DocStoreOptions>;
	sync?: Partial<SyncServerOptions>;
	/** Reuse the database of an earlier harness (a restart). */
	t?: TempDatabase;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
	const t = opts.t ?? tempDatabase();
	const logs: string[] = [];
	const store = recordStore(t.db, { projectEveryMs: 20, log: (line) => logs.push(line), ...opts.store });
	return { t, ...(await serveSync(store, sqliteSql(t.db), logs, opts.sync)) };
}

/**
 * The same endpoint on a suite's database of either dialect (describeEachDialect), with the
 * store the server builds for it. One process: on PostgreSQL its edits are announced in
 * process, as a lone `samla start` hears only itself.
 */
export async function startHarnessOn(database: DialectDatabase, opts: Omit<HarnessOptions, 't'> = {}): Promise<SyncHarness & { sql: Sql }> {
	const logs: string[] = [];
	const store = dialectRecordStore(database, { projectEveryMs: 20, log: (line) => logs.push(line), ...opts.store });
	return { sql: database.sql, ...(await serveSync(store, database.sql, logs, opts.sync)) };
}

async function serveSync(store: RecordStore, sql: Sql, logs: string[], opts: Partial<SyncServerOptions> = {}): Promise<SyncHarness> {
	const log = (line: string) => logs.push(line);
	const sync = new SyncServer({ store, authenticate: sessionAuthenticator(sql), origin: null, log, ...opts });
	const http = createServer((_, res) => res.writeHead(404).end());
	http.on('upgrade', (req, socket, head) => {
		if (!sync.handleUpgrade(req, socket, head)) refuse(socket, 404, 'No WebSocket endpoint here.');
	});
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	const { port } = http.address() as AddressInfo;
	return {
		store,
		sync,
		http,
		url: `ws://127.0.0.1:${port}/sync`,
		logs,
		async close() {
			await sync.close();
			await store.close();
			http.closeAllConnections();
			await new Promise<void>((resolve) => http.close(() => resolve()));
		}
	};
}

export interface Person {
	user: TestUser;
	/** The Cookie header a browser would send. */
	cookie: string;
}

export async function person(db: Db | Sql, role: Role): Promise<Person> {
	const { user, cookie } = await signedInAs(db, role);
	return { user, cookie: `${cookie.name}=${cookie.value}` };
}

/** A WebSocket class for the provider that sends the given headers, as a browser sends cookies and Origin. */
export function socketWith(headers: Record<string, string>, extra: ClientOptions = {}): typeof WebSocket {
	return class extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers, ...extra });
		}
	} as unknown as typeof WebSocket;
}

export interface Client {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** Resolves when the first sync completed. */
	synced: Promise<void>;
	/** Close events the server sent (code, reason). */
	closes: { code: number; reason: string }[];
	destroy(): void;
}

export function connect(
	url: string,
	recordId: string,
	who: Person | null,
	options: { doc?: Y.Doc; headers?: Record<string, string> } = {}
): Client {
	const doc = options.doc ?? new Y.Doc();
	const headers = { ...(who ? { cookie: who.cookie } : {}), ...options.headers };
	const provider = new WebsocketProvider(url, recordId, doc, {
		WebSocketPolyfill: socketWith(headers) as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		maxBackoffTime: 200
	});
	const closes: Client['closes'] = [];
	provider.on('connection-close', (event) => {
		if (event) closes.push({ code: event.code, reason: event.reason });
	});
	const synced = new Promise<void>((resolve) => {
		if (provider.synced) resolve();
		else provider.once('sync', () => resolve());
	});
	return {
		doc,
		provider,
		synced,
		closes,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

export interface RawResult {
	/** HTTP status of a refused upgrade. */
	status?: number;
	/** Close code of an accepted socket that was closed. */
	code?: number;
}

/** A bare socket: opens, runs `act` once open, and reports how it ended. */
export function raw(
	url: string,
	headers: Record<string, string>,
	act: (ws: WebSocket) => void = () => {},
	extra: ClientOptions = {}
): Promise<RawResult> {
	return new Promise((resolve) => {
		const ws = new WebSocket(url, { headers, ...extra });
		ws.on('unexpected-response', (_req, res) => {
			resolve({ status: res.statusCode });
			res.resume();
			ws.terminate();
		});
		ws.on('open', () => act(ws));
		ws.on('error', () => {});
		ws.on('close', (code) => resolve({ code }));
	});
}

export function until(predicate: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const tick = () => {
			if (predicate()) return resolve();
			if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
			setTimeout(tick, 5);
		};
		tick();
	});
}

/** until() for a condition read asynchronously (a database query, on either dialect). */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 5000, what = 'condition'): Promise<void> {
	const started = Date.now();
	while (!(await check())) {
		if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 10));
	}
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
