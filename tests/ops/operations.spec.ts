/** Health, readiness, request logs and metrics, against the real built server. */
import { desc, eq } from 'drizzle-orm';
import { bigint, integer as pgInteger, pgSchema, text as pgText } from 'drizzle-orm/pg-core';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldsMap } from '../../src/lib/records/ydoc';
import { createApiToken } from '../../src/lib/server/auth/api-tokens';
import { SESSION_COOKIE } from '../../src/lib/server/auth/session';
import type { Sql } from '../../src/lib/server/db/sql';
import { Client, PLAIN_HTTP_ENV } from '../auth/http-client';
import { describeServerEachDialect } from '../helpers/dialect-server';
import { draftRecord } from '../helpers/records-sql';
import { startTestServer, type TestServer } from '../helpers/server';
import { createTestUser, signedInAs, TEST_PASSWORD } from '../helpers/users';
import { connect, type Person } from '../sync/harness';

/** drizzle's own record of the migrations it applied: in the database itself on SQLite, in the schema `drizzle` on PostgreSQL. */
const appliedMigrations = {
	sqlite: sqliteTable('__drizzle_migrations', { id: integer('id'), hash: text('hash'), createdAt: integer('created_at') }),
	pg: pgSchema('drizzle').table('__drizzle_migrations', {
		id: pgInteger('id'),
		hash: pgText('hash'),
		createdAt: bigint('created_at', { mode: 'number' })
	})
};
// The SQLite table is cast to the PostgreSQL type the handle is written against, as sql.ts does.
const migrationsOf = (sql: Sql) => appliedMigrations[sql.dialect] as typeof appliedMigrations.pg;

/** The value of one sample line of the Prometheus text format, or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
	const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
	for (const line of text.split('\n')) {
		const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{([^}]*)\})? (\S+)$/.exec(line);
		if (!m || m[1] !== name) continue;
		const have = m[2] ? m[2].split(',') : [];
		if (wanted.every((w) => have.includes(w))) return Number(m[3]);
	}
	return undefined;
}

const logLines = (server: TestServer) =>
	server
		.output()
		.split('\n')
		.filter((l) => l.startsWith('{'))
		.map((l) => JSON.parse(l) as Record<string, unknown>);

async function until<T>(what: () => T | undefined | Promise<T | undefined>, label: string): Promise<T> {
	for (let i = 0; i < 100; i++) {
		const v = await what();
		if (v !== undefined) return v;
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`timed out waiting for ${label}`);
}

/** A signed-in person for the sync endpoint, with the Cookie header a browser would send. */
async function person(sql: Sql, role: 'editor'): Promise<Person> {
	const { user, cookie } = await signedInAs(sql, role);
	return { user, cookie: `${cookie.name}=${cookie.value}` };
}

