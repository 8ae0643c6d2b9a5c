/**
 * Migration 0012 rebuilds yjs_updates without AUTOINCREMENT: a database with live edits
 * keeps every row and id, and the log goes on working over it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/client';
import { SqlitePersistence } from '../../src/lib/server/docs/sqlite-persistence';
import { insertRecords, tempDatabaseBefore, type DatabaseBefore } from '../helpers/db';

let temp: DatabaseBefore | undefined;
afterEach(() => temp?.cleanup());

const logRows = (d: Db) => d.$client.prepare('SELECT id, record_id, data, created_at FROM yjs_updates ORDER BY id').all();
const tableSql = (d: Db) => d.$client.prepare(`SELECT sql FROM sqlite_master WHERE name = 'yjs_updates'`).pluck().get() as string;

describe('migration 0012 (yjs_updates without AUTOINCREMENT)', () => {
	it('keeps every row and id of a log with edits, and appends and compactions go on', async () => {
		temp = tempDatabaseBefore('0012_yjs_updates_rowid');
		const { db } = temp;
		const c = db.$client;
		expect(tableSql(db)).toMatch(/AUTOINCREMENT/);
		insertRecords(db, 'draft', ['a', 'b']);
		const insert = c.prepare('INSERT INTO yjs_updates (record_id, data, created_at) VALUES (?, ?, ?)');
		for (let i = 0; i < 12; i++) insert.run(i % 2 ? 'a' : 'b', Buffer.from([i, 0xff, 0]), 1000 + i);
		// Gaps, and a deleted newest row that AUTOINCREMENT remembered (sqlite_sequence): the ids
		// must come through as they are, not renumbered.
		c.exec('DELETE FROM yjs_updates WHERE id IN (3, 4, 12)');
		expect(c.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'yjs_updates'`).pluck().get()).toBe(12);
		const before = logRows(db);
		expect(before).toHaveLength(9);

		temp.migrate();

		expect(logRows(db)).toEqual(before);
		expect(tableSql(db)).not.toMatch(/AUTOINCREMENT/);
		expect(c.prepare(`SELECT count(*) FROM sqlite_sequence WHERE name = 'yjs_updates'`).pluck().get()).toBe(0);
		expect(c.prepare(`SELECT name FROM sqlite_master WHERE tbl_name = 'yjs_updates' AND type = 'index'`).pluck().all()).toEqual([
			'yjs_updates_record_idx'
		]);
		expect(c.pragma('integrity_check', { simple: true })).toBe('ok');
		expect(c.pragma('foreign_key_check')).toEqual([]);

		const log = new SqlitePersistence(db);
		// The newest row is now 11 (b's): the next id is 12 again, which AUTOINCREMENT skipped.
		expect(log.append('a', Uint8Array.from([42]))).toBe(12);
		const a = await log.load('a');
		expect(a!.updates.map((u) => u[0])).toEqual([1, 5, 7, 9, 42]);
		expect(a!.lastId).toBe(12);

		// Compacting the record that holds the newest row gives the fold the id that row had;
		// the record's rows still read in order after it, and the other record's are untouched.
		const fold = await log.compact('a', Uint8Array.from([99]), a!.lastId);
		expect(fold).toBe(12);
		expect(log.append('a', Uint8Array.from([43]))).toBe(13);
		expect((await log.load('a'))!.updates.map((u) => u[0])).toEqual([99, 43]);
		expect((await log.load('b'))!.updates.map((u) => u[0])).toEqual([0, 4, 6, 8, 10]);

		c.exec(`DELETE FROM records WHERE id = 'a'`);
		expect(c.prepare(`SELECT count(*) FROM yjs_updates WHERE record_id = 'a'`).pluck().get()).toBe(0);
	});
});
