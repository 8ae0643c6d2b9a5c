import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { ProjectRecord } from '../../../records/fields';
import { documents } from './documents';
import { records } from './records';
import { users } from './auth';

/**
 * A value a re-extraction found for a field a person had already changed: offered beside
 * the person's value, never written over it. One open suggestion per record and field.
 */
export const fieldSuggestions = sqliteTable(
	'field_suggestions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		recordId: text('record_id')
			.notNull()
			.references(() => records.id, { onDelete: 'cascade' }),
		field: text('field').notNull(),
		value: text('value', { mode: 'json' }).$type<ProjectRecord[keyof ProjectRecord]>().notNull(),
		documentId: text('document_id')
			.notNull()
			.references(() => documents.id),
		/** The span the extractor read it from, as in field_provenance. */
		start: integer('start').notNull(),
		end: integer('end').notNull(),
		snippet: text('snippet').notNull(),
		rule: text('rule').notNull(),
		confidence: real('confidence').notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		/** Set when a person took or dismissed it. */
		resolvedAt: integer('resolved_at', { mode: 'timestamp_ms' }),
		resolvedById: text('resolved_by_id').references(() => users.id, { onDelete: 'set null' })
	},
	(t) => [index('field_suggestions_record_idx').on(t.recordId)]
);

export type FieldSuggestion = typeof fieldSuggestions.$inferSelect;
