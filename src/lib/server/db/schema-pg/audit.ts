import { bigint, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { at } from './types';

/** The PostgreSQL twin of schema/audit.ts; a bigint id, as SQLite's integer is 64-bit and the log only grows. */
export const auditLog = pgTable(
	'audit_log',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
		at: at('at').notNull(),
		actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
		action: text('action').notNull(),
		targetType: text('target_type'),
		targetId: text('target_id'),
		detail: jsonb('detail').$type<Record<string, unknown>>(),
		clientAddress: text('client_address')
	},
	(t) => [index('audit_log_at_idx').on(t.at), index('audit_log_action_idx').on(t.action)]
);

export type AuditLogRow = typeof auditLog.$inferSelect;
