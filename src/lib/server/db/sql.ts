/**
 * The dialect-neutral database handle (issue 13). App code receives one `Sql` and writes each
 * query once, awaited, against the tables in `sql.t`; the same code runs on SQLite
 * (better-sqlite3) and on PostgreSQL (node-postgres). docs/database.md says how to convert a
 * module to it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { sql as rawSql } from 'drizzle-orm';
import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import type { Db } from './client';
import type { PgDb } from './pg-client';
import * as pgSchema from './schema-pg';
import * as sqliteSchema from './schema';
import { sqliteTransaction } from './sqlite-tx';

export type Dialect = 'sqlite' | 'pg';

/**
 * What a query may be built from: PostgreSQL's Drizzle surface without what cannot be shared.
 * `transaction` (use `sql.tx`), `execute` (raw SQL differs per dialect), `query` (the relational
 * API is not exercised on SQLite through this handle) and `$client` are taken away; the
 * SQLite-only `.get() .all() .run()` never exist on this type. Not caught by the compiler, and
 * equally forbidden: a select's `.for(…)` (use `sql.forUpdate`). A hot query may be prepared
 * once per handle with `.prepare(name)` and run with `await q.execute(values)`: PostgreSQL
 * names the statement, SQLite ignores the name, and both answer `execute` with the rows
 * (auth/session.ts's lookup).
 */
export type SqlDb = Omit<PgDatabase<NodePgQueryResultHKT, typeof pgSchema>, 'transaction' | 'execute' | 'query' | '$client' | '$cache'>;

export type SqlTables = typeof pgSchema;

export interface Sql {
	readonly dialect: Dialect;
	/** Outside a transaction. Inside `tx`, use the transaction it hands you instead. */
	readonly db: SqlDb;
	readonly t: SqlTables;
	/**
	 * One transaction: committed when `fn` resolves, rolled back when it throws. A `tx` inside
	 * another one's body runs in the outer transaction. On SQLite the body must not wait for
	 * I/O (sqlite-tx.ts says why); it is rolled back with an error if it does.
	 */
	tx<T>(fn: (tx: SqlDb) => Promise<T>): Promise<T>;
	/**
	 * A select that locks the rows it reads until the transaction ends: `SELECT … FOR UPDATE`
	 * on PostgreSQL; on SQLite the transaction's BEGIN IMMEDIATE already excludes every other writer.
	 */
	forUpdate<Q extends { for(strength: 'update'): unknown }>(query: Q): Q;
	/**
	 * Serialises transactions that name the same key, also where the rows they decide about do
	 * not exist yet (no row to lock): a transaction-scoped advisory lock on PostgreSQL, nothing
	 * on SQLite (writers are serialised there already). Take keys in one order everywhere.
	 */
	lockKeys(tx: SqlDb, keys: string[]): Promise<void>;
}

interface Open {
	tx: SqlDb;
}

const opened = new WeakMap<object, AsyncLocalStorage<Open>>();

/**
 * The transaction open in this async context, per connection (or pool) rather than per
 * handle: a second handle over the same connection must still run inside it, not wait
 * for the mutex its own caller holds.
 */
function openTransactions(client: object): AsyncLocalStorage<Open> {
	let current = opened.get(client);
	if (!current) opened.set(client, (current = new AsyncLocalStorage<Open>()));
	return current;
}

/** The PostgreSQL handle over a pool: what the multi-process mode runs on. */
export function pgSql(db: PgDb): Sql {
	const current = openTransactions(db.$client);
	return {
		dialect: 'pg',
		db,
		t: pgSchema,
		tx(fn) {
			const outer = current.getStore();
			if (outer) return fn(outer.tx);
			return db.transaction((tx) => current.run({ tx }, () => fn(tx)));
		},
		forUpdate: (query) => query.for('update') as typeof query,
		async lockKeys(tx, keys) {
			// Sorted: two transactions taking the same keys in different orders would deadlock.
			for (const key of [...new Set(keys)].sort()) {
				await (tx as PgDb).execute(rawSql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
			}
		}
	};
}

/**
 * The SQLite handle over the same better-sqlite3 connection as the synchronous `Db` that the
 * not-yet-converted code uses. The Drizzle instance and the SQLite schema are cast to the
 * PostgreSQL types here, and only here: the parity test (schema-parity.spec.ts) proves both
 * schemas have the same tables and columns and infer the same row types, and an awaited
 * select/insert/update/delete (with where, joins, orderBy, limit, returning, onConflictDo…)
 * builds the same statement shape on both. What SQLite lacks at run time despite the type —
 * `.for()`, `$count`, `selectDistinctOn`, `refreshMaterializedView`, pg-only column functions —
 * must not be used; the tests in sql.spec.ts and the auth suites run every query on both.
 */
export function sqliteSql(db: Db): Sql {
	const current = openTransactions(db.$client);
	const shared = db as unknown as SqlDb;
	return {
		dialect: 'sqlite',
		db: shared,
		t: sqliteSchema as unknown as SqlTables,
		tx(fn) {
			const outer = current.getStore();
			if (outer) return fn(outer.tx);
			return sqliteTransaction(db.$client, shared, (tx) => current.run({ tx }, () => fn(tx)));
		},
		forUpdate: (query) => query,
		lockKeys: async () => {}
	};
}
