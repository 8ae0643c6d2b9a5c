/** The dialect-neutral handle (src/lib/server/db/sql.ts): one query, run on SQLite and on PostgreSQL. */
import { eq } from 'drizzle-orm';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionWaitedError } from '../../src/lib/server/db/sqlite-tx';
import { sqliteSql, type Sql, type SqlDb } from '../../src/lib/server/db/sql';
import { tempDatabase, type TempDatabase } from '../helpers/db';
import { describeEachDialect } from '../helpers/dialects';

const at = new Date('2026-01-01T00:00:00.000Z');

function user(id: string) {
	return {
		id,
		email: `${id}@example.org`,
		name: id,
		role: 'editor' as const,
		passwordHash: 'x',
		disabledAt: null,
		lang: null,
		createdAt: at,
		updatedAt: at
	};
}

async function names(sql: Sql, ids: string[]): Promise<string[]> {
	const rows = await sql.db.select({ id: sql.t.users.id }).from(sql.t.users).orderBy(sql.t.users.id);
	return rows.map((r) => r.id).filter((id) => ids.includes(id));
}

/** Reads a counter, lets others run (a microtask on SQLite, a round trip on PostgreSQL), writes it plus one. */
async function increment(sql: Sql, tx: SqlDb, key: string): Promise<void> {
	const t = sql.t.signInThrottle;
	const [row] = await sql.forUpdate(tx.select({ n: t.failures }).from(t).where(eq(t.key, key)));
	await Promise.resolve();
	await tx
		.update(t)
		.set({ failures: row.n + 1 })
		.where(eq(t.key, key));
}

describeEachDialect('the Sql handle', (database) => {
	it('commits what the body wrote when it resolves, and hands back its value', async () => {
		const { sql } = database();
		const value = await sql.tx(async (tx) => {
			await tx.insert(sql.t.users).values(user('commit-a'));
			return 'done';
		});
		expect(value).toBe('done');
		expect(await names(sql, ['commit-a'])).toEqual(['commit-a']);
	});

	it('rolls back everything the body wrote when it throws, and rethrows', async () => {
		const { sql } = database();
		const failure = new Error('refused half-way');
		await expect(
			sql.tx(async (tx) => {
				await tx.insert(sql.t.users).values(user('rollback-a'));
				throw failure;
			})
		).rejects.toBe(failure);
		expect(await names(sql, ['rollback-a'])).toEqual([]);
	});

	it('runs a transaction begun inside another one in the outer one: both commit or neither', async () => {
		const { sql } = database();
		await expect(
			sql.tx(async (tx) => {
				await tx.insert(sql.t.users).values(user('outer-a'));
				await sql.tx(async (inner) => {
					await inner.insert(sql.t.users).values(user('inner-a'));
				});
				throw new Error('the outer one fails after the inner one finished');
			})
		).rejects.toThrow('outer one fails');
		expect(await names(sql, ['outer-a', 'inner-a'])).toEqual([]);
	});

	it('serialises concurrent transactions that read and write the same row: no update is lost', async () => {
		const { sql } = database();
		await sql.db.insert(sql.t.signInThrottle).values({ key: 'counter', failures: 0, lockedUntil: null, resetAt: at });
		const another = await database().openAnother();
		await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? another : sql).tx((tx) => increment(sql, tx, 'counter'))));
		const [row] = await sql.db.select().from(sql.t.signInThrottle).where(eq(sql.t.signInThrottle.key, 'counter'));
		expect(row.failures).toBe(10);
	});

	it('serialises transactions on a key with lockKeys, also before any row for it exists', async () => {
		const { sql } = database();
		const t = sql.t.signInThrottle;
		const another = await database().openAnother();
		const bump = (handle: Sql) =>
			handle.tx(async (tx) => {
				await handle.lockKeys(tx, ['fresh-key']);
				const [row] = await tx.select().from(t).where(eq(t.key, 'fresh-key'));
				await Promise.resolve();
				const failures = (row?.failures ?? 0) + 1;
				await tx
					.insert(t)
					.values({ key: 'fresh-key', failures, lockedUntil: null, resetAt: at })
					.onConflictDoUpdate({ target: t.key, set: { failures } });
			});
		await Promise.all(Array.from({ length: 10 }, (_, i) => bump(i % 2 ? another : sql)));
		const [row] = await sql.db.select().from(t).where(eq(t.key, 'fresh-key'));
		expect(row.failures).toBe(10);
	});

	it('reads rows back alike: dates, nulls, counts and returning()', async () => {
		const { sql } = database();
		const [inserted] = await sql.db.insert(sql.t.users).values(user('shape-a')).returning();
		expect(inserted).toEqual(user('shape-a'));
		const [again] = await sql.db.insert(sql.t.users).values(user('shape-a')).onConflictDoNothing().returning();
		expect(again).toBeUndefined();
		const [updated] = await sql.db
			.update(sql.t.users)
			.set({ disabledAt: at })
			.where(eq(sql.t.users.id, 'shape-a'))
			.returning({ disabledAt: sql.t.users.disabledAt });
		expect(updated.disabledAt).toEqual(at);
		expect(updated.disabledAt).toBeInstanceOf(Date);
	});
});