describeServerEachDialect('without METRICS_TOKEN', { env: PLAIN_HTTP_ENV }, (app, dialect) => {
	it('answers /healthz and /readyz, and /readyz turns 503 when a migration is missing', async () => {
		const { server } = app();
		const health = await fetch(`${server.url}/healthz`);
		expect(health.status).toBe(200);
		expect(await health.json()).toEqual({ status: 'ok' });
		const ready = await fetch(`${server.url}/readyz`);
		expect(ready.status).toBe(200);
		expect(await ready.json()).toEqual({ status: 'ready' });

		const { db } = app().sql;
		const migrations = migrationsOf(app().sql);
		const [newest] = await db.select().from(migrations).orderBy(desc(migrations.createdAt)).limit(1);
		await db.delete(migrations).where(eq(migrations.createdAt, newest.createdAt!));
		try {
			const behind = await fetch(`${server.url}/readyz`);
			expect(behind.status).toBe(503);
			expect(await behind.json()).toEqual({ status: 'not ready', reason: 'database migrations not applied' });
		} finally {
			await db.insert(migrations).values(newest);
		}
		expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
	});

	it('logs one JSON line per request with its id, method, path, status, duration and user, and never a secret', async () => {
		const { server, sql } = app();
		const user = await createTestUser(sql, { role: 'viewer' });
		const c = new Client(server.url);
		expect((await c.signIn(user.email, 'not the password at all')).status).toBe(400);
		expect((await c.signIn(user.email, TEST_PASSWORD)).status).toBe(303);
		const token = c.cookies.get(SESSION_COOKIE)!.value;
		// An API token on top of the cookie: the request acts as the token's person, and the token is never logged.
		const apiToken = (await createApiToken(sql, user.id, 'log test', { actorId: user.id })).token;
		const page = await c.get('/workspace?q=secret-search', { authorization: `Bearer ${apiToken}` });
		expect(page.status).toBe(200);
		const id = page.headers.get('x-request-id')!;
		expect(id).toMatch(/^[0-9a-f-]{36}$/);

		const line = await until(() => logLines(server).find((l) => l.reqId === id), 'the log line');
		expect(line).toMatchObject({ level: 30, msg: 'request', method: 'GET', path: '/workspace', status: 200, userId: user.id });
		expect(line.durationMs).toBeTypeOf('number');
		const signIn = logLines(server).find((l) => l.path === '/login' && l.method === 'POST' && l.status === 303);
		expect(signIn).toMatchObject({ userId: null });
		const all = server.output();
		for (const secret of [TEST_PASSWORD, 'not the password at all', token, apiToken, 'secret-search']) {
			expect(all).not.toContain(secret);
		}

		// A proxy's request id is kept, a malformed one replaced.
		expect((await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'proxy-1234-abcd' } })).headers.get('x-request-id')).toBe(
			'proxy-1234-abcd'
		);
		expect((await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'bad id\u00e9' } })).headers.get('x-request-id')).not.toBe(
			'bad id\u00e9'
		);
	});

	it('serves Prometheus metrics to a direct local request: requests, sync, commits, sign-ins, WAL', async () => {
		const { server, sql } = app();
		const before = await (await fetch(`${server.url}/metrics`)).text();
		const failedBefore = sample(before, 'samla_sign_ins_failed_total') ?? 0;
		const committedBefore = sample(before, 'samla_sync_updates_committed_total') ?? 0;

		await new Client(server.url).signIn('nobody@example.org', 'wrong password here');
		const editor = await person(sql, 'editor');
		const recordId = await draftRecord(sql);
		const client = connect(`${server.url.replace('http', 'ws')}/sync`, recordId, editor);
		try {
			await client.synced;
			(fieldsMap(client.doc).get('title') as Y.Text).insert(0, 'Metered ');
			const text = await until(async () => {
				const scraped = await (await fetch(`${server.url}/metrics`)).text();
				return (sample(scraped, 'samla_sync_updates_committed_total') ?? 0) > committedBefore ? scraped : undefined;
			}, 'a committed update');
			expect(sample(text, 'samla_sync_connections')).toBe(1);
			expect(sample(text, 'samla_documents_loaded')).toBeGreaterThanOrEqual(1);
			expect(sample(text, 'samla_sign_ins_failed_total')).toBe(failedBefore + 1);
			expect(sample(text, 'samla_sync_update_commit_seconds_count')).toBeGreaterThan(0);
			// PostgreSQL has no SQLite write-ahead log: the gauge is not exported there at all.
			if (dialect === 'sqlite') expect(sample(text, 'samla_sqlite_wal_bytes')).toBeGreaterThan(0);
			else expect(text).not.toContain('samla_sqlite_wal_bytes');
			expect(sample(text, 'samla_http_requests_total', { method: 'GET', route: '/healthz', status: '200' })).toBeGreaterThanOrEqual(1);
			expect(sample(text, 'samla_http_request_duration_seconds_count', { route: '/readyz', status: '503' })).toBe(1);
			expect(sample(text, 'samla_approvals_total')).toBe(0);
		} finally {
			client.destroy();
		}
	});

	it('refuses /metrics to a request forwarded by a proxy', async () => {
		const res = await fetch(`${app().server.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
		expect(res.status).toBe(403);
		expect(await res.text()).not.toContain('samla_');
	});
});

describe('with METRICS_TOKEN and LOG_LEVEL=warn', () => {
	const TOKEN = 'a-long-enough-metrics-token';
	let server: TestServer;
	beforeAll(async () => {
		server = await startTestServer({ env: { METRICS_TOKEN: TOKEN, LOG_LEVEL: 'warn' } });
	});
	afterAll(() => server?.dispose());

	it('serves /metrics only to the bearer of the token, local or not', async () => {
		expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
		expect((await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
		const ok = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}`, 'x-forwarded-for': '203.0.113.9' } });
		expect(ok.status).toBe(200);
		expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
		expect(sample(await ok.text(), 'samla_http_requests_total', { route: '/metrics', status: '401' })).toBe(2);
	});

	it('writes no request lines below the configured level', async () => {
		const res = await fetch(`${server.url}/healthz`);
		expect(res.status).toBe(200);
		expect(logLines(server).some((l) => l.msg === 'request')).toBe(false);
	});
});

describe('behind a proxy that names the client in ADDRESS_HEADER alone (no X-Forwarded-For)', () => {
	let server: TestServer;
	beforeAll(async () => {
		server = await startTestServer({ env: { ...PLAIN_HTTP_ENV, ADDRESS_HEADER: 'X-Real-IP' } });
	});
	afterAll(() => server?.dispose());

	it('refuses /metrics to a request carrying that header, and serves a direct scrape', async () => {
		// Such a proxy connects from loopback too: only the header tells its requests from a local scrape.
		const proxied = await fetch(`${server.url}/metrics`, { headers: { 'x-real-ip': '203.0.113.9' } });
		expect(proxied.status).toBe(403);
		expect(await proxied.text()).not.toContain('samla_');
		const direct = await fetch(`${server.url}/metrics`);
		expect(direct.status).toBe(200);
		expect(await direct.text()).toContain('samla_http_requests_total');
	});
});

describe('start-up configuration', () => {
	it('refuses a LOG_LEVEL pino does not know, naming the variable', async () => {
		await expect(startTestServer({ env: { LOG_LEVEL: 'chatty' } })).rejects.toThrow(/LOG_LEVEL must be one of/);
	});
});
