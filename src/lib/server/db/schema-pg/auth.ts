import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import type { Role } from '../../../records/roles';
import type { UiLang } from '../../../records/fields';
import { at } from './types';

/** The PostgreSQL twin of schema/auth.ts (the parity test keeps them equal). */
export const users = pgTable('users', {
	id: text('id').primaryKey(),
	/** Trimmed and lower-cased, so one address is one account whatever its spelling. */
	email: text('email').notNull().unique(),
	name: text('name').notNull(),
	role: text('role').$type<Role>().notNull(),
	passwordHash: text('password_hash').notNull(),
	disabledAt: at('disabled_at'),
	/** The language the person reads the pages in; null follows the browser's Accept-Language. */
	lang: text('lang').$type<UiLang>(),
	createdAt: at('created_at').notNull(),
	updatedAt: at('updated_at').notNull()
});

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export const sessions = pgTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: at('created_at').notNull(),
		expiresAt: at('expires_at').notNull()
	},
	(t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)]
);

export type Session = typeof sessions.$inferSelect;

export const signInThrottle = pgTable(
	'sign_in_throttle',
	{
		key: text('key').primaryKey(),
		failures: integer('failures').notNull(),
		lockedUntil: at('locked_until'),
		resetAt: at('reset_at').notNull()
	},
	(t) => [index('sign_in_throttle_reset_idx').on(t.resetAt)]
);

export type SignInThrottle = typeof signInThrottle.$inferSelect;
