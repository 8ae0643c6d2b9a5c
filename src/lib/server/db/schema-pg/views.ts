import { boolean, index, pgTable, text } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { at } from './types';

/** The PostgreSQL twin of schema/views.ts. */
export const savedViews = pgTable(
	'saved_views',
	{
		id: text('id').primaryKey(),
		ownerId: text('owner_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		query: text('query').notNull(),
		shared: boolean('shared').notNull().default(false),
		createdAt: at('created_at').notNull()
	},
	(t) => [index('saved_views_owner_idx').on(t.ownerId), index('saved_views_shared_idx').on(t.shared)]
);

export type SavedView = typeof savedViews.$inferSelect;
