/**
 * Appends committed without waiting for the disk, and PostgreSQL crashing before it flushed
 * them (pg_ctl stop -m immediate on a private cluster, its WAL writer held back so the last
 * appends are still in memory): the log loses them, so the next append to a log read before
 * the restart fails, which makes the store drop the document and its clients send back what
 * it lost (docs/database.md).
 */
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { emptyRecord } from '../../src/lib/records/fields';
import { migratePgDatabase, openPgDatabase, type PgDb } from '../../src/lib/server/db/pg-client';
import { documents, records } from '../../src/lib/server/db/schema-pg';
import { PgPersistence, RestartedError } from '../../src/lib/server/docs/pg-persistence';
import { describeCluster } from '../helpers/cluster';
import { freePort, privatePostgres, type PrivatePostgres } from '../scaleout/private-services';

const bytes = (n: number) => new Uint8Array([n]);

describeCluster('appends without the disk wait across a PostgreSQL crash', () => {
	let postgres: PrivatePostgres | undefined;
	let db: PgDb | undefined;
	afterAll(async () => {
		await db?.$client.end();
		postgres?.dispose();
	});

	/** The pool's connections died with the server: the first queries after the restart may fail. */
	async function reachable(): Promise<void> {
		for (let i = 0; ; i++) {
			try {
				await db!.$client.query('SELECT 1');
				return;
			} catch (err) {
				if (i > 50) throw err;
				await new Promise((r) => setTimeout(r, 100));
			}
		}
	}

	it('refuses to append to a log read before the restart, and appends to one read after it', async () => {
		postgres = privatePostgres(await freePort(), ['wal_writer_delay=10000', 'autovacuum=off']);
		await migratePgDatabase(postgres.url, join(import.meta.dirname, '../../drizzle/pg'));
		db = openPgDatabase(postgres.url);
		const at = new Date();
		await db.insert(documents).values({ id: 'd1', contentHash: 'h', content: 'text', language: 'sv', title: 'Doc', ingestedAt: at });
		await db.insert(records).values({ id: 'r1', title: 'T', documentId: 'd1', draft: emptyRecord('T'), matchKey: 't', createdAt: at });
		const log = new PgPersistence(db);

		expect((await log.load('r1'))!.updates).toEqual([]);
		const id = await log.append('r1', bytes(1));
		expect(id).toBeGreaterThan(0);
		postgres.stop();
		postgres.start();
		await reachable();

		// The crash took the append with it (nothing else committed or vacuumed, the WAL writer waits 10 s): what the store's live copy holds, the log does not.
		expect((await db.$client.query('SELECT id FROM yjs_updates')).rows).toEqual([]);
		await expect(log.append('r1', bytes(2))).rejects.toBeInstanceOf(RestartedError);
		// Read again, the log takes appends, as the store's next load of the record does.
		const reloaded = (await log.load('r1'))!;
		expect(await log.append('r1', bytes(3))).toBeGreaterThan(Math.max(0, ...(reloaded.ids ?? [])));
	});
});
