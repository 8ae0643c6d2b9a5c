/**
 * A client's edit that PostgreSQL committed without the disk wait, then lost in a crash
 * (pg_ctl stop -m immediate on a private cluster whose WAL writer waits 10 s): the client
 * saw the edit and the server's "changed by" stamp on it, so the server must store it again,
 * since a client may not send the server's own stamp back (the gate refuses it). Two records:
 * one typed into again after the restart (its next append fails), one left alone (nothing
 * appends to it; the store notices the restart by itself).
 */
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { CloseCode } from '../../src/lib/collab/close-codes';
import { emptyRecord } from '../../src/lib/records/fields';
import { changedByOf, docToRecord, fieldText } from '../../src/lib/records/ydoc';
import { migratePgDatabase, openPgDatabase, type PgDb } from '../../src/lib/server/db/pg-client';
import { documents, records } from '../../src/lib/server/db/schema-pg';
import { pgSql } from '../../src/lib/server/db/sql';
import { describeCluster } from '../helpers/cluster';
import { storedDocSql } from '../helpers/stored-doc-sql';
import { freePort, privatePostgres, type PrivatePostgres } from '../scaleout/private-services';
import { connect, eventually, person, startHarnessOn, until, type Client, type SyncHarness } from '../sync/harness';

describeCluster('an edit a PostgreSQL crash took from the log after a client saw it', () => {
	let postgres: PrivatePostgres | undefined;
	const pools: PgDb[] = [];
	let harness: SyncHarness | undefined;
	const clients: Client[] = [];
	afterAll(async () => {
		for (const c of clients) c.destroy();
		await harness?.close();
		await Promise.all(pools.map((db) => db.$client.end()));
		postgres?.dispose();
	});

	const funder = (doc: Y.Doc) => docToRecord(doc).funder ?? '';
	const say = (c: Client, words: string) => {
		const text = fieldText(c.doc, 'funder')!;
		text.insert(text.length, words);
	};

	it('is stored again from the server’s live copy, and every client converges on it', async () => {
		postgres = privatePostgres(await freePort(), ['wal_writer_delay=10000', 'autovacuum=off']);
		const url = postgres.url;
		await migratePgDatabase(url, join(import.meta.dirname, '../../drizzle/pg'));
		const db = openPgDatabase(url);
		pools.push(db);
		const sql = pgSql(db);
		const at = new Date();
		await db.insert(documents).values({ id: 'd1', contentHash: 'h', content: 'text', language: 'sv', title: 'Doc', ingestedAt: at });
		for (const id of ['typed', 'quiet'])
			await db.insert(records).values({ id, title: id, documentId: 'd1', draft: emptyRecord(id), matchKey: id, createdAt: at });
		const database = {
			dialect: 'pg' as const,
			sql,
			openAnother: async () => {
				const other = openPgDatabase(url);
				pools.push(other);
				return pgSql(other);
			},
			env: {}
		};
		// Appends without the disk wait (PgPersistence's default). Nothing else commits meanwhile
		// (a commit that waits for the disk flushes the appends before it): no records row
		// written, no catch-up pass but the test's.
		harness = await startHarnessOn(database, { store: { projectEveryMs: 600_000, catchUpEveryMs: 600_000 } });
		const editor = await person(sql, 'editor');
		const typed = connect(harness.url, 'typed', editor);
		const quiet = connect(harness.url, 'quiet', editor);
		clients.push(typed, quiet);
		await Promise.all([typed.synced, quiet.synced]);

		say(typed, '[före]');
		say(quiet, '[tyst]');
		// The stamp comes back only once the append committed: the client has seen the server's own write.
		await until(() => changedByOf(typed.doc, 'funder') !== null && changedByOf(quiet.doc, 'funder') !== null, 10_000, 'the stamps');
		expect((await storedDocSql(sql, 'typed')).getMap('changedBy').size).toBe(1);

		postgres.stop();
		postgres.start();
		await eventually(
			() =>
				db.$client.query('SELECT 1').then(
					() => true,
					() => false
				),
			10_000,
			'PostgreSQL to take queries again'
		);
		// The crash took both edits with it, or this test proves nothing.
		const lost = await Promise.all(['typed', 'quiet'].map((id) => storedDocSql(sql, id)));
		expect(lost.map((d) => [funder(d), d.getMap('changedBy').size])).toEqual([
			['', 0],
			['', 0]
		]);

		say(typed, '[efter]');
		// On a timeout, what the sockets were closed with and what the store logged say why.
		const why = () => JSON.stringify({ closes: [...typed.closes, ...quiet.closes], logs: harness!.logs });
		const stored = (id: string, words: string) =>
			eventually(async () => funder(await storedDocSql(sql, id)) === words, 30_000, `record ${id} stored again`).catch((err: Error) => {
				throw new Error(`${err.message}: ${why()}`);
			});
		await stored('typed', '[före][efter]');
		// As the periodic pass would.
		await harness.store.catchUp();
		await stored('quiet', '[tyst]');
		expect(harness.logs).toContain("samla: stored record quiet's live document again: the database restarted since its log was read");
		expect(changedByOf(await storedDocSql(sql, 'typed'), 'funder')?.id).toBe(editor.user.id);

		// Nothing was refused on the way: every close was one the client reconnects after.
		await until(() => typed.provider.wsconnected && quiet.provider.wsconnected, 20_000, 'the clients connected');
		expect([...typed.closes, ...quiet.closes].filter((c) => c.code >= 4400 && c.code < 4500)).toEqual([]);
		const fresh = connect(harness.url, 'typed', editor);
		clients.push(fresh);
		await fresh.synced;
		await until(() => funder(typed.doc) === '[före][efter]' && funder(fresh.doc) === '[före][efter]', 10_000, 'everyone to converge');
		expect(changedByOf(fresh.doc, 'funder')).toEqual(changedByOf(typed.doc, 'funder'));

		// The way back is the server's own copy: a client writing "changed by" is refused as ever.
		fresh.doc.getMap('changedBy').set('funder', { id: 'someone-else', name: 'Someone Else', at: new Date().toISOString() });
		await until(() => fresh.closes.length > 0, 10_000, 'the forged stamp refused');
		expect(fresh.closes[0].code).toBe(CloseCode.refused);
		expect(changedByOf(await storedDocSql(sql, 'typed'), 'funder')?.id).toBe(editor.user.id);
	}, 120_000);
});
