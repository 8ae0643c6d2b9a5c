import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import type { DocumentFormat } from '../schema/documents';
import { users } from './auth';
import { at, bytea } from './types';

/** The PostgreSQL twin of schema/documents.ts (DOCUMENT_FORMATS lives there, once). */
export const documents = pgTable(
	'documents',
	{
		id: text('id').primaryKey(),
		contentHash: text('content_hash').notNull().unique(),
		content: text('content').notNull(),
		language: text('language').notNull(),
		title: text('title').notNull(),
		fileName: text('file_name'),
		sourceUrl: text('source_url'),
		ingestedAt: at('ingested_at').notNull(),
		format: text('format').$type<DocumentFormat>().notNull().default('text'),
		mediaType: text('media_type').notNull().default('text/plain'),
		fileHash: text('file_hash'),
		byteSize: integer('byte_size').notNull().default(0),
		uploadedById: text('uploaded_by_id').references(() => users.id, { onDelete: 'set null' }),
		noProjectAt: at('no_project_at'),
		noProjectById: text('no_project_by_id').references(() => users.id, { onDelete: 'set null' }),
		extractedAt: at('extracted_at')
	},
	(t) => [index('documents_file_hash_idx').on(t.fileHash), index('documents_ingested_idx').on(t.ingestedAt)]
);

export type Document = typeof documents.$inferSelect;
export type NewDocument = typeof documents.$inferInsert;

export const documentFiles = pgTable('document_files', {
	documentId: text('document_id')
		.primaryKey()
		.references(() => documents.id, { onDelete: 'cascade' }),
	data: bytea('data').notNull()
});

export type DocumentFile = typeof documentFiles.$inferSelect;

export const appMeta = pgTable('app_meta', {
	key: text('key').primaryKey(),
	value: text('value').notNull()
});
