import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * Opens the SQLite file (creating its folder). WAL lets readers (the public pages)
 * run beside the one writer; synchronous=NORMAL in WAL mode keeps every committed
 * transaction across a process crash and loses at most the last ones on power loss;
 * busy_timeout makes a second connection (CLI, backup) wait instead of failing. Write
 * transactions that read first begin IMMEDIATE: a deferred one that read before another
 * process wrote cannot upgrade to a writer and fails with "database is locked" at once,
 * whatever the busy timeout.
 */
export function openDatabase(path: string): Db {
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const sqlite = new Database(path);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = NORMAL');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('foreign_keys = ON');
	return drizzle(sqlite, { schema }) as Db;
}

export function migrateDatabase(db: Db, migrationsFolder: string): void {
	migrate(db, { migrationsFolder });
}
