import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { ProjectRecord } from '../../../records/fields';
import type { ReviewState } from '../../../records/review';
import { users } from './auth';
import { documents } from './documents';

export const records = sqliteTable(
	'records',
	{
		id: text('id').primaryKey(),
		title: text('title').notNull(),
		status: text('status').$type<ReviewState>().notNull().default('draft'),
		documentId: text('document_id')
			.notNull()
			.references(() => documents.id),
		/** The current draft as JSON: a projection of the live state for lists and search. */
		draft: text('draft', { mode: 'json' }).$type<ProjectRecord>().notNull(),
		/** Folded title and the funder's reference: how a project found again is recognised. */
		matchKey: text('match_key').notNull(),
		reference: text('reference'),
		/** The number of the latest approved version; null until the first approval. */
		approvedVersion: integer('approved_version'),
		/** An earlier record the extractor believes is the same project (proposed, not merged). */
		sameAsId: text('same_as_id'),
		/** Set when an editor merged this record into another: it is closed and points there (records/merge.ts). */
		mergedIntoId: text('merged_into_id'),
		mergedAt: integer('merged_at', { mode: 'timestamp_ms' }),
		/** The person who created the record from its document; null when the extractor found it. */
		createdById: text('created_by_id'),
		/** Set when a re-extraction of its document no longer found this record: flagged, never deleted. */
		notFoundAt: integer('not_found_at', { mode: 'timestamp_ms' }),
		/** The one person (editor or above) the record is handed to; see records/assign.ts. */
		assigneeId: text('assignee_id').references(() => users.id, { onDelete: 'set null' }),
		assignedAt: integer('assigned_at', { mode: 'timestamp_ms' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
			.notNull()
			.default(sql`(unixepoch() * 1000)`)
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

export const fieldProvenance = sqliteTable(
	'field_provenance',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
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
		confidence: real('confidence').notNull(),
		/** A person who pointed at this span in the source (null: the extractor found it). */
		setById: text('set_by_id'),
		setByName: text('set_by_name'),
		setAt: integer('set_at', { mode: 'timestamp_ms' }),
		/** Copied here from that record when the two were merged; un-merging removes exactly these rows. */
		mergedFromId: text('merged_from_id')
	},
	(t) => [index('field_provenance_record_idx').on(t.recordId)]
);

export type FieldProvenanceRow = typeof fieldProvenance.$inferSelect;
