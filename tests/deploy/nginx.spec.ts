/**
 * deploy/nginx/samla.conf in front of two real `samla start` processes, through real nginx
 * over TLS. Each process has its own SQLite file, both copied from one prepared database
 * (the same person, session and records, each record's document already stored), as
 * PostgreSQL mode will give them one: what is under test is the proxy, not shared data. Which process answered is read from the
 * processes themselves: a page by nginx's request id in that process's log, a sync socket
 * by the process's own `samla_sync_connections` gauge.
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { fieldText } from '../../src/lib/records/ydoc';
import { recordStore } from '../../src/lib/server/docs/create';
import { tempDatabase, type TempDatabase } from '../helpers/db';
import { createDraft, validRecord } from '../helpers/records';
import { startTestServer, type TestServer } from '../helpers/server';
import { TEST_PASSWORD } from '../helpers/users';
import { person, raw, sleep, socketWith, until, type Person } from '../sync/harness';
import { freePort, send, startNginx, type Nginx } from './nginx';
import { envFile } from './systemd-files';

const PAGES = ['/', '/login', '/stats', '/organisations', '/healthz', '/readyz', '/api/openapi.json', '/api/projects'];
const RECORDS = 16;
/** A bound for the tests that open some thirty sockets one after another on a loaded CI machine; not a speed claim. */
const MANY_SOCKETS_MS = 120_000;

let template: TempDatabase;
let editor: Person;
const records: { id: string; title: string }[] = [];
const dirs: string[] = [];
let servers: TestServer[] = [];
let nginx: Nginx;
/** Which process (index into servers) answered each page path and each record's socket. */
const pageHolder = new Map<string, number>();
const recordHolder = new Map<string, number>();
/** Processes stopped by a test: their gauges read as 0. */
const stopped = new Set<TestServer>();

beforeAll(async () => {
	template = tempDatabase();
	editor = await person(template.db, 'editor');
	for (let i = 0; i < RECORDS; i++) {
		const record = validRecord();
		records.push({ id: createDraft(template.db, record), title: record.title });
	}
	// Each record's first state stored once, here: both copies then serve the same shared
	// types, as two processes on one PostgreSQL log do, so a client may move between them.
	const store = recordStore(template.db);
	for (const { id } of records) expect(await store.snapshot(id)).not.toBeNull();
	await store.close();
	template.db.$client.pragma('wal_checkpoint(TRUNCATE)');

	// nginx's port first: it is the public origin both processes are told.
	const httpsPort = await freePort();
	const httpPort = await freePort();
	const origin = `https://127.0.0.1:${httpsPort}`;
	for (let i = 0; i < 2; i++) {
		const dir = mkdtempSync(join(tmpdir(), 'samla-deploy-'));
		copyFileSync(template.path, join(dir, 'samla.db'));
		dirs.push(dir);
	}
	// The proxy settings of the shipped environment file, with this nginx's address as ORIGIN.
	const { ADDRESS_HEADER, XFF_DEPTH } = envFile('samla.env.example');
	const env = { ORIGIN: origin, ADDRESS_HEADER, XFF_DEPTH };
	servers = await Promise.all(dirs.map((dir) => startTestServer({ dir, env })));
	nginx = await startNginx(
		servers.map((s) => s.port),
		{ httpsPort, httpPort }
	);
});

afterAll(async () => {
	await nginx?.stop();
	await Promise.all(servers.map((s) => s.dispose()));
	for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
	template?.cleanup();
});

/** The processes that logged this request id (one, when all is well). */
function loggedBy(requestId: string): number[] {
	return servers.flatMap((s, i) => (s.output().includes(`"reqId":"${requestId}"`) ? [i] : []));
}

async function syncConnections(server: TestServer): Promise<number> {
	const text = await (await fetch(`${server.url}/metrics`)).text();
	const line = text.split('\n').find((l) => l.startsWith('samla_sync_connections '));
	return Number(line?.split(' ')[1] ?? NaN);
}

async function openSockets(): Promise<number[]> {
	return Promise.all(servers.map((s) => (stopped.has(s) ? 0 : syncConnections(s))));
}

function openProvider(recordId: string): { doc: Y.Doc; provider: WebsocketProvider; closes: number[] } {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`wss://127.0.0.1:${nginx.httpsPort}/sync`, recordId, doc, {
		WebSocketPolyfill: socketWith({ cookie: editor.cookie, origin: nginx.origin }, { ca: nginx.ca }) as unknown as typeof WebSocket,
		disableBc: true,
		maxBackoffTime: 200
	});
	const closes: number[] = [];
	provider.on('connection-close', (event) => {
		if (event) closes.push(event.code);
	});
	return { doc, provider, closes };
}

