/** The audit log: every feature that changes who may do what, or what is published, writes here. */
import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Db } from './db/client';
import type { Sql, SqlDb } from './db/sql';
import { auditLog, users, type AuditLogRow } from './db/schema';

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

/** Accepts a transaction too, so the entry commits or rolls back with the change it describes. */
export function audit(db: Pick<Db, 'insert'>, entry: AuditEntry): void {
	db.insert(auditLog).values(auditRow(entry)).run();
}

/** audit() for code on the dialect-neutral handle: `db` is `sql.db` or the transaction the entry belongs to. */
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

function filterWhere(f: AuditFilters): SQL | undefined {
	return and(
		f.actorId ? eq(auditLog.actorId, f.actorId) : undefined,
		f.action ? eq(auditLog.action, f.action) : undefined,
		f.from ? gte(auditLog.at, f.from) : undefined,
		f.to ? lt(auditLog.at, f.to) : undefined
	);
}

/** Newest first; `page` counts from 1. */
export function listAudit(
	db: Db,
	{ page, pageSize, ...filters }: { page: number; pageSize: number } & AuditFilters
): { entries: AuditListItem[]; total: number } {
	const where = filterWhere(filters);
	const entries = db
		.select({ entry: auditLog, actorEmail: users.email })
		.from(auditLog)
		.leftJoin(users, eq(users.id, auditLog.actorId))
		.where(where)
		.orderBy(desc(auditLog.at), desc(auditLog.id))
		.limit(pageSize)
		.offset((page - 1) * pageSize)
		.all()
		.map(({ entry, actorEmail }) => ({ ...entry, actorEmail }));
	const total = db.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0;
	return { entries, total };
}

/** The actions the log holds, for a filter that offers only what can match. */
export function auditActions(db: Db): string[] {
	return db
		.selectDistinct({ action: auditLog.action })
		.from(auditLog)
		.orderBy(auditLog.action)
		.all()
		.map((r) => r.action);
}
