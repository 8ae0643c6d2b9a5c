import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { WebhookEvent } from '../../../records/webhook-events';
import { users } from './auth';

/**
 * A URL told about chosen events. The secret is kept as given, because it must sign every
 * delivery; it is shown once, when the webhook is made, and never again (docs/webhooks.md).
 */
export const webhooks = sqliteTable('webhooks', {
	id: text('id').primaryKey(),
	url: text('url').notNull(),
	events: text('events', { mode: 'json' }).$type<WebhookEvent[]>().notNull(),
	secret: text('secret').notNull(),
	createdById: text('created_by_id').references(() => users.id, { onDelete: 'set null' }),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
});

export type WebhookRow = typeof webhooks.$inferSelect;

/**
 * One POST to make, or made: queued in the same database as the change so it survives a
 * restart, delivered by the worker in the server process, retried with backoff.
 */
export const webhookDeliveries = sqliteTable(
	'webhook_deliveries',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		webhookId: text('webhook_id')
			.notNull()
			.references(() => webhooks.id, { onDelete: 'cascade' }),
		event: text('event').notNull(),
		/** The exact JSON body sent on every attempt. */
		body: text('body').notNull(),
		status: text('status').$type<'pending' | 'delivered' | 'failed'>().notNull().default('pending'),
		attempts: integer('attempts').notNull().default(0),
		nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
		/** The receiver's HTTP status on the last attempt; null when it could not be reached. */
		lastStatus: integer('last_status'),
		lastError: text('last_error'),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		deliveredAt: integer('delivered_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt), index('webhook_deliveries_hook_idx').on(t.webhookId, t.id)]
);

export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
