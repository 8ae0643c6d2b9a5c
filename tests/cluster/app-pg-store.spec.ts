/**
 * The store `samla start` builds on PostgreSQL (createPgDocStore, with its metrics wrapper),
 * where tests/cluster/store.spec.ts builds its own: two processes loading a new record at once
 * give it one first state.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { emptyRecord } from '../../src/lib/records/fields';
import { docToRecord } from '../../src/lib/records/ydoc';
import { readConfig } from '../../src/lib/server/config';
import { migratePgDatabase, openPgDatabase, type PgDb } from '../../src/lib/server/db/pg-client';
import { documents, records, yjsUpdates } from '../../src/lib/server/db/schema-pg';
import { InProcessAnnouncer } from '../../src/lib/server/docs/announcer';
import { createPgDocStore } from '../../src/lib/server/docs/create-pg';
import { describeCluster, useTestDatabase } from '../helpers/cluster';

describeCluster('the app’s PostgreSQL store', () => {
	const database = useTestDatabase();
	const pools: PgDb[] = [];

	beforeAll(async () => {
		await migratePgDatabase(database.url, join(import.meta.dirname, '../../drizzle/pg'));
	});
	afterAll(async () => {
		await Promise.all(pools.map((db) => db.$client.end()));
	});

	it('gives records loaded by two processes at once one first state each', async () => {
		const cfg = readConfig({ DATABASE_URL: database.url, REDIS_URL: 'redis://127.0.0.1:6379' });
		if (cfg.database.kind !== 'postgres') throw new Error('DATABASE_URL did not select PostgreSQL');
		const pgConfig = cfg.database;
		const [a, b] = [openPgDatabase(database.url), openPgDatabase(database.url)];
		pools.push(a, b);
		await a.insert(documents).values({ id: 'd1', contentHash: 'h', content: 'text', language: 'sv', title: 'Doc', ingestedAt: new Date() });
		const ids = Array.from({ length: 20 }, (_, i) => `r${i}`);
		await a.insert(records).values(
			ids.map((id) => ({
				id,
				title: `Projekt ${id}`,
				documentId: 'd1',
				draft: emptyRecord(`Projekt ${id}`),
				matchKey: id,
				createdAt: new Date()
			}))
		);
		// Both pools connected, so neither process's first query waits for a connection the other's does not.
		await Promise.all([a, b].map((db) => Promise.all(Array.from({ length: 5 }, () => db.$client.query('SELECT 1')))));
		const stores = [a, b].map((db) => createPgDocStore(db, new InProcessAnnouncer(), { sync: cfg.sync, database: pgConfig }));
		try {
			for (const id of ids) {
				const sessions = await Promise.all(stores.map((s) => s.open(id)));
				for (const s of sessions) expect(docToRecord(s!.doc).title).toBe(`Projekt ${id}`);
				for (const s of sessions) s!.close();
			}
			const rows = await a.select({ recordId: yjsUpdates.recordId }).from(yjsUpdates);
			expect(rows.map((r) => r.recordId).sort()).toEqual([...ids].sort());
		} finally {
			await Promise.all(stores.map((s) => s.close()));
		}
	});
});
