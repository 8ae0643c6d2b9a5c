/**
 * Readiness: the database answers and holds every migration this build was made with
 * (drizzle's journals are bundled into the build, so a database behind the code is "not ready").
 */
import { max } from 'drizzle-orm';
import { bigint, pgSchema } from 'drizzle-orm/pg-core';
import journal from '../../../../drizzle/meta/_journal.json';
import pgJournal from '../../../../drizzle/pg/meta/_journal.json';
import type { AppContext } from '../context';
import type { Db } from '../db/client';
import type { Sql } from '../db/sql';

export type Readiness = { ready: true } | { ready: false; reason: string };

const newest = (j: { entries: { when: number }[] }) => Math.max(...j.entries.map((e) => e.when));
const newestMigration = newest(journal);
const newestPgMigration = newest(pgJournal);

/** drizzle's own record of applied migrations on PostgreSQL (pg-client.ts migrates into it). */
const pgMigrations = pgSchema('drizzle').table('__drizzle_migrations', { createdAt: bigint('created_at', { mode: 'number' }) });

function sqliteApplied(db: Db): number {
	const row = db.$client.prepare('SELECT max(created_at) AS newest FROM __drizzle_migrations').get() as
		{ newest: number | null } | undefined;
	return Number(row?.newest ?? 0);
}

async function pgApplied(sql: Sql): Promise<number> {
	const [row] = await sql.db.select({ newest: max(pgMigrations.createdAt) }).from(pgMigrations);
	return Number(row?.newest ?? 0);
}

export async function readiness({ sql, db }: Pick<AppContext, 'sql' | 'db'>): Promise<Readiness> {
	try {
		const pg = sql.dialect === 'pg';
		const applied = pg ? await pgApplied(sql) : sqliteApplied(db);
		if (applied < (pg ? newestPgMigration : newestMigration)) return { ready: false, reason: 'database migrations not applied' };
		return { ready: true };
	} catch (err) {
		return { ready: false, reason: `database unreachable: ${(err as Error).message}` };
	}
}
