import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './auth';

/** Append-only record of who did what; `action` is a free string such as `auth.sign_in` or `record.approved`. */
export const auditLog = sqliteTable(
	'audit_log',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		at: integer('at', { mode: 'timestamp_ms' }).notNull(),
		/** Null for the CLI, start-up and anonymous attempts. */
		actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
		action: text('action').notNull(),
		targetType: text('target_type'),
		targetId: text('target_id'),
		detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
		clientAddress: text('client_address')
	},
	(t) => [index('audit_log_at_idx').on(t.at), index('audit_log_action_idx').on(t.action)]
);

export type AuditLogRow = typeof auditLog.$inferSelect;
