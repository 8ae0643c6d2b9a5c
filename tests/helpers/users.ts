/** Test users made through the same code path as the admin page and the CLI. */
import type { Db } from '../../src/lib/server/db/client';
import { sqliteSql, type Sql } from '../../src/lib/server/db/sql';
import type { Role } from '../../src/lib/server/auth/roles';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { createUser, setDisabled, type UserSummary } from '../../src/lib/server/auth/users';

export const TEST_PASSWORD = 'correct horse battery staple';

let made = 0;

export interface TestUser extends UserSummary {
	password: string;
}

/**
 * The async handle for a test's database. Suites not yet converted to `Sql` hold the
 * synchronous SQLite `Db`; the handle over it shares its connection (and transaction mutex).
 */
// Drizzle's own database has a `dialect` too: tell them apart by what only Sql has.
export const asSql = (db: Db | Sql): Sql => ('lockKeys' in db ? db : sqliteSql(db));

export async function createTestUser(
	db: Db | Sql,
	{
		role = 'editor',
		email,
		name,
		password = TEST_PASSWORD,
		disabled = false
	}: {
		role?: Role;
		email?: string;
		name?: string;
		password?: string;
		disabled?: boolean;
	} = {}
): Promise<TestUser> {
	made++;
	const sql = asSql(db);
	const actor = { userId: null, clientAddress: null, via: 'cli' } as const;
	const user = await createUser(
		sql,
		{ email: email ?? `${role}-${made}-${process.pid}@example.org`, name: name ?? `Test ${role} ${made}`, role, password },
		actor
	);
	return { ...(disabled ? await setDisabled(sql, user.id, true, actor) : user), password };
}

/**
 * A session for a new user of `role`, as the cookie a browser would send: for tests
 * of other features that need someone signed in without going through the form.
 */
export async function signedInAs(db: Db | Sql, role: Role): Promise<{ user: TestUser; cookie: { name: string; value: string } }> {
	const user = await createTestUser(db, { role });
	const { token } = await createSession(asSql(db), user.id);
	return { user, cookie: { name: SESSION_COOKIE, value: token } };
}
