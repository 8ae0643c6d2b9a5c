/**
 * The SQLite database the public search runs on, for suites on either dialect: on SQLite the
 * file itself (it is its own index); on PostgreSQL the per-process index `samla start` loads
 * (search-index.ts), brought up to the database's generation from the change log before each
 * read, where the server polls for it at most once a second.
 */
import { afterAll, beforeEach } from 'vitest';
import type { Db } from '../../src/lib/server/db/client';
import type { Sql } from '../../src/lib/server/db/sql';
import { SearchIndex } from '../../src/lib/server/public/search-index';
import { MIGRATIONS } from '../helpers/db';
import type { DialectDatabase } from '../helpers/dialects';

export interface SearchDatabase {
	/** The database to search, holding every publication so far. */
	db(): Promise<Db>;
	/** Drops the index (PostgreSQL): the next `db()` loads a new one, as a process starting does. */
	close(): void;
}

/** `migrations` the SQLite migrations the index is made with: the app's, or those plus one a test adds. */
export function searchDatabase(database: () => DialectDatabase, migrations = MIGRATIONS): SearchDatabase {
	let index: SearchIndex | undefined;
	return {
		async db() {
			const { sql, sqlite } = database();
			if (sqlite) return sqlite;
			if (index) await index.refresh(sql);
			else index = await SearchIndex.load(sql, migrations);
			return index.db;
		},
		close() {
			index?.db.$client.close();
			index = undefined;
		}
	};
}

/**
 * The search of a suite in describeEachDialect, each test starting from nothing published
 * (the suite shares one database per dialect) and, on PostgreSQL, from an index loaded afresh.
 */
export function searchEachTest(database: () => DialectDatabase): SearchDatabase {
	const index = searchDatabase(database);
	beforeEach(async () => {
		await clearPublished(database().sql);
		index.close();
	});
	afterAll(() => index.close());
	return index;
}

/** No record, so nothing published (the public rows go with their record). */
async function clearPublished(sql: Sql): Promise<void> {
	const { documents, fieldProvenance, records, recordVersions } = sql.t;
	await sql.db.delete(fieldProvenance);
	await sql.db.delete(recordVersions);
	await sql.db.delete(records);
	await sql.db.delete(documents);
}