/** SQLite only: one connection per process, so a transaction holds it (PostgreSQL gives each its own). */
describe('a SQLite transaction and I/O', () => {
	let temp: TempDatabase;
	beforeAll(() => {
		temp = tempDatabase();
	});
	afterAll(() => temp.cleanup());
	const database = () => ({ sql: sqliteSql(temp.db), sqlite: temp.db });

	it('runs a transaction begun through another handle on the same connection inside the open one', async () => {
		const { sql, sqlite } = database();
		const second = sqliteSql(sqlite);
		await expect(
			sql.tx(async (tx) => {
				await tx.insert(sql.t.users).values(user('same-a'));
				await second.tx(async (inner) => {
					await inner.insert(second.t.users).values(user('same-b'));
				});
				throw new Error('the outer one fails');
			})
		).rejects.toThrow('outer one fails');
		expect(await names(sql, ['same-a', 'same-b'])).toEqual([]);
	});

	it('is refused when it waits for a timer, also when begun in a setImmediate callback', async () => {
		const { sql } = database();
		const waitsForATimer = () =>
			sql.tx(async (tx) => {
				await tx.insert(sql.t.users).values(user('timer-a'));
				const timer = sleep(1);
				// Busy past the timer's due time, so the next loop's timers phase finds it due.
				for (const end = performance.now() + 3; performance.now() < end;);
				await timer;
			});
		await expect(waitsForATimer()).rejects.toThrow(TransactionWaitedError);
		await expect(new Promise((resolve, reject) => setImmediate(() => waitsForATimer().then(resolve, reject)))).rejects.toThrow(
			TransactionWaitedError
		);
		expect(await names(sql, ['timer-a'])).toEqual([]);
	});

	it('is refused and rolled back when its body waits for I/O; the connection stays usable', async () => {
		const { sql } = database();
		let afterWait: unknown;
		await expect(
			sql.tx(async (tx) => {
				await tx.insert(sql.t.users).values(user('waited-a'));
				await sleep(1);
				try {
					await tx.insert(sql.t.users).values(user('waited-b'));
				} catch (error) {
					afterWait = error;
				}
			})
		).rejects.toThrow(TransactionWaitedError);
		await sleep(5);
		expect(String(afterWait)).toMatch(/transaction has ended/);
		expect(await names(sql, ['waited-a', 'waited-b'])).toEqual([]);
		await sql.tx(async (tx) => {
			await tx.insert(sql.t.users).values(user('waited-c'));
		});
		expect(await names(sql, ['waited-a', 'waited-b', 'waited-c'])).toEqual(['waited-c']);
	});

	it('runs a second transaction only after the first has committed', async () => {
		const { sql } = database();
		const events: string[] = [];
		const body = (name: string) => async (tx: SqlDb) => {
			events.push(`${name} begins`);
			await tx.select().from(sql.t.users);
			await Promise.resolve();
			events.push(`${name} ends`);
		};
		await Promise.all([sql.tx(body('first')), sql.tx(body('second'))]);
		expect(events).toEqual(['first begins', 'first ends', 'second begins', 'second ends']);
	});
});
