import { doublePrecision, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import type { ProjectRecord } from '../../../records/fields';
import { users } from './auth';
import { documents } from './documents';
import { records } from './records';
import { at } from './types';

/** The PostgreSQL twin of schema/suggestions.ts. */
export const fieldSuggestions = pgTable(
	'field_suggestions',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		recordId: text('record_id')
			.notNull()
			.references(() => records.id, { onDelete: 'cascade' }),
		field: text('field').notNull(),
		value: jsonb('value').$type<ProjectRecord[keyof ProjectRecord]>().notNull(),
		documentId: text('document_id')
			.notNull()
			.references(() => documents.id),
		start: integer('start').notNull(),
		end: integer('end').notNull(),
		snippet: text('snippet').notNull(),
		rule: text('rule').notNull(),
		confidence: doublePrecision('confidence').notNull(),
		createdAt: at('created_at').notNull(),
		resolvedAt: at('resolved_at'),
		resolvedById: text('resolved_by_id').references(() => users.id, { onDelete: 'set null' })
	},
	(t) => [index('field_suggestions_record_idx').on(t.recordId)]
);

export type FieldSuggestion = typeof fieldSuggestions.$inferSelect;
