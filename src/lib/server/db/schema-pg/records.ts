import { doublePrecision, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import type { ProjectRecord } from '../../../records/fields';
import type { ReviewState } from '../../../records/review';
import { users } from './auth';
import { documents } from './documents';
import { at } from './types';

/** The PostgreSQL twin of schema/records.ts; the draft is jsonb (SQLite keeps the same JSON as text). */
export const records = pgTable(
	'records',
	{
		id: text('id').primaryKey(),
		title: text('title').notNull(),
		status: text('status').$type<ReviewState>().notNull().default('draft'),
		documentId: text('document_id')
			.notNull()
			.references(() => documents.id),
		draft: jsonb('draft').$type<ProjectRecord>().notNull(),
		matchKey: text('match_key').notNull(),
		reference: text('reference'),
		approvedVersion: integer('approved_version'),
		sameAsId: text('same_as_id'),
		mergedIntoId: text('merged_into_id'),
		mergedAt: at('merged_at'),
		createdById: text('created_by_id'),
		assigneeId: text('assignee_id').references(() => users.id, { onDelete: 'set null' }),
		assignedAt: at('assigned_at'),
		notFoundAt: at('not_found_at'),
		createdAt: at('created_at').notNull(),
		updatedAt: at('updated_at').notNull().defaultNow()
	},
	(t) => [
		index('records_document_idx').on(t.documentId),
		index('records_status_idx').on(t.status),
		index('records_match_key_idx').on(t.matchKey),
		index('records_reference_idx').on(t.reference),
		index('records_assignee_idx').on(t.assigneeId)
	]
);

export type RecordRow = typeof records.$inferSelect;
export type NewRecordRow = typeof records.$inferInsert;

/** REAL in SQLite is 8 bytes: doublePrecision, not pg's 4-byte real, keeps confidences and amounts exact. */
export const fieldProvenance = pgTable(
	'field_provenance',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		recordId: text('record_id')
			.notNull()
			.references(() => records.id, { onDelete: 'cascade' }),
		field: text('field').notNull(),
		itemIndex: integer('item_index'),
		documentId: text('document_id')
			.notNull()
			.references(() => documents.id),
		start: integer('start').notNull(),
		end: integer('end').notNull(),
		snippet: text('snippet').notNull(),
		rule: text('rule').notNull(),
		confidence: doublePrecision('confidence').notNull(),
		setById: text('set_by_id'),
		setByName: text('set_by_name'),
		setAt: at('set_at'),
		mergedFromId: text('merged_from_id')
	},
	(t) => [index('field_provenance_record_idx').on(t.recordId)]
);

export type FieldProvenanceRow = typeof fieldProvenance.$inferSelect;
