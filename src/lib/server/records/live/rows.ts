/**
 * The records row as the record extensions see it: where a new document's first state
 * comes from and where the live document is mirrored to for lists and search. SQLite
 * (sqlite-rows.ts) and PostgreSQL (pg-rows.ts) implement it.
 */
import type { ProjectRecord } from '../../../records/fields';
import type { ReviewState } from '../../../records/review';

/** A record's draft and review state as its row holds them: the first state of a record whose log is empty. */
export interface RecordSeed {
	draft: ProjectRecord;
	status: ReviewState;
}

/** The columns of the records table that mirror the live document. */
export interface RecordProjection {
	title: string;
	draft: ProjectRecord;
	/** Only when the document's review state changed (written through records/status.ts). */
	status?: ReviewState;
	updatedAt: Date;
}

export interface RecordRows {
	/** null when there is no such record. */
	seed(recordId: string): Promise<RecordSeed | null>;
	project(recordId: string, projection: RecordProjection): Promise<void>;
}
