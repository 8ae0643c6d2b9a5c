import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { ProjectRecord } from '../../../records/fields';
import { records } from './records';

/**
 * Approved versions: immutable, numbered per record. The unique (record, version) pair is
 * the optimistic-concurrency guard: two approvers racing for v4 cannot both write it.
 */
export const recordVersions = sqliteTable(
	'record_versions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		recordId: text('record_id')
			.notNull()
			.references(() => records.id),
		version: integer('version').notNull(),
		data: text('data', { mode: 'json' }).$type<ProjectRecord>().notNull(),
		/** Yjs state vector of the live document at approval, to tell later edits from the approved state. */
		stateVector: blob('state_vector', { mode: 'buffer' }).notNull(),
		approvedBy: text('approved_by').notNull(),
		approvedAt: integer('approved_at', { mode: 'timestamp_ms' }).notNull(),
		note: text('note')
	},
	(t) => [
		uniqueIndex('record_versions_record_version_uq').on(t.recordId, t.version),
		index('record_versions_approved_at_idx').on(t.approvedAt)
	]
);

export type RecordVersion = typeof recordVersions.$inferSelect;
