/**
 * Suites against the real server (`samla start`), once per database dialect: on SQLite
 * always, and on PostgreSQL + Redis when SAMLA_TEST_DATABASE_URL and SAMLA_TEST_REDIS_URL are
 * set (`npm run test:cluster`, CI), skipped and counted as skipped otherwise. Each suite gets a
 * server of its own on a fresh database (a temporary SQLite file, or a new PostgreSQL database
 * with a Redis key prefix of its own) and the test's own `Sql` handle on that database, for
 * fixtures and for reading what the server wrote.
 *
 * On PostgreSQL the server's public search index follows the database at most once a second
 * (public-search-pg.ts): a test that publishes through its own handle and then searches
 * through the server waits for it (`eventually`), as a second process would.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/client';
import { openPgDatabase } from '../../src/lib/server/db/pg-client';
import { pgSql, sqliteSql, type Dialect, type Sql } from '../../src/lib/server/db/sql';
import { clearRedisPrefix, clusterServices, createTestDatabase, newRedisPrefix } from './cluster';
import { startTestServer, type TestServer, type TestServerOptions } from './server';

export interface DialectServer {
	dialect: Dialect;
	server: TestServer;
	/** The test's own handle on the server's database. */
	sql: Sql;
	/** What `startTestServer` needs to start another server on the same database (a restart, a second process). */
	env: Record<string, string>;
}

interface Opened {
	app: DialectServer;
	close(): Promise<void>;
}

async function openSqlite(options: TestServerOptions): Promise<Opened> {
	const server = await startTestServer(options);
	const db = openDatabase(server.databasePath);
	return {
		app: { dialect: 'sqlite', server, sql: sqliteSql(db), env: { DATABASE_PATH: server.databasePath } },
		async close() {
			db.$client.close();
			await server.dispose();
		}
	};
}

async function openPg(options: TestServerOptions): Promise<Opened> {
	const services = clusterServices();
	if (!services) throw new Error('PostgreSQL suite run without SAMLA_TEST_DATABASE_URL/SAMLA_TEST_REDIS_URL');
	const database = await createTestDatabase();
	const prefix = newRedisPrefix();
	const env = { DATABASE_URL: database.url, REDIS_URL: services.redisUrl, REDIS_PREFIX: prefix };
	let server: TestServer | undefined;
	try {
		server = await startTestServer({ ...options, env: { ...options.env, ...env } });
	} catch (e) {
		await database.drop();
		throw e;
	}
	const pool = openPgDatabase(database.url);
	return {
		app: { dialect: 'pg', server, sql: pgSql(pool), env },
		async close() {
			await pool.$client.end();
			await server.dispose();
			await database.drop();
			await clearRedisPrefix(prefix);
		}
	};
}

/**
 * `describe(name, …)` once per dialect; `app()` inside a test is that dialect's running server
 * and database, started before the suite's first test and removed after its last. `options`
 * are `startTestServer`'s (environment, seeds, arguments), the same on both dialects.
 */
export function describeServerEachDialect(
	name: string,
	options: TestServerOptions,
	suite: (app: () => DialectServer, dialect: Dialect) => void
): void {
	const dialects: [Dialect, (options: TestServerOptions) => Promise<Opened>][] = [
		['sqlite', openSqlite],
		['pg', openPg]
	];
	for (const [dialect, open] of dialects) {
		describe.skipIf(dialect === 'pg' && clusterServices() === null)(`${name} [${dialect}]`, () => {
			let opened: Opened | undefined;
			beforeAll(async () => {
				opened = await open(options);
			}, 120_000);
			afterAll(async () => {
				await opened?.close();
			});
			suite(() => {
				if (!opened) throw new Error('the server is started in beforeAll');
				return opened.app;
			}, dialect);
		});
	}
}

export interface ServerDatabase {
	/** What to add to `startTestServer`'s env: nothing on SQLite, where the server's own folder holds the file. */
	env: Record<string, string>;
	/** The test's own handle on the database of `server`, a server started with `env`; closed by close(). */
	open(server: TestServer): Sql;
	close(): Promise<void>;
}

/**
 * A fresh, empty database of `dialect` for a server the test starts itself (a first start, a
 * restart on the same database, a second server beside the suite's): on PostgreSQL a new
 * database with a Redis key prefix of its own.
 */
export async function serverDatabase(dialect: Dialect): Promise<ServerDatabase> {
	const closers: (() => Promise<void>)[] = [];
	const close = async () => {
		for (const fn of closers.reverse()) await fn();
	};
	if (dialect === 'sqlite') {
		return {
			env: {},
			open(server) {
				const db = openDatabase(server.databasePath);
				closers.push(async () => void db.$client.close());
				return sqliteSql(db);
			},
			close
		};
	}
	const services = clusterServices();
	if (!services) throw new Error('PostgreSQL suite run without SAMLA_TEST_DATABASE_URL/SAMLA_TEST_REDIS_URL');
	const database = await createTestDatabase();
	const prefix = newRedisPrefix();
	closers.push(
		() => clearRedisPrefix(prefix),
		() => database.drop()
	);
	return {
		env: { DATABASE_URL: database.url, REDIS_URL: services.redisUrl, REDIS_PREFIX: prefix },
		open() {
			const pool = openPgDatabase(database.url);
			closers.push(() => pool.$client.end());
			return pgSql(pool);
		},
		close
	};
}
