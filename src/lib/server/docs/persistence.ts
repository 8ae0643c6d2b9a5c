/**
 * Where live documents are kept between processes. The document store is the only
 * caller; SQLite implements it now, a PostgreSQL implementation would implement the
 * same five calls (which is why they may return promises).
 */
import type { ProjectRecord } from '../../records/fields';
import type { ReviewState } from '../../records/review';

export interface StoredDoc {
	/** The record's update log, oldest first. */
	updates: Uint8Array[];
	/** Id of the newest row, the point up to which compaction may fold; 0 when there is none. */
	lastId: number;
	/** The record's draft and review state, the first state of a record that has no log yet. */
	seed: { draft: ProjectRecord; status: ReviewState };
}

/** The columns of the records table that mirror the live document, for lists and search. */
export interface RecordProjection {
	title: string;
	draft: ProjectRecord;
	/** Only when the document's review state changed. */
	status?: ReviewState;
	updatedAt: Date;
}

export interface DocPersistence {
	/** null when there is no such record. */
	load(recordId: string): Promise<StoredDoc | null>;
	/**
	 * Stores one update durably and gives its row id: at once when the store can (SQLite,
	 * in process), so the update is sent on in the same turn; or as a promise (a database
	 * across the network), and the store announces it when that resolves.
	 */
	append(recordId: string, update: Uint8Array): number | Promise<number>;
	/** Replaces the rows up to throughId by one row holding state; resolves to the new row's id. */
	compact(recordId: string, state: Uint8Array, throughId: number): Promise<number>;
	project(recordId: string, projection: RecordProjection): Promise<void>;
	recordExists(recordId: string): Promise<boolean>;
}
