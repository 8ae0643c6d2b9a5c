/**
 * Approval under load: the time to approve a record that already has 50 versions, and
 * approvals per second sustained, on the SQLite file the sync server writes to while 100
 * real y-websocket clients type into other records. Baseline: the same approvals in the
 * same run with nobody typing, so the figures read as the cost of sharing the database.
 * The sync server, its document store and the approvals share this process, as they
 * share the production process.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { applyTextDiff, fieldText } from '../src/lib/records/ydoc';
import { createSession, type SessionUser } from '../src/lib/server/auth/session';
import { sqliteSql } from '../src/lib/server/db/sql';
import { users } from '../src/lib/server/db/schema';
import { UpdateOrigin } from '../src/lib/server/docs/origins';
import { approveRecord } from '../src/lib/server/records/workflow';
import { sessionAuthenticator } from '../server/sync/session-auth';
import { SyncServer } from '../server/sync/sync-server';
import { tempDatabase, type TempDatabase } from '../tests/helpers/db';
import { createDraft, validRecord } from '../tests/helpers/records';
import { percentile, table, type BenchSuite } from './suite';
import { recordStore } from '../src/lib/server/docs/create';

const CLIENTS = 100;
const TYPED_RECORDS = 10;
const HISTORY = 50;
const SAMPLES = 60;
const SUSTAIN_MS = 5_000;

function addUser(t: TempDatabase, role: SessionUser['role']): SessionUser {
	const now = new Date();
	const id = randomUUID();
	const user = { id, email: `${id}@bench.invalid`, name: `Bench ${role}`, role };
	t.db
		.insert(users)
		.values({ ...user, passwordHash: 'x', createdAt: now, updatedAt: now })
		.run();
	return user;
}

function socketWith(cookie: string): typeof WebSocket {
	return class extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers: { cookie } });
		}
	} as unknown as typeof WebSocket;
}

interface Figures {
	approveMs: number[];
	perSecond: number;
	keystrokes: number;
}

async function measure(withTyping: boolean): Promise<Figures> {
	const t = tempDatabase();
	const docs = recordStore(t.db, { log: () => {} });
	const sync = new SyncServer({ store: docs, authenticate: sessionAuthenticator(sqliteSql(t.db)), origin: null });
	const http = createServer((_, res) => res.writeHead(404).end());
	http.on('upgrade', (req, socket, head) => sync.handleUpgrade(req, socket, head) || socket.destroy());
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/sync`;
	const approver = addUser(t, 'approver');
	const services = { sql: sqliteSql(t.db), docs };
	const origin = new UpdateOrigin({ id: approver.id, name: approver.name }, 'bench');
	const edit = (id: string, n: number) =>
		docs.edit(id, origin, (doc) => applyTextDiff(fieldText(doc, 'summary')!, `Version ${n} ${randomUUID()}`));

	// The record under test gets its 50 versions first.
	const target = createDraft(t.db, validRecord({ summary: '' }));
	let version = 0;
	for (let i = 0; i < HISTORY; i++) {
		await edit(target, i);
		const out = await approveRecord(services, { recordId: target, expectedVersion: version || null, user: approver });
		if (!out.ok) throw new Error(out.message);
		version = out.version;
	}

	const providers: WebsocketProvider[] = [];
	let typer: ReturnType<typeof setInterval> | undefined;
	let keystrokes = 0;
	if (withTyping) {
		process.setMaxListeners(0);
		const rooms = Array.from({ length: TYPED_RECORDS }, () => createDraft(t.db, validRecord({ summary: '' })));
		for (let c = 0; c < CLIENTS; c++) {
			const cookie = `samla_session=${(await createSession(sqliteSql(t.db), addUser(t, 'editor').id)).token}`;
			const provider = new WebsocketProvider(url, rooms[c % rooms.length], new Y.Doc(), {
				WebSocketPolyfill: socketWith(cookie) as unknown as typeof globalThis.WebSocket,
				disableBc: true
			});
			providers.push(provider);
		}
		await Promise.all(providers.map((p) => new Promise((resolve) => (p.synced ? resolve(null) : p.once('sync', resolve)))));
		// Every client types about five keystrokes a second.
		typer = setInterval(() => {
			for (const p of providers) {
				if (Math.random() > 0.25) continue;
				const text = fieldText(p.doc, 'summary');
				text?.insert(text.length, 'x');
				keystrokes++;
			}
		}, 50);
	}

	const approveMs: number[] = [];
	for (let i = 0; i < SAMPLES; i++) {
		await edit(target, HISTORY + i);
		const t0 = performance.now();
		const out = await approveRecord(services, { recordId: target, expectedVersion: version, user: approver });
		approveMs.push(performance.now() - t0);
		if (!out.ok) throw new Error(out.message);
		version = out.version;
	}

	const others = Array.from({ length: 20 }, () => createDraft(t.db, validRecord({ summary: '' })));
	const versions = new Map<string, number | null>(others.map((id) => [id, null]));
	let approvals = 0;
	const started = performance.now();
	for (let i = 0; performance.now() - started < SUSTAIN_MS; i++) {
		const id = others[i % others.length];
		await edit(id, i);
		const out = await approveRecord(services, { recordId: id, expectedVersion: versions.get(id) ?? null, user: approver });
		if (!out.ok) throw new Error(out.message);
		versions.set(id, out.version);
		approvals++;
	}
	const perSecond = approvals / ((performance.now() - started) / 1000);

	clearInterval(typer);
	for (const p of providers) p.destroy();
	await sync.close();
	await docs.close();
	await new Promise<void>((resolve) => http.close(() => resolve()));
	t.cleanup();
	return { approveMs: approveMs.sort((a, b) => a - b), perSecond, keystrokes };
}

export const approvalBench: BenchSuite = {
	title: 'Approval',
	async run() {
		const quiet = await measure(false);
		const busy = await measure(true);
		const row = (what: string, f: Figures) => [
			what,
			percentile(f.approveMs, 50).toFixed(2),
			percentile(f.approveMs, 99).toFixed(2),
			f.perSecond.toFixed(0),
			f.keystrokes
		];
		return [
			`A record with ${HISTORY} versions is edited and approved ${SAMPLES} times; then 20 records are edited and approved in turn for ${SUSTAIN_MS / 1000} s (each approval: read the live state, validate, one transaction with the version, the record, the public index and the audit entry, then the live document's review state).`,
			'',
			table(
				['load', 'approve median ms', 'approve p99 ms', 'approvals/s sustained (edit + approve)', 'keystrokes typed meanwhile'],
				[row('baseline: nobody typing', quiet), row(`${CLIENTS} y-websocket clients typing in ${TYPED_RECORDS} records`, busy)]
			),
			'',
			`Median under load: ${(percentile(busy.approveMs, 50) / percentile(quiet.approveMs, 50)).toFixed(2)}x the baseline; p99 ${(percentile(busy.approveMs, 99) / percentile(quiet.approveMs, 99)).toFixed(2)}x.`
		].join('\n');
	}
};
