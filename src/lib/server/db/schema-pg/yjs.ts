import { bigint, index, pgTable, text } from 'drizzle-orm/pg-core';
import { records } from './records';
import { at, bytea } from './types';

/**
 * The PostgreSQL twin of schema/yjs.ts: the append-only update log, shared by every
 * process. bigint ids: every keystroke of every editor is a row, and SQLite's are 64-bit too.
 */
export const yjsUpdates = pgTable(
	'yjs_updates',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
		recordId: text('record_id')
			.notNull()
			.references(() => records.id, { onDelete: 'cascade' }),
		data: bytea('data').notNull(),
		createdAt: at('created_at').notNull()
	},
	(t) => [index('yjs_updates_record_idx').on(t.recordId, t.id)]
);

export type YjsUpdateRow = typeof yjsUpdates.$inferSelect;
