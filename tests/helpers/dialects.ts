/**
 * Suites that run once per database dialect: on SQLite always, and on PostgreSQL when
 * SAMLA_TEST_DATABASE_URL and SAMLA_TEST_REDIS_URL are set (`npm run test:cluster`, CI), skipped
 * and counted as skipped otherwise (tests/cluster-setup.ts says so once per run). Each suite
 * gets a fresh migrated database of its own: a temporary SQLite file, or a new PostgreSQL database.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/client';
import { migratePgDatabase, openPgDatabase, type PgDb } from '../../src/lib/server/db/pg-client';
import { pgSql, sqliteSql, type Dialect, type Sql } from '../../src/lib/server/db/sql';
import { clearRedisPrefix, clusterServices, createTestDatabase, newRedisPrefix, type TestDatabase } from './cluster';
import { tempDatabase, type TempDatabase } from './db';

const PG_MIGRATIONS = join(import.meta.dirname, '../../drizzle/pg');

export interface DialectDatabase {
	dialect: Dialect;
	sql: Sql;
	/** The synchronous SQLite handle over the same connection (SQLite only), for code not converted yet. */
	sqlite?: Db;
	/**
	 * Another handle on the same database, as a second process has: on PostgreSQL a second pool;
	 * on SQLite the same connection (a process has one; SQLite serialises writers anyway, and a
	 * second connection in one process would wait synchronously on the first's open transaction).
	 */
	openAnother(): Promise<Sql>;
	/**
	 * What a child process (a `samla` command, a server, a worker) needs to open this same
	 * database: DATABASE_PATH, or DATABASE_URL with REDIS_URL and a Redis key prefix of the suite's own.
	 */
	env: Record<string, string>;
}

async function openSqlite(): Promise<{ database: DialectDatabase; close(): Promise<void> }> {
	const temp: TempDatabase = tempDatabase();
	return {
		database: {
			dialect: 'sqlite',
			sql: sqliteSql(temp.db),
			sqlite: temp.db,
			openAnother: async () => sqliteSql(temp.db),
			env: { DATABASE_PATH: temp.path }
		},
		close: async () => temp.cleanup()
	};
}

async function openPg(): Promise<{ database: DialectDatabase; close(): Promise<void> }> {
	const test: TestDatabase = await createTestDatabase();
	await migratePgDatabase(test.url, PG_MIGRATIONS);
	const prefix = newRedisPrefix();
	const env = { DATABASE_URL: test.url, REDIS_URL: clusterServices()!.redisUrl, REDIS_PREFIX: prefix };
	const pools: PgDb[] = [openPgDatabase(test.url)];
	const another = async () => {
		const db = openPgDatabase(test.url);
		pools.push(db);
		return pgSql(db);
	};
	return {
		database: { dialect: 'pg', sql: pgSql(pools[0]), openAnother: another, env },
		async close() {
			await Promise.all(pools.map((db) => db.$client.end()));
			await test.drop();
			await clearRedisPrefix(prefix);
		}
	};
}

/**
 * `describe(name, …)` once per dialect; `database()` inside a test is that dialect's
 * database, made before the suite's first test and removed after its last.
 */
export function describeEachDialect(name: string, suite: (database: () => DialectDatabase, dialect: Dialect) => void): void {
	const dialects: [Dialect, () => Promise<{ database: DialectDatabase; close(): Promise<void> }>][] = [
		['sqlite', openSqlite],
		['pg', openPg]
	];
	for (const [dialect, open] of dialects) {
		describe.skipIf(dialect === 'pg' && clusterServices() === null)(`${name} [${dialect}]`, () => {
			let opened: Awaited<ReturnType<typeof open>> | undefined;
			beforeAll(async () => {
				opened = await open();
			});
			afterAll(async () => {
				await opened?.close();
			});
			suite(() => {
				if (!opened) throw new Error('the database is made in beforeAll');
				return opened.database;
			}, dialect);
		});
	}
}

/**
 * `describe(name, …)` once per dialect with no database made for it: for suites that make
 * their own (servers started on empty databases, serverDatabase in dialect-server.ts).
 */
export function describeDialects(name: string, suite: (dialect: Dialect) => void): void {
	for (const dialect of ['sqlite', 'pg'] as const) {
		describe.skipIf(dialect === 'pg' && clusterServices() === null)(`${name} [${dialect}]`, () => suite(dialect));
	}
}

/**
 * `it` in the suite of one dialect only (processes racing, which SQLite's one writer cannot
 * have): registered there and nowhere else, so CI counts no skipped test.
 */
export function itOn(dialect: Dialect, only: Dialect): typeof it {
	return dialect === only ? it : ((() => {}) as unknown as typeof it);
}
