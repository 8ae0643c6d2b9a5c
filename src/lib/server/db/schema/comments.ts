import { index, integer, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { records } from './records';

/** Review comments on a record or one of its fields; replies point at their thread's first comment. */
export const comments = sqliteTable(
	'comments',
	{
		id: text('id').primaryKey(),
		recordId: text('record_id')
			.notNull()
			.references(() => records.id, { onDelete: 'cascade' }),
		/** A field key, or null for the record as a whole. */
		field: text('field'),
		parentId: text('parent_id').references((): AnySQLiteColumn => comments.id, { onDelete: 'cascade' }),
		authorId: text('author_id')
			.notNull()
			.references(() => users.id),
		body: text('body').notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		resolvedAt: integer('resolved_at', { mode: 'timestamp_ms' }),
		resolvedBy: text('resolved_by').references(() => users.id)
	},
	(t) => [index('comments_record_idx').on(t.recordId, t.createdAt)]
);

export type Comment = typeof comments.$inferSelect;
