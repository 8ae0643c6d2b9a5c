/**
 * Readiness: the database answers and holds every migration this build was made with
 * (drizzle's journals are bundled into the build, so a database behind the code is "not ready").
 */
import { max } from 'drizzle-orm';
import { bigint, pgSchema } from 'drizzle-orm/pg-core';
import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';
import pgJournal from '../../../../drizzle/pg/meta/_journal.json';
import sqliteJournal from '../../../../drizzle/meta/_journal.json';
import type { Sql } from '../db/sql';

export type Readiness = { ready: true } | { ready: false; reason: string };

const newest = (journal: { entries: { when: number }[] }) => Math.max(...journal.entries.map((e) => e.when));

/** drizzle's own record of what it applied: in the database itself on SQLite, in the schema `drizzle` on PostgreSQL. */
const migrations = {
	sqlite: { table: sqliteTable('__drizzle_migrations', { createdAt: integer('created_at') }), newest: newest(sqliteJournal) },
	pg: {
		table: pgSchema('drizzle').table('__drizzle_migrations', { createdAt: bigint('created_at', { mode: 'number' }) }),
		newest: newest(pgJournal)
	}
};

export async function readiness(sql: Sql): Promise<Readiness> {
	const { table, newest } = migrations[sql.dialect];
	try {
		// The SQLite table is cast to the PostgreSQL type the handle is written against, as sql.ts does.
		const applied = table as typeof migrations.pg.table;
		const [row] = await sql.db.select({ newest: max(applied.createdAt) }).from(applied);
		if (Number(row?.newest ?? 0) < newest) return { ready: false, reason: 'database migrations not applied' };
		return { ready: true };
	} catch (err) {
		return { ready: false, reason: `database unreachable: ${(err as Error).message}` };
	}
}
