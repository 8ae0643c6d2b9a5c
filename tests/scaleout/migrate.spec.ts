/**
 * Three `samla start` processes on one empty PostgreSQL database at once, as a deployment's
 * units start together after an install: one applies drizzle/pg/, the others wait for its
 * advisory lock and find nothing left to do, and all three serve.
 */
import pg from 'pg';
import { expect, it } from 'vitest';
import pgJournal from '../../drizzle/pg/meta/_journal.json';
import { describeCluster } from '../helpers/cluster';
import { useScaleout } from './processes';

describeCluster('three samla start processes migrating an empty database at once', () => {
	const cluster = useScaleout();

	it('migrates once, and all three start and are ready', async () => {
		const servers = await cluster.startMany(3);
		const applied = servers.map((s) => Number(/migrations applied by this process: (\d+)/.exec(s.output())?.[1]));
		expect(applied.toSorted()).toEqual([0, 0, pgJournal.entries.length]);

		const client = new pg.Client({ connectionString: cluster.database.url });
		await client.connect();
		try {
			const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM drizzle.__drizzle_migrations');
			expect(Number(rows[0].n)).toBe(pgJournal.entries.length);
		} finally {
			await client.end();
		}
		for (const s of servers) {
			const res = await fetch(`${s.url}/readyz`);
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual({ status: 'ready' });
		}
		// Three servers loading at once on a busy machine take longer than a test's default 30 s.
	}, 120_000);
});
