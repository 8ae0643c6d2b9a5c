import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { at } from './types';

/** The PostgreSQL twin of schema/api-tokens.ts. */
export const apiTokens = pgTable(
	'api_tokens',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		tokenHash: text('token_hash').notNull().unique(),
		createdAt: at('created_at').notNull(),
		lastUsedAt: at('last_used_at'),
		revokedAt: at('revoked_at')
	},
	(t) => [index('api_tokens_user_idx').on(t.userId)]
);

export type ApiToken = typeof apiTokens.$inferSelect;
