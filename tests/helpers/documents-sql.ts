/**
 * Documents and the live record store for suites that run on SQLite and PostgreSQL
 * (describeEachDialect): each dialect's store as the app builds it over that database.
 */
import { sql as rawSql } from 'drizzle-orm';
import type { Config } from '../../src/lib/server/config';
import type { PgDb } from '../../src/lib/server/db/pg-client';
import type { Sql } from '../../src/lib/server/db/sql';
import { InProcessAnnouncer } from '../../src/lib/server/docs/announcer';
import { createDocStore } from '../../src/lib/server/docs/create';
import { pgRecordStore } from '../../src/lib/server/docs/create-pg';
import type { RecordStore } from '../../src/lib/server/records/live';
import type { DialectDatabase } from './dialects';
import { clearRecordTables } from './records-sql';

const SYNC = { sync: { compactAfter: 500, idleUnloadMs: 60_000 } } as Pick<Config, 'sync'>;

/** The store over the suite's database: one process's, so its announcer is in process. */
export function recordStoreOf(database: DialectDatabase, sql: Sql = database.sql): RecordStore {
	if (database.dialect === 'sqlite') return createDocStore(database.sqlite!, SYNC);
	// pgSql's db is the pool's Drizzle instance (sql.ts), which the PostgreSQL store takes.
	return pgRecordStore(sql.db as unknown as PgDb, new InProcessAnnouncer(), { compactAfter: SYNC.sync.compactAfter });
}

/** No documents, records (their logs, spans and suggestions go with them), users or audit entries. */
export async function clearDocumentTables(sql: Sql): Promise<void> {
	const { fieldProvenance, fieldSuggestions, yjsUpdates } = sql.t;
	await sql.db.delete(fieldSuggestions);
	await sql.db.delete(fieldProvenance);
	await sql.db.delete(yjsUpdates);
	await clearRecordTables(sql);
}

/**
 * Makes every insert into `table` fail with `message` (as a full disk or a broken connection
 * would) until the returned function is called: a trigger, in each dialect's own SQL.
 */
export async function failInserts(database: DialectDatabase, table: string, message: string): Promise<() => Promise<void>> {
	const name = `samla_test_fail_${table}`;
	if (database.dialect === 'sqlite') {
		const client = database.sqlite!.$client;
		client.exec(`CREATE TRIGGER ${name} BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END`);
		return async () => void client.exec(`DROP TRIGGER ${name}`);
	}
	const pg = database.sql.db as unknown as PgDb;
	await pg.execute(
		rawSql.raw(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${message}'; END $$`)
	);
	await pg.execute(rawSql.raw(`CREATE TRIGGER ${name} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`));
	return async () => {
		await pg.execute(rawSql.raw(`DROP TRIGGER ${name} ON ${table}`));
		await pg.execute(rawSql.raw(`DROP FUNCTION ${name}()`));
	};
}
