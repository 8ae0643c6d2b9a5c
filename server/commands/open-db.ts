import { readConfig, requireSqlite } from '../../src/lib/server/config';
import { migrateDatabase, openDatabase, type Db } from '../../src/lib/server/db/client';
import { announceDatabase } from '../database-name';
import { MIGRATIONS_DIR } from '../paths';

/** The database the app uses (DATABASE_PATH), migrated, for commands that run beside or instead of the server. */
export function openConfiguredDatabase(command: string): Db {
	const cfg = readConfig();
	announceDatabase(cfg.database);
	const databasePath = requireSqlite(cfg, command);
	const db = openDatabase(databasePath);
	migrateDatabase(db, MIGRATIONS_DIR);
	return db;
}
