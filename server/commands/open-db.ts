import { readConfig, requireSqlite } from '../../src/lib/server/config';
import { migrateDatabase, openDatabase, type Db } from '../../src/lib/server/db/client';
import { migratePgDatabase, openPgDatabase } from '../../src/lib/server/db/pg-client';
import { pgSql, sqliteSql, type Sql } from '../../src/lib/server/db/sql';
import { announceDatabase } from '../database-name';
import { MIGRATIONS_DIR, PG_MIGRATIONS_DIR } from '../paths';

/** The database the app uses (DATABASE_PATH), migrated, for commands that run beside or instead of the server. */
export function openConfiguredDatabase(command: string): Db {
	const cfg = readConfig();
	announceDatabase(cfg.database);
	const databasePath = requireSqlite(cfg, command);
	const db = openDatabase(databasePath);
	migrateDatabase(db, MIGRATIONS_DIR);
	return db;
}

/**
 * The database the app uses on the dialect-neutral handle, migrated: PostgreSQL with
 * DATABASE_URL, else the SQLite file. For commands whose code is converted to `Sql`
 * (docs/database.md); close() when done.
 */
export async function openConfiguredSql(): Promise<{ sql: Sql; close(): Promise<void> }> {
	const cfg = readConfig();
	announceDatabase(cfg.database);
	if (cfg.database.kind === 'postgres') {
		await migratePgDatabase(cfg.database.url, PG_MIGRATIONS_DIR);
		const db = openPgDatabase(cfg.database.url);
		return { sql: pgSql(db), close: () => db.$client.end() };
	}
	const db = openDatabase(cfg.database.path);
	migrateDatabase(db, MIGRATIONS_DIR);
	return {
		sql: sqliteSql(db),
		close: async () => {
			db.$client.close();
		}
	};
}
