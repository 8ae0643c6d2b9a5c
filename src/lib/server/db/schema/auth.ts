import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { UiLang } from '../../../records/fields';
import type { Role } from '../../../records/roles';

export const users = sqliteTable('users', {
	id: text('id').primaryKey(),
	/** Trimmed and lower-cased, so one address is one account whatever its spelling. */
	email: text('email').notNull().unique(),
	name: text('name').notNull(),
	role: text('role').$type<Role>().notNull(),
	/** `scrypt$N$r$p$salt$hash`: the parameters travel with the hash so they can be raised later. */
	passwordHash: text('password_hash').notNull(),
	/** Set while the account may not sign in; null when active. */
	disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
	/** The language the person reads the pages in; null follows the browser's Accept-Language. */
	lang: text('lang').$type<UiLang>(),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
});

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export const sessions = sqliteTable(
	'sessions',
	{
		/** SHA-256 of the cookie's token (hex): a leaked database holds no usable session. */
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)]
);

export type Session = typeof sessions.$inferSelect;

/** Failed sign-ins per key (`account:<email>` or `address:<ip>`); see auth/rate-limit.ts. */
export const signInThrottle = sqliteTable(
	'sign_in_throttle',
	{
		key: text('key').primaryKey(),
		failures: integer('failures').notNull(),
		lockedUntil: integer('locked_until', { mode: 'timestamp_ms' }),
		/** After this the count starts over: the window has passed since the last failure or the end of the lock. */
		resetAt: integer('reset_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('sign_in_throttle_reset_idx').on(t.resetAt)]
);

export type SignInThrottle = typeof signInThrottle.$inferSelect;
