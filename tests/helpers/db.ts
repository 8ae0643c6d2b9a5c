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
	return openTemp(() => MIGRATIONS);
}

export interface DatabaseBefore extends TempDatabase {
	/** Runs the migration and every one after it, as the app's next start would. */
	migrate(): void;
}

/**
 * A real SQLite file as a database was just before the migration `tag`, to test that
 * migration on a database holding rows the old schema took.
 */
export function tempDatabaseBefore(tag: string): DatabaseBefore {
	const temp = openTemp((dir) => migrationsBefore(dir, tag));
	return { ...temp, migrate: () => migrateDatabase(temp.db, MIGRATIONS) };
}

/** In plain SQL, which every schema since the first migration takes: a document "d" and these records of it. */
export function insertRecords(db: Db, status: string, ids: string[]): void {
	const c = db.$client;
	c.exec(`INSERT INTO documents (id, content_hash, content, language, title, ingested_at) VALUES ('d', 'h', '', 'sv', 'Doc', 0)`);
	const insert = c.prepare(
		`INSERT INTO records (id, title, status, document_id, draft, match_key, created_at, updated_at) VALUES (?, ?, ?, 'd', '{}', ?, 0, 0)`
	);
	for (const id of ids) insert.run(id, id, status, id);
}

/** A database in a new temporary folder, migrated with the folder `migrations` gives for it. */
function openTemp(migrations: (dir: string) => string): TempDatabase {
	const dir = mkdtempSync(join(tmpdir(), 'samla-db-'));
	const path = join(dir, 'samla.db');
	const db = openDatabase(path);
	migrateDatabase(db, migrations(dir));
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
 * makes a database as it was before that migration.
 */
function migrationsBefore(dir: string, tag: string): string {
	const folder = join(dir, 'drizzle');
	cpSync(MIGRATIONS, folder, { recursive: true });
	const journalPath = join(folder, 'meta/_journal.json');
	const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
	const at = journal.entries.findIndex((e) => e.tag === tag);
	if (at < 1) throw new Error(`no migration ${tag} after the first in ${MIGRATIONS}`);
	writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
	return folder;
}
