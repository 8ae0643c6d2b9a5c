/**
 * An async transaction on one better-sqlite3 connection. better-sqlite3's own transaction
 * takes only a synchronous function, and one connection has one transaction at a time, so:
 * a mutex per connection, BEGIN IMMEDIATE, the awaited body, COMMIT or ROLLBACK.
 *
 * Every query on this connection resolves without I/O, so a body that only queries settles
 * before the event loop moves on. A body that awaits real I/O (a fetch, a timer, password
 * hashing) would let other requests' queries, which share this connection and take no mutex,
 * run inside the open transaction and commit or roll back with it. That is never right, so
 * it is refused: if a setImmediate sentinel fires before the body settles, the transaction is
 * rolled back, the body's handle stops working, and the caller gets TransactionWaitedError.
 * A transaction begun inside a setImmediate callback meets the next loop's timers before
 * its sentinel, so a 0 ms timer stands guard too: it is due no later than any timer the body
 * sets after it. What still slips through is I/O that completes in the next loop's poll phase
 * within a millisecond of a transaction begun in a check-phase callback.
 * The guard reports the mistake the first time the code runs; it cannot make it safe, since
 * a query of another request may already have run before the sentinel.
 *
 * A process keeps one connection to its file: a second one, in the same process, whose
 * BEGIN IMMEDIATE met this one's open transaction would wait synchronously, and this one
 * could never finish meanwhile.
 */
import type Database from 'better-sqlite3';

export class TransactionWaitedError extends Error {
	constructor() {
		super(
			'a SQLite transaction must not wait for I/O: its body awaited something that did not settle before the event loop moved on ' +
				'(do the I/O before or after sql.tx; see docs/database.md). It was rolled back.'
		);
	}
}

const tails = new WeakMap<Database.Database, Promise<void>>();

/** Resolves, in turn, once every earlier holder of this connection has released it. */
function acquire(client: Database.Database): Promise<() => void> {
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	const before = tails.get(client) ?? Promise.resolve();
	tails.set(
		client,
		before.then(() => held)
	);
	return before.then(() => release);
}

/** The handle the body gets: the shared one, until the transaction has ended. */
function scoped<D extends object>(db: D, open: { value: boolean }): D {
	return new Proxy(db, {
		get(target, prop) {
			if (!open.value) throw new Error('this SQLite transaction has ended; its handle cannot be used any more');
			const value = Reflect.get(target, prop, target);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
}

/** SQLite ends a transaction itself on some errors (a full disk); there is nothing left to roll back then. */
function rollback(client: Database.Database): void {
	if (client.inTransaction) client.exec('ROLLBACK');
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown } | { waited: true };

export async function sqliteTransaction<D extends object, T>(client: Database.Database, db: D, fn: (tx: D) => Promise<T>): Promise<T> {
	const release = await acquire(client);
	const open = { value: true };
	let sentinel: NodeJS.Immediate | undefined;
	let timerSentinel: NodeJS.Timeout | undefined;
	try {
		client.exec('BEGIN IMMEDIATE');
		// Set before the body runs, so they are due before anything the body schedules.
		const waited = new Promise<Outcome<T>>((resolve) => {
			sentinel = setImmediate(() => resolve({ waited: true }));
			timerSentinel = setTimeout(() => resolve({ waited: true }), 0);
		});
		let body: Promise<T>;
		try {
			body = fn(scoped(db, open));
		} catch (error) {
			body = Promise.reject(error);
		}
		const outcome = await Promise.race([
			body.then(
				(value): Outcome<T> => ({ ok: true, value }),
				(error): Outcome<T> => ({ ok: false, error })
			),
			waited
		]);
		open.value = false;
		if ('waited' in outcome) {
			rollback(client);
			// Whatever the body does or throws from here on is beside the point: it has been told.
			body.catch(() => {});
			throw new TransactionWaitedError();
		}
		if (!outcome.ok) {
			rollback(client);
			throw outcome.error;
		}
		try {
			client.exec('COMMIT');
		} catch (error) {
			rollback(client);
			throw error;
		}
		return outcome.value;
	} finally {
		open.value = false;
		clearImmediate(sentinel);
		clearTimeout(timerSentinel);
		release();
	}
}
