/**
 * How the update log's appends commit on PostgreSQL (docs/database.md): without waiting for the
 * WAL flush (synchronous_commit=off for the append's own transaction), every other write
 * waiting for it as before, and DATABASE_DURABLE_EDITS=1 making the appends wait again.
 *
 * The evidence is PostgreSQL's own: a trigger on the written tables notes the
 * synchronous_commit in effect in each inserting transaction (what its commit will use), and
 * SHOW on the one pooled connection tells what the next statement on it gets.
 */
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { emptyRecord } from '../../src/lib/records/fields';
import { fieldText } from '../../src/lib/records/ydoc';
import { readConfig } from '../../src/lib/server/config';
import { migratePgDatabase, type PgDb } from '../../src/lib/server/db/pg-client';
import * as schema from '../../src/lib/server/db/schema-pg';
import { documents, fieldProvenance, records } from '../../src/lib/server/db/schema-pg';
import { InProcessAnnouncer } from '../../src/lib/server/docs/announcer';
import { createPgDocStore } from '../../src/lib/server/docs/create-pg';
import { UpdateOrigin } from '../../src/lib/server/docs/origins';
import { PgPersistence } from '../../src/lib/server/docs/pg-persistence';
import { describeCluster, useTestDatabase } from '../helpers/cluster';

const MIGRATIONS = join(import.meta.dirname, '../../drizzle/pg');
const ada = new UpdateOrigin({ id: 'u-ada', name: 'Ada' }, 'test');

describeCluster('the update log’s appends on PostgreSQL: committed before announced, flushed after', () => {
	const database = useTestDatabase();
	/** One connection, so every statement here and in the code under test runs on the same one. */
	let db: PgDb;
	let n = 0;

	beforeAll(async () => {
		await migratePgDatabase(database.url, MIGRATIONS);
		db = drizzle({ client: new pg.Pool({ connectionString: database.url, max: 1 }), schema });
		await db.$client.query(`
			CREATE TABLE commit_settings (at bigserial, tbl text, setting text);
			CREATE FUNCTION note_commit_setting() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN
				INSERT INTO commit_settings (tbl, setting) VALUES (TG_TABLE_NAME, current_setting('synchronous_commit'));
				RETURN NEW;
			END $$;
			CREATE TRIGGER note AFTER INSERT ON yjs_updates FOR EACH ROW EXECUTE FUNCTION note_commit_setting();
			CREATE TRIGGER note AFTER INSERT ON records FOR EACH ROW EXECUTE FUNCTION note_commit_setting();`);
		await db
			.insert(documents)
			.values({ id: 'd1', contentHash: 'h', content: 'text', language: 'sv', title: 'Doc', ingestedAt: new Date() });
	});
	beforeEach(async () => {
		await db.$client.query('DELETE FROM commit_settings');
	});
	afterAll(async () => {
		await db?.$client.end();
	});

	async function newRecord(): Promise<string> {
		const id = `r${++n}`;
		await db.insert(records).values({ id, title: 'T', documentId: 'd1', draft: emptyRecord('T'), matchKey: 't', createdAt: new Date() });
		return id;
	}

	const settings = async () =>
		(await db.$client.query<{ tbl: string; setting: string }>('SELECT tbl, setting FROM commit_settings ORDER BY at')).rows.map(
			(r) => `${r.tbl}: ${r.setting}`
		);
	const sessionSetting = async () =>
		(await db.$client.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0].synchronous_commit;

	/** Three edits of one record, as a client sends them; returns them and the ids the log gave them. */
	async function appendThree(log: PgPersistence, id: string): Promise<{ updates: Uint8Array[]; ids: number[] }> {
		const doc = new Y.Doc();
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		for (const c of 'abc') doc.getText('t').insert(doc.getText('t').length, c);
		// The first goes alone; the two that arrive while it is under way go in one INSERT.
		const ids = await Promise.all(updates.map((u) => log.append(id, u)));
		return { updates, ids };
	}

	it('stores appends without waiting for the disk, in order, and leaves the connection waiting for it', async () => {
		const id = await newRecord();
		const log = new PgPersistence(db);
		const { updates, ids } = await appendThree(log, id);

		expect(ids).toEqual([...ids].sort((a, b) => a - b));
		const stored = await log.load(id);
		expect(stored!.ids).toEqual(ids);
		expect(stored!.updates.map((u) => Buffer.from(u))).toEqual(updates.map((u) => Buffer.from(u)));
		expect(await settings()).toEqual(['records: on', 'yjs_updates: off', 'yjs_updates: off', 'yjs_updates: off']);
		// The setting ended with the appends' transactions: the next write on the connection waits for the disk.
		expect(await sessionSetting()).toBe('on');
		await newRecord();
		expect((await settings()).at(-1)).toBe('records: on');
	});

	it('folds the log (compaction) waiting for the disk', async () => {
		const id = await newRecord();
		const log = new PgPersistence(db);
		await appendThree(log, id);
		await db.$client.query('DELETE FROM commit_settings');
		await log.compact(id);
		expect(await settings()).toEqual(['yjs_updates: on']);
	});

	it('waits for the disk with { durable: true }', async () => {
		const id = await newRecord();
		await db.$client.query('DELETE FROM commit_settings');
		const { ids } = await appendThree(new PgPersistence(db, undefined, { durable: true }), id);
		expect(ids).toEqual([...ids].sort((a, b) => a - b));
		expect(await settings()).toEqual(['yjs_updates: on', 'yjs_updates: on', 'yjs_updates: on']);
	});

	for (const [durable, expected] of [
		['0', 'off'],
		['1', 'on']
	] as const) {
		it(`commits the app store's edits with synchronous_commit ${expected} when DATABASE_DURABLE_EDITS=${durable}, clearing the spans typed over`, async () => {
			const cfg = readConfig({ DATABASE_URL: database.url, REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_DURABLE_EDITS: durable });
			if (cfg.database.kind !== 'postgres') throw new Error('DATABASE_URL did not select PostgreSQL');
			const store = createPgDocStore(db, new InProcessAnnouncer(), { sync: cfg.sync, database: cfg.database });
			try {
				const id = await newRecord();
				const span = { recordId: id, documentId: 'd1', start: 0, end: 4, snippet: 'text', rule: 'test', confidence: 1 };
				await db.insert(fieldProvenance).values([
					{ ...span, field: 'summary' },
					{ ...span, field: 'funder' }
				]);
				const fields = async () =>
					(await db.select({ field: fieldProvenance.field }).from(fieldProvenance).where(eq(fieldProvenance.recordId, id))).map(
						(r) => r.field
					);
				await db.$client.query('DELETE FROM commit_settings');
				expect(await store.edit(id, ada, (doc) => fieldText(doc, 'summary')!.insert(0, 'Ett projekt'))).toBe(true);
				const appends = (await settings()).filter((s) => s.startsWith('yjs_updates'));
				// The record's first state (seeded under a lock, durable), then the edit.
				expect(appends).toEqual(['yjs_updates: on', `yjs_updates: ${expected}`]);
				// In the edit's own statement, so gone once it is stored.
				expect(await fields()).toEqual(['funder']);
			} finally {
				await store.close();
			}
		});
	}
});
