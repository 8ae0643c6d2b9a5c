/**
 * `AppContext.db` in PostgreSQL mode. There is no SQLite connection then, and code not yet
 * converted to `sql` (docs/database.md, "What remains") must fail saying so: not crash on
 * undefined, and never quietly open DATABASE_PATH, which would split the data in two.
 * Goes away with `AppContext.db` once every slice runs on `sql`.
 */
import type { Db } from './client';

export class SqliteOnlyError extends Error {
	override name = 'SqliteOnlyError';
}

/** The first frame of the stack below the proxy: the unconverted code that reached for the handle. */
function caller(err: Error): string {
	const frame = err.stack?.split('\n').find((line) => line.trimStart().startsWith('at '));
	return frame ? frame.trim().replace(/^at /, '') : 'code that uses AppContext.db';
}

export function sqliteOnlyDb(): Db {
	const get = (_target: object, prop: string | symbol): unknown => {
		// util.inspect, await and string conversion look for these: a log line naming the context must not throw.
		if (typeof prop === 'symbol' || prop === 'then' || prop === 'toJSON') return undefined;
		const err = new SqliteOnlyError('');
		Error.captureStackTrace(err, get);
		err.message =
			`PostgreSQL mode: ${caller(err)} still runs on SQLite only (it asked AppContext.db for "${prop}"; ` +
			'it is to be converted to the async handle `sql`, docs/database.md)';
		throw err;
	};
	return new Proxy({}, { get }) as Db;
}
