import { boolean, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import type { NotificationKind, NotificationPrefs } from '../../../records/notification-kinds';
import { users } from './auth';
import { comments } from './comments';
import { records } from './records';
import { at } from './types';

/** The PostgreSQL twins of schema/notifications.ts. */
export const notifications = pgTable(
	'notifications',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind').$type<NotificationKind>().notNull(),
		recordId: text('record_id').references(() => records.id, { onDelete: 'cascade' }),
		commentId: text('comment_id').references(() => comments.id, { onDelete: 'cascade' }),
		actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
		recordTitle: text('record_title'),
		inApp: boolean('in_app').notNull().default(true),
		createdAt: at('created_at').notNull(),
		readAt: at('read_at')
	},
	(t) => [index('notifications_user_idx').on(t.userId, t.readAt, t.createdAt)]
);

export type NotificationRow = typeof notifications.$inferSelect;

export const notificationPrefs = pgTable('notification_prefs', {
	userId: text('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	prefs: jsonb('prefs').$type<NotificationPrefs>().notNull(),
	unsubscribeToken: text('unsubscribe_token').notNull().unique(),
	updatedAt: at('updated_at').notNull()
});

export type NotificationPrefsRow = typeof notificationPrefs.$inferSelect;

export const commentMentions = pgTable(
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

export const emailOutbox = pgTable(
	'email_outbox',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		notificationId: integer('notification_id')
			.notNull()
			.references(() => notifications.id, { onDelete: 'cascade' }),
		createdAt: at('created_at').notNull(),
		sentAt: at('sent_at'),
		attempts: integer('attempts').notNull().default(0),
		lastError: text('last_error')
	},
	(t) => [index('email_outbox_pending_idx').on(t.sentAt, t.userId, t.createdAt)]
);

export type EmailOutboxRow = typeof emailOutbox.$inferSelect;
