/**
 * The pool keeps a few connections through a quiet spell (KEPT_CONNECTIONS), so the first
 * edits after a pause do not each open a new one; what a burst opened beyond them still closes.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { IDLE_CLOSE_MS, KEPT_CONNECTIONS, openPgDatabase, type PgDb } from '../../src/lib/server/db/pg-client';
import { createTestDatabase, describeCluster, type TestDatabase } from '../helpers/cluster';

describeCluster('the PostgreSQL pool', () => {
	let database: TestDatabase;
	let db: PgDb;
	beforeAll(async () => {
		database = await createTestDatabase();
		db = openPgDatabase(database.url, { idleTimeoutMillis: 100 });
	});
	afterAll(async () => {
		await db.$client.end();
		await database.drop();
	});

	it('keeps KEPT_CONNECTIONS open after a burst, closes the rest, and the kept ones answer', async () => {
		const pool = db.$client;
		const pids = await Promise.all(
			Array.from({ length: 6 }, () => pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid, pg_sleep(0.05)'))
		);
		expect(new Set(pids.map((r) => r.rows[0].pid)).size).toBe(6);
		expect(pool.totalCount).toBe(6);
		await expect.poll(() => pool.totalCount, { timeout: 5_000 }).toBe(KEPT_CONNECTIONS);
		// The kept connections are among the burst's: no new connection is opened to answer.
		const again = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
		expect(pids.map((r) => r.rows[0].pid)).toContain(again.rows[0].pid);
		expect(pool.totalCount).toBe(KEPT_CONNECTIONS);
	});

	it('keeps what a burst opened for minutes by default, not pg’s 10 s', async () => {
		const kept = openPgDatabase(database.url);
		try {
			const pool = kept.$client;
			await Promise.all(Array.from({ length: 4 }, () => pool.query('SELECT pg_sleep(0.05)')));
			expect(pool.totalCount).toBe(4);
			expect(pool.options.idleTimeoutMillis).toBe(IDLE_CLOSE_MS);
			expect(IDLE_CLOSE_MS).toBeGreaterThanOrEqual(60_000);
		} finally {
			await kept.$client.end();
		}
	});
});
