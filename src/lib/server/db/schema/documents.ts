import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './auth';

/** How a document's original file was read (ingest/formats/detect.ts decides it from the bytes). */
export const DOCUMENT_FORMATS = ['text', 'markdown', 'html', 'pdf', 'docx'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export const documents = sqliteTable(
	'documents',
	{
		id: text('id').primaryKey(),
		contentHash: text('content_hash').notNull().unique(),
		/** The stored text that every provenance offset points into. */
		content: text('content').notNull(),
		language: text('language').notNull(),
		title: text('title').notNull(),
		fileName: text('file_name'),
		sourceUrl: text('source_url'),
		ingestedAt: integer('ingested_at', { mode: 'timestamp_ms' }).notNull(),
		format: text('format').$type<DocumentFormat>().notNull().default('text'),
		/** The original file (kept in document_files): its media type, SHA-256 and size in bytes. */
		mediaType: text('media_type').notNull().default('text/plain'),
		fileHash: text('file_hash'),
		byteSize: integer('byte_size').notNull().default(0),
		/** Null for the CLI and seeds. */
		uploadedById: text('uploaded_by_id').references(() => users.id, { onDelete: 'set null' }),
		/** Set while a person says the document holds no project (documents/no-project.ts). */
		noProjectAt: integer('no_project_at', { mode: 'timestamp_ms' }),
		noProjectById: text('no_project_by_id').references(() => users.id, { onDelete: 'set null' }),
		/** When the extractor last read the document (ingest or re-extraction). */
		extractedAt: integer('extracted_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('documents_file_hash_idx').on(t.fileHash), index('documents_ingested_idx').on(t.ingestedAt)]
);

export type Document = typeof documents.$inferSelect;
export type NewDocument = typeof documents.$inferInsert;

/** The bytes a document was read from, for editors to download; apart so lists never load them. */
export const documentFiles = sqliteTable('document_files', {
	documentId: text('document_id')
		.primaryKey()
		.references(() => documents.id, { onDelete: 'cascade' }),
	data: blob('data', { mode: 'buffer' }).notNull()
});

export type DocumentFile = typeof documentFiles.$inferSelect;

/** Facts about this database itself, such as when seeds/ was ingested. */
export const appMeta = sqliteTable('app_meta', {
	key: text('key').primaryKey(),
	value: text('value').notNull()
});
