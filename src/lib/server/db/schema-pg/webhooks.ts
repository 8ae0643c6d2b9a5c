import { index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import type { WebhookEvent } from '../../../records/webhook-events';
import { users } from './auth';
import { at } from './types';

/** The PostgreSQL twins of schema/webhooks.ts. */
export const webhooks = pgTable('webhooks', {
	id: text('id').primaryKey(),
	url: text('url').notNull(),
	events: jsonb('events').$type<WebhookEvent[]>().notNull(),
	secret: text('secret').notNull(),
	createdById: text('created_by_id').references(() => users.id, { onDelete: 'set null' }),
	createdAt: at('created_at').notNull()
});

export type WebhookRow = typeof webhooks.$inferSelect;

export const webhookDeliveries = pgTable(
	'webhook_deliveries',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		webhookId: text('webhook_id')
			.notNull()
			.references(() => webhooks.id, { onDelete: 'cascade' }),
		event: text('event').notNull(),
		body: text('body').notNull(),
		status: text('status').$type<'pending' | 'delivered' | 'failed'>().notNull().default('pending'),
		attempts: integer('attempts').notNull().default(0),
		nextAttemptAt: at('next_attempt_at').notNull(),
		lastStatus: integer('last_status'),
		lastError: text('last_error'),
		createdAt: at('created_at').notNull(),
		deliveredAt: at('delivered_at')
	},
	(t) => [index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt), index('webhook_deliveries_hook_idx').on(t.webhookId, t.id)]
);

export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
