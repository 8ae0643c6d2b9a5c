import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const documents = sqliteTable('documents', {
	id: text('id').primaryKey(),
	contentHash: text('content_hash').notNull().unique(),
	/** The stored text that every provenance offset points into. */
	content: text('content').notNull(),
	language: text('language').notNull(),
	title: text('title').notNull(),
	fileName: text('file_name'),
	sourceUrl: text('source_url'),
	ingestedAt: integer('ingested_at', { mode: 'timestamp_ms' }).notNull()
});

export type Document = typeof documents.$inferSelect;
export type NewDocument = typeof documents.$inferInsert;

/** Facts about this database itself, such as when seeds/ was ingested. */
export const appMeta = sqliteTable('app_meta', {
	key: text('key').primaryKey(),
	value: text('value').notNull()
});