/** The one process that holds a sync socket now, by the processes' own gauges. */
async function socketHolder(): Promise<number> {
	let open = await openSockets();
	for (let i = 0; i < 600 && !open.some((n) => n > 0); i++) {
		await sleep(25);
		open = await openSockets();
	}
	expect(open.filter((n) => n > 0)).toEqual([1]);
	return open.indexOf(1);
}

async function noSocketsLeft(): Promise<void> {
	for (let i = 0; i < 600 && (await openSockets()).some((n) => n > 0); i++) await sleep(25);
}

/** Opens the stock provider on a record through nginx, waits for its first sync, and says which process holds the socket. */
async function syncThroughNginx(record: { id: string; title: string }): Promise<{ holder: number; title: string }> {
	const { doc, provider } = openProvider(record.id);
	try {
		await until(() => provider.synced, 15_000, `the first sync of ${record.id} through nginx`);
		return { holder: await socketHolder(), title: fieldText(doc, 'title')?.toString() ?? '' };
	} finally {
		provider.destroy();
		doc.destroy();
		await noSocketsLeft();
	}
}

function signIn(password: string, headers: Record<string, string> = {}, localAddress?: string) {
	return send(`${nginx.origin}/login`, nginx.ca, {
		method: 'POST',
		localAddress,
		headers: { origin: nginx.origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', ...headers },
		body: new URLSearchParams({ email: editor.user.email, password, redirectTo: '' }).toString()
	});
}

/**
 * The first bytes of a Server-Sent Events stream through nginx, then the stream is dropped.
 * A stream nginx buffers shows nothing, not even its headers, for minutes: these open lines are a few dozen bytes
 * and the next write is a heartbeat 25 s later.
 */
function firstEvents(path: string): Promise<{ status: number; type: string; text: string }> {
	return new Promise((resolve, reject) => {
		const req = httpsRequest(
			`${nginx.origin}${path}`,
			{ ca: nginx.ca, agent: false, headers: { cookie: editor.cookie, accept: 'text/event-stream' } },
			(res) =>
				res.once('data', (chunk: Buffer) => {
					clearTimeout(timer);
					req.destroy();
					resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), text: chunk.toString() });
				})
		);
		const timer = setTimeout(() => {
			req.destroy();
			reject(new Error(`${path}: nothing came through nginx in 10 s (buffered?)`));
		}, 10_000);
		req.on('error', reject);
		req.end();
	});
}

function throttleKeys(): string[] {
	return dirs.flatMap((dir) => {
		const db = new Database(join(dir, 'samla.db'), { readonly: true, fileMustExist: true });
		try {
			return db.prepare('SELECT key FROM sign_in_throttle').pluck().all() as string[];
		} finally {
			db.close();
		}
	});
}

