import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { NotificationKind, NotificationPrefs } from '../../../records/notification-kinds';
import { users } from './auth';
import { comments } from './comments';
import { records } from './records';

/** One thing a person is told about in the workspace (the bell); see notify/notifications.ts. */
export const notifications = sqliteTable(
	'notifications',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind').$type<NotificationKind>().notNull(),
		recordId: text('record_id').references(() => records.id, { onDelete: 'cascade' }),
		commentId: text('comment_id').references(() => comments.id, { onDelete: 'cascade' }),
		/** Who caused it; null when the server did. */
		actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
		/** The record's title when it happened, so the list reads well without a join per row. */
		recordTitle: text('record_title'),
		/** False when the person wants this kind by e-mail only: the row exists for the digest, the bell ignores it. */
		inApp: integer('in_app', { mode: 'boolean' }).notNull().default(true),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		readAt: integer('read_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('notifications_user_idx').on(t.userId, t.readAt, t.createdAt)]
);

export type NotificationRow = typeof notifications.$inferSelect;

/** A person's choices: which events, in the workspace and/or by e-mail. No row: the defaults. */
export const notificationPrefs = sqliteTable('notification_prefs', {
	userId: text('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	prefs: text('prefs', { mode: 'json' }).$type<NotificationPrefs>().notNull(),
	/**
	 * The secret in the e-mails' unsubscribe link: random per person rather than derived,
	 * so it works without signing in, needs no server key, and is replaced (old links die)
	 * whenever the person changes their settings.
	 */
	unsubscribeToken: text('unsubscribe_token').notNull().unique(),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
});

export type NotificationPrefsRow = typeof notificationPrefs.$inferSelect;

/** The people a comment calls in with @name, resolved to accounts when it was written. */
export const commentMentions = sqliteTable(
	'comment_mentions',
	{
		commentId: text('comment_id')
			.notNull()
			.references(() => comments.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.commentId, t.userId] })]
);

export type CommentMention = typeof commentMentions.$inferSelect;

/**
 * E-mail waiting to go out: one row per notification a person wants by e-mail. The digest
 * worker sends all of a person's unsent rows as one message once the oldest has waited
 * the batch window; a row is marked sent only after the SMTP server accepted the message,
 * so a restart loses nothing (at worst a digest is sent twice).
 */
export const emailOutbox = sqliteTable(
	'email_outbox',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		notificationId: integer('notification_id')
			.notNull()
			.references(() => notifications.id, { onDelete: 'cascade' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
		attempts: integer('attempts').notNull().default(0),
		lastError: text('last_error')
	},
	(t) => [index('email_outbox_pending_idx').on(t.sentAt, t.userId, t.createdAt)]
);

export type EmailOutboxRow = typeof emailOutbox.$inferSelect;
