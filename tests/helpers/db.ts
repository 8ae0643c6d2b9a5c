/** A real SQLite file in a temporary folder, migrated like production. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrateDatabase, openDatabase, type Db } from '../../src/lib/server/db/client';

export const MIGRATIONS = fileURLToPath(new URL('../../drizzle', import.meta.url));

export interface TempDatabase {
	db: Db;
	path: string;
	dir: string;
	cleanup(): void;
}

export function tempDatabase(): TempDatabase {
	const dir = mkdtempSync(join(tmpdir(), 'samla-db-'));
	const path = join(dir, 'samla.db');
	const db = openDatabase(path);
	migrateDatabase(db, MIGRATIONS);
	return {
		db,
		path,
		dir,
		cleanup() {
			db.$client.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