describe('nginx in front of two samla processes (deploy/nginx/samla.conf)', () => {
	it('serves pages over TLS, each path from one process, which logs the request under nginx’s request id', async () => {
		for (const round of [1, 2]) {
			for (const path of PAGES) {
				const answer = await send(`${nginx.origin}${path}`, nginx.ca, { headers: { accept: 'text/html' } });
				expect(answer.status, `${path}: ${answer.body.slice(0, 200)}`).toBe(200);
				const id = String(answer.headers['x-request-id']);
				expect(id).toMatch(/^[0-9a-f]{32}$/);
				await until(() => loggedBy(id).length > 0, 15_000, `the log line of ${path}`);
				const [holder, ...more] = loggedBy(id);
				expect(more).toEqual([]);
				if (round === 1) pageHolder.set(path, holder);
				else expect(holder, path).toBe(pageHolder.get(path));
			}
		}

		const plain = await fetch(`http://127.0.0.1:${nginx.httpPort}/projects?q=x`, { redirect: 'manual' });
		expect(plain.status).toBe(301);
		expect(plain.headers.get('location')).toBe('https://127.0.0.1/projects?q=x');
		// Each process answers /metrics for itself, on its own port (a scrape made there carries
		// no X-Forwarded-For, which ADDRESS_HEADER would otherwise insist on); the proxy does not pass it.
		expect((await send(`${nginx.origin}/metrics`, nginx.ca)).status).toBe(404);
		for (const s of servers) expect((await fetch(`${s.url}/metrics`)).status).toBe(200);
		const forwarded = await fetch(`${servers[0].url}/metrics`, { headers: { 'x-forwarded-for': '198.51.100.1' } });
		expect(forwarded.status).toBe(403);
	});

	it(
		'completes the y-websocket handshake on /sync/<record> with a signed-in cookie, always on the same process for one record',
		async () => {
			for (const record of records) {
				const first = await syncThroughNginx(record);
				expect(first.title).toBe(record.title);
				const again = await syncThroughNginx(record);
				expect(again.holder, record.id).toBe(first.holder);
				recordHolder.set(record.id, first.holder);
			}
			// 16 records both on one of two processes would be a 1 in 30,000 chance for a good hash.
			expect(new Set(recordHolder.values())).toEqual(new Set([0, 1]));

			// Refusals pass through unchanged: no cookie, or another site's page.
			const url = `wss://127.0.0.1:${nginx.httpsPort}/sync/${records[0].id}`;
			expect(await raw(url, { origin: nginx.origin }, undefined, { ca: nginx.ca })).toEqual({ status: 401 });
			expect(await raw(url, { origin: 'https://evil.example', cookie: editor.cookie }, undefined, { ca: nginx.ca })).toEqual({
				status: 403
			});
		},
		MANY_SOCKETS_MS
	);

	it('passes the live feed and the notification count (SSE) through as they are written, not buffered', async () => {
		const live = await firstEvents('/workspace/live');
		expect(live).toMatchObject({ status: 200, type: 'text/event-stream; charset=utf-8' });
		expect(live.text).toContain(': open');
		const bell = await firstEvents('/workspace/notifications/stream');
		expect(bell).toMatchObject({ status: 200, type: 'text/event-stream; charset=utf-8' });
		expect(bell.text).toContain(': open');
	});

	it('gives the sign-in throttle the address nginx saw, not one the client wrote, and signs in with a Secure cookie', async () => {
		const refused = await signIn('not the password', { 'x-forwarded-for': '203.0.113.9' }, '127.0.0.2');
		expect(refused.status).toBe(400);
		const keys = throttleKeys();
		expect(keys).toContain('address:127.0.0.2');
		expect(keys.filter((k) => k.includes('203.0.113.9'))).toEqual([]);

		const signedIn = await signIn(TEST_PASSWORD);
		expect(signedIn.status).toBe(303);
		const cookie = ([] as string[]).concat(signedIn.headers['set-cookie'] ?? []).find((c) => c.startsWith('samla_session='));
		// https reached the process as https (ORIGIN): the session cookie is never sent over plain http.
		expect(cookie).toMatch(/; Secure/i);
	});

	it('takes an upload past nginx’s default 1 MB body limit (client_max_body_size follows Samla’s own)', async () => {
		const line = 'Projektet stärker kompetensen hos anställda i små företag i Skåne och Blekinge.\n';
		const content = `Uppladdning genom nginx ${Date.now()}\n\n${line.repeat(Math.ceil((1.5 * 1024 * 1024) / line.length))}`;
		const form = new FormData();
		form.append('file', new Blob([content]), 'large.txt');
		const request = new Request('https://upload.invalid/', { method: 'POST', body: form });
		const body = Buffer.from(await request.arrayBuffer());
		expect(body.length).toBeGreaterThan(1024 * 1024);
		const answer = await send(`${nginx.origin}/api/documents`, nginx.ca, {
			method: 'POST',
			headers: { cookie: editor.cookie, origin: nginx.origin, 'content-type': request.headers.get('content-type')! },
			body
		});
		expect(answer.status, answer.body.slice(0, 300)).toBe(200);
		expect((JSON.parse(answer.body) as { documents: { status: string }[] }).documents[0].status).toBe('created');
	});

	it(
		'moves a stopping process’s sockets to the other, and keeps serving pages, sign-in and every record’s sync',
		async () => {
			const victim = 1;
			const moved = records.filter((r) => recordHolder.get(r.id) === victim);
			expect(moved.length).toBeGreaterThan(0);
			const open = openProvider(moved[0].id);
			try {
				await until(() => open.provider.synced, 15_000, 'the first sync');
				expect(await socketHolder()).toBe(victim);

				// As `systemctl stop samla@<port>` does: SIGTERM, which ends sync sockets with 1001.
				await servers[victim].stop();
				stopped.add(servers[victim]);
				await until(() => open.closes.includes(1001), 15_000, 'the socket closed with 1001 (going away)');
				await until(() => open.provider.synced && open.provider.wsconnected, 15_000, 'the reconnected sync');
				expect(await socketHolder()).toBe(0);
				expect(fieldText(open.doc, 'title')?.toString()).toBe(moved[0].title);
			} finally {
				open.provider.destroy();
				open.doc.destroy();
				await noSocketsLeft();
			}

			for (const path of PAGES) {
				const answer = await send(`${nginx.origin}${path}`, nginx.ca, { headers: { accept: 'text/html' } });
				expect(answer.status, path).toBe(200);
				const id = String(answer.headers['x-request-id']);
				await until(() => loggedBy(id).length > 0, 15_000, `the log line of ${path}`);
				expect(loggedBy(id)).toEqual([0]);
			}
			expect((await signIn('still not the password')).status).toBe(400);
			for (const record of moved) expect(await syncThroughNginx(record)).toEqual({ holder: 0, title: record.title });
		},
		MANY_SOCKETS_MS
	);
});
