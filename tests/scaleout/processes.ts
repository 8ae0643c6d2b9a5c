/**
 * Real `samla start` processes on one PostgreSQL database and one Redis key prefix, as a
 * deployment runs them behind a load balancer (docs/deploy.md). Each test file gets a fresh
 * database and prefix (tests/helpers/cluster.ts); the build comes from global-setup.
 */
import { afterAll, onTestFinished } from 'vitest';
import * as Y from 'yjs';
import { emptyRecord, type ProjectRecord } from '../../src/lib/records/fields';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { openPgDatabase, type PgDb } from '../../src/lib/server/db/pg-client';
import { pgSql, type Sql } from '../../src/lib/server/db/sql';
import { storedDocSql } from '../helpers/stored-doc-sql';
import { useTestDatabase, useTestRedis, type TestRedis } from '../helpers/cluster';
import { createTestUser } from '../helpers/users';
import { startTestServer, type TestServer } from '../helpers/server';
import { connect, type Client, type Person } from '../sync/harness';

export interface Scaleout {
	readonly database: { readonly url: string };
	readonly redis: TestRedis;
	/** One more `samla start` on the file's database and prefix; `env` may point it elsewhere (a private Redis). */
	start(env?: Record<string, string>): Promise<TestServer>;
	/** Several at once, as a deployment's units start together. */
	startMany(n: number, env?: Record<string, string>): Promise<TestServer[]>;
	/** The test's own pool on the database (after a process has migrated it). */
	sql(): Sql;
	/** A person with the role, signed in: the Cookie header a browser would send. */
	person(role: 'editor' | 'approver' | 'admin'): Promise<Person & { sessionId: string }>;
	/** A draft record (the rows ingest would write); `draft` the whole record (a valid one, to approve). */
	newRecord(title: string, draft?: ProjectRecord): Promise<string>;
	/** What a process loading the record now would serve: every stored row, in order. */
	storedFold(recordId: string): Promise<Y.Doc>;
	/** A client of the record a seat, `[process, person]`, all synced once this resolves; destroyed when the test ends. */
	join(recordId: string, seats: readonly (readonly [TestServer, Person])[]): Promise<Client[]>;
	/** A new draft record and an editor with a synced client of it on each of `servers`, in order (a process named twice holds two). */
	coEdit(title: string, servers: readonly TestServer[]): Promise<{ id: string; editor: Person & { sessionId: string }; clients: Client[] }>;
}

/** ws://host:port/sync of a process */
export const syncUrl = (server: TestServer) => `${server.url.replace(/^http/, 'ws')}/sync`;

let records = 0;

/** `database`: a database of the test's own (a private PostgreSQL cluster) instead of a fresh one on the shared server. */
export function useScaleout({ database = useTestDatabase() }: { database?: { readonly url: string } } = {}): Scaleout {
	const redis = useTestRedis();
	const running: TestServer[] = [];
	let pool: PgDb | undefined;
	// Registered after the database's and Redis's own hooks, so it runs before them.
	afterAll(async () => {
		await Promise.all(running.map((s) => s.dispose()));
		await pool?.$client.end();
	});
	const db = () => (pool ??= openPgDatabase(database.url));
	const sql = () => pgSql(db());

	const start = async (env: Record<string, string> = {}) => {
		const server = await startTestServer({
			env: {
				DATABASE_URL: database.url,
				REDIS_URL: redis.url,
				REDIS_PREFIX: redis.prefix,
				// Only the fan-out of ended sessions closes a signed-out socket within a test's wait.
				SYNC_SESSION_RECHECK_SECONDS: '3600',
				...env
			}
		});
		running.push(server);
		return server;
	};

	const scaleout: Scaleout = {
		database,
		redis,
		start,
		startMany: (n, env) => Promise.all(Array.from({ length: n }, () => start(env))),
		sql,
		async person(role) {
			const user = await createTestUser(sql(), { role });
			const { token, session } = await createSession(sql(), user.id);
			return { user, cookie: `${SESSION_COOKIE}=${token}`, sessionId: session.id };
		},
		async newRecord(title, draft = emptyRecord(title)) {
			const { documents, records: recordsTable } = sql().t;
			const id = `r${++records}-${Date.now().toString(36)}`;
			await db()
				.insert(documents)
				.values({ id: `d-${id}`, contentHash: `h-${id}`, content: title, language: 'sv', title, ingestedAt: new Date() });
			await db()
				.insert(recordsTable)
				.values({ id, title, documentId: `d-${id}`, draft, matchKey: title.toLowerCase(), createdAt: new Date() });
			return id;
		},
		storedFold: (recordId) => storedDocSql(sql(), recordId),
		async join(recordId, seats) {
			const clients = seats.map(([server, who]) => connect(syncUrl(server), recordId, who));
			onTestFinished(() => {
				for (const c of clients) c.destroy();
			});
			await Promise.all(clients.map((c) => c.synced));
			return clients;
		},
		async coEdit(title, servers) {
			const id = await scaleout.newRecord(title);
			const editor = await scaleout.person('editor');
			const clients = await scaleout.join(
				id,
				servers.map((server) => [server, editor] as const)
			);
			return { id, editor, clients };
		}
	};
	return scaleout;
}

/** Polls an asynchronous condition (a database read) until it holds. */
export async function eventually(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
	const until = Date.now() + timeoutMs;
	for (;;) {
		if (await check()) return;
		if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}
