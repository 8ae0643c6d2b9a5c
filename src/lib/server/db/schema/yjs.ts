import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { records } from './records';

/**
 * The append-only log of a record's live Yjs document: every update is a row, written
 * before it is broadcast. Compaction replaces a record's rows by one merged update.
 */
export const yjsUpdates = sqliteTable(
	'yjs_updates',
	{
		id: integer('id').primaryKey(),
		recordId: text('record_id')
			.notNull()
			.references(() => records.id, { onDelete: 'cascade' }),
		data: blob('data', { mode: 'buffer' }).notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('yjs_updates_record_idx').on(t.recordId, t.id)]
);

export type YjsUpdateRow = typeof yjsUpdates.$inferSelect;
