/** For auth suites that share one database per dialect (tests/helpers/dialects.ts) yet need each test to start empty. */
import { desc, eq } from 'drizzle-orm';
import type { Sql } from '../../src/lib/server/db/sql';

/** No users (their sessions and tokens go with them), no audit entries, no throttle counts. */
export async function clearAuthTables(sql: Sql): Promise<void> {
	const { auditLog, signInThrottle, users } = sql.t;
	await sql.db.delete(auditLog);
	await sql.db.delete(signInThrottle);
	await sql.db.delete(users);
}

/** The newest audit entries first, with the actor's address, as the admin's audit page lists them. */
export async function recentAudit(sql: Sql, count: number) {
	const { auditLog, users } = sql.t;
	const rows = await sql.db
		.select({ entry: auditLog, actorEmail: users.email })
		.from(auditLog)
		.leftJoin(users, eq(users.id, auditLog.actorId))
		.orderBy(desc(auditLog.at), desc(auditLog.id))
		.limit(count);
	return rows.map(({ entry, actorEmail }) => ({ ...entry, actorEmail }));
}
