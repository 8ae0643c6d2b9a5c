import { index, pgTable, text, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { records } from './records';
import { at } from './types';

/** The PostgreSQL twin of schema/comments.ts. */
export const comments = pgTable(
	'comments',
	{
		id: text('id').primaryKey(),
		recordId: text('record_id')
			.notNull()
			.references(() => records.id, { onDelete: 'cascade' }),
		field: text('field'),
		parentId: text('parent_id').references((): AnyPgColumn => comments.id, { onDelete: 'cascade' }),
		authorId: text('author_id')
			.notNull()
			.references(() => users.id),
		body: text('body').notNull(),
		createdAt: at('created_at').notNull(),
		resolvedAt: at('resolved_at'),
		resolvedBy: text('resolved_by').references(() => users.id)
	},
	(t) => [index('comments_record_idx').on(t.recordId, t.createdAt)]
);

export type Comment = typeof comments.$inferSelect;
