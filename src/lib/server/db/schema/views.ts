import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './auth';

/**
 * A named review-queue view: the queue's query string (filters and sort), saved by a
 * person for themselves or shared with everyone. The query is stored as the URL holds it
 * and parsed by the same code as the URL, so a view can never mean more than a link.
 */
export const savedViews = sqliteTable(
	'saved_views',
	{
		id: text('id').primaryKey(),
		ownerId: text('owner_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		/** Normalised query string without the leading `?`, e.g. `assigned=me&sort=confidence`. */
		query: text('query').notNull(),
		shared: integer('shared', { mode: 'boolean' }).notNull().default(false),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('saved_views_owner_idx').on(t.ownerId), index('saved_views_shared_idx').on(t.shared)]
);

export type SavedView = typeof savedViews.$inferSelect;
