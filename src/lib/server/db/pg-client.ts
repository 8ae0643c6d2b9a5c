/**
 * PostgreSQL (DATABASE_URL): the durable store that several Samla processes share: opening
 * its pool and migrating it.
 */
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema-pg';

export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

/**
 * Pooled connections a process keeps through a quiet spell. pg's pool closes every idle
 * connection after 10 s by default, so the first edits after a pause each paid for a new
 * connection (TCP, start-up, authentication) before their append.
 */
export const KEPT_CONNECTIONS = 2;

/**
 * How long a pooled connection beyond those may stay idle before it closes. pg's default, 10 s,
 * closed what a burst of edits opened between two bursts, so a steady load kept opening
 * connections (a new backend, start-up, and every named statement prepared again) in the
 * middle of live edits: the sync bench's (c) p99 fell from 32-73 ms to 24-31 ms with the
 * connections kept (2 rounds each).
 */
export const IDLE_CLOSE_MS = 5 * 60_000;

export function openPgDatabase(url: string, pool: Pick<pg.PoolConfig, 'idleTimeoutMillis'> = {}): PgDb {
	return drizzle({ client: openPool(url, pool), schema });
}

function openPool(url: string, opts: Pick<pg.PoolConfig, 'idleTimeoutMillis'>): pg.Pool {
	const pool = new pg.Pool({ connectionString: url, min: KEPT_CONNECTIONS, idleTimeoutMillis: IDLE_CLOSE_MS, ...opts });
	// An idle pooled connection that the server drops (a restart, a failover) emits 'error';
	// unheard, that would end the process. The pool replaces it on the next query.
	pool.on('error', (err) => console.error(`samla: PostgreSQL connection lost: ${err.message}`));
	return pool;
}

/**
 * One key for "Samla is migrating this database", in pg_advisory_lock's bigint space;
 * chosen once ("Samla" in ASCII), never to change, or two versions would not exclude each other.
 */
export const MIGRATION_LOCK_KEY = '358118911073';

const MIGRATIONS_TABLE = 'drizzle.__drizzle_migrations';

async function appliedCount(client: pg.Client): Promise<number> {
	const { rows } = await client.query<{ present: boolean }>(`SELECT to_regclass('${MIGRATIONS_TABLE}') IS NOT NULL AS present`);
	if (!rows[0].present) return 0;
	const counted = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${MIGRATIONS_TABLE}`);
	return Number(counted.rows[0].n);
}

/**
 * Applies drizzle/pg/ under a session-level advisory lock on one connection, so processes
 * that start together migrate once: the first applies, the others wait for the lock and
 * then find nothing left to do. drizzle's migrator alone races (both create its schema and
 * table, both see the same last migration and apply it twice). Resolves to how many
 * migrations this call applied.
 */
export async function migratePgDatabase(url: string, migrationsFolder: string): Promise<{ applied: number }> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
		try {
			const before = await appliedCount(client);
			await migrate(drizzle({ client }), { migrationsFolder });
			return { applied: (await appliedCount(client)) - before };
		} finally {
			await client.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
		}
	} finally {
		await client.end();
	}
}
