import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Db } from './client';
import { SqliteOnlyError, sqliteOnlyDb } from './sqlite-only';

function listUnconvertedThings(db: Db) {
	return db.select().from({} as never);
}

describe('AppContext.db in PostgreSQL mode', () => {
	it('refuses any use, naming the function that used it', () => {
		const db = sqliteOnlyDb();
		expect(() => listUnconvertedThings(db)).toThrow(SqliteOnlyError);
		expect(() => listUnconvertedThings(db)).toThrow(
			/^PostgreSQL mode: listUnconvertedThings \(.*sqlite-only\.spec\.ts:\d+:\d+\) still runs on SQLite only/
		);
		expect(() => db.$client.prepare('SELECT 1')).toThrow(/asked AppContext\.db for "\$client"/);
	});

	it('can still be logged and awaited without throwing', async () => {
		const db = sqliteOnlyDb();
		expect(inspect({ db })).toBe('{ db: {} }');
		expect(JSON.stringify({ db })).toBe('{"db":{}}');
		await expect(Promise.resolve(db)).resolves.toBe(db);
	});
});
