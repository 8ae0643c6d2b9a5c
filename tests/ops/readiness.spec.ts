/** Readiness on both dialects: ready once every migration of this build is applied, else why not. */
import { expect, it } from 'vitest';
import { openPgDatabase, type PgDb } from '../../src/lib/server/db/pg-client';
import { pgSql, sqliteSql } from '../../src/lib/server/db/sql';
import { readiness } from '../../src/lib/server/ops/readiness';
import { tempDatabase } from '../helpers/db';
import { describeEachDialect } from '../helpers/dialects';

describeEachDialect('readiness', (database, dialect) => {
	it('is ready on a database holding every migration', async () => {
		expect(await readiness(database().sql)).toEqual({ ready: true });
	});

	it('is not ready while the newest migration is missing', async () => {
		// Forget the newest migration, as a database one release behind the code looks.
		const table = dialect === 'pg' ? 'drizzle.__drizzle_migrations' : '__drizzle_migrations';
		const forget = `DELETE FROM ${table} WHERE created_at = (SELECT max(created_at) FROM ${table})`;
		if (dialect === 'pg') await (database().sql.db as unknown as PgDb).execute(forget);
		else database().sqlite!.$client.exec(forget);
		expect(await readiness(database().sql)).toEqual({ ready: false, reason: 'database migrations not applied' });
	});

	it('is not ready when the database does not answer', async () => {
		const answer = async () => {
			if (dialect === 'pg') {
				// Nothing listens on port 1.
				const db = openPgDatabase('postgres://postgres@127.0.0.1:1/samla');
				try {
					return await readiness(pgSql(db));
				} finally {
					await db.$client.end();
				}
			}
			const temp = tempDatabase();
			temp.db.$client.close();
			try {
				return await readiness(sqliteSql(temp.db));
			} finally {
				temp.cleanup();
			}
		};
		expect(await answer()).toMatchObject({ ready: false, reason: expect.stringMatching(/^database unreachable: /) });
	});
});
