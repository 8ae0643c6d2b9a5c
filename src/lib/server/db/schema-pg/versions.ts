import { index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { ProjectRecord } from '../../../records/fields';
import { records } from './records';
import { at, bytea } from './types';

/**
 * The PostgreSQL twin of schema/versions.ts. The unique (record, version) pair stays the
 * guard that lets two processes race for v4 and only one write it.
 */
export const recordVersions = pgTable(
	'record_versions',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		recordId: text('record_id')
			.notNull()
			.references(() => records.id),
		version: integer('version').notNull(),
		data: jsonb('data').$type<ProjectRecord>().notNull(),
		stateVector: bytea('state_vector').notNull(),
		approvedBy: text('approved_by').notNull(),
		approvedAt: at('approved_at').notNull(),
		note: text('note')
	},
	(t) => [
		uniqueIndex('record_versions_record_version_uq').on(t.recordId, t.version),
		index('record_versions_approved_at_idx').on(t.approvedAt)
	]
);

export type RecordVersion = typeof recordVersions.$inferSelect;
