/** A real SQLite file in a temporary folder, migrated like production. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * A copy of the app's migrations in `dir`, its journal cut before `tag`: migrating with it
 * makes a database as it was before that migration, to test the migration on.
 */
export function migrationsBefore(dir: string, tag: string): string {
	const folder = join(dir, 'drizzle');
	cpSync(MIGRATIONS, folder, { recursive: true });
	const journalPath = join(folder, 'meta/_journal.json');
	const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
	const at = journal.entries.findIndex((e) => e.tag === tag);
	if (at < 1) throw new Error(`no migration ${tag} after the first in ${MIGRATIONS}`);
	writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
	return folder;
}
