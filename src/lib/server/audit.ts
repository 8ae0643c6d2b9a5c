/** The audit log: every feature that changes who may do what, or what is published, writes here. */
import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Sql, SqlDb } from './db/sql';
import type { AuditLogRow } from './db/schema';

export interface AuditEntry {
	/** Dotted and free-form, e.g. `auth.sign_in`, `user.role_changed`, `record.approved`. */
	action: string;
	/** The signed-in user who did it; null for the CLI, start-up and anonymous attempts. */
	actorId?: string | null;
	targetType?: string | null;
	targetId?: string | null;
	detail?: Record<string, unknown> | null;
	clientAddress?: string | null;
	at?: Date;
}

const auditRow = (entry: AuditEntry) => ({
	at: entry.at ?? new Date(),
	actorId: entry.actorId ?? null,
	action: entry.action,
	targetType: entry.targetType ?? null,
	targetId: entry.targetId ?? null,
	detail: entry.detail ?? null,
	clientAddress: entry.clientAddress ?? null
});

/** Writes one entry: `db` is `sql.db` or the transaction the entry belongs to, so it commits or rolls back with the change it describes. */
export async function auditSql(sql: Sql, db: Pick<SqlDb, 'insert'>, entry: AuditEntry): Promise<void> {
	await db.insert(sql.t.auditLog).values(auditRow(entry));
}

export type AuditListItem = AuditLogRow & { actorEmail: string | null };

export interface AuditFilters {
	/** Entries by this person. */
	actorId?: string | null;
	/** Exact action, e.g. `record.approved`. */
	action?: string | null;
	/** From this moment (inclusive) to that one (exclusive). */
	from?: Date | null;
	to?: Date | null;
}

function filterWhere(sql: Sql, f: AuditFilters): SQL | undefined {
	const { auditLog } = sql.t;
	return and(
		f.actorId ? eq(auditLog.actorId, f.actorId) : undefined,
		f.action ? eq(auditLog.action, f.action) : undefined,
		f.from ? gte(auditLog.at, f.from) : undefined,
		f.to ? lt(auditLog.at, f.to) : undefined
	);
}

/** Newest first; `page` counts from 1. */
export async function listAudit(
	sql: Sql,
	{ page, pageSize, ...filters }: { page: number; pageSize: number } & AuditFilters
): Promise<{ entries: AuditListItem[]; total: number }> {
	const { auditLog, users } = sql.t;
	const where = filterWhere(sql, filters);
	const rows = await sql.db
		.select({ entry: auditLog, actorEmail: users.email })
		.from(auditLog)
		.leftJoin(users, eq(users.id, auditLog.actorId))
		.where(where)
		.orderBy(desc(auditLog.at), desc(auditLog.id))
		.limit(pageSize)
		.offset((page - 1) * pageSize);
	const [counted] = await sql.db.select({ n: count() }).from(auditLog).where(where);
	return { entries: rows.map(({ entry, actorEmail }) => ({ ...entry, actorEmail })), total: counted?.n ?? 0 };
}

/** The actions the log holds, for a filter that offers only what can match. */
export async function auditActions(sql: Sql): Promise<string[]> {
	const { auditLog } = sql.t;
	const rows = await sql.db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action);
	return rows.map((r) => r.action);
}
