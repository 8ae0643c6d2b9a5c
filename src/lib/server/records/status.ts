/**
 * The one writer of records.status. The review state lives in the record's live document;
 * the column mirrors it for lists, search and the public index, and three paths move it:
 * the projection of the live document (records/live/projection.ts), a review transition
 * (workflow.ts) and an approval's transaction (approve.ts). All of them write it here.
 * A new row starts as the column's default, 'draft'. writeRecordStatusPg is the same
 * write on PostgreSQL (issue 13), where only the projection uses it so far.
 */
import { eq } from 'drizzle-orm';
import type { ReviewState } from '../../records/review';
import type { Db } from '../db/client';
import type { PgDb } from '../db/pg-client';
import { records } from '../db/schema';
import { records as pgRecords } from '../db/schema-pg';

export function writeRecordStatus(
	db: Pick<Db, 'update'>,
	recordId: string,
	status: ReviewState,
	at: Date,
	/** Set with 'approved' by the approval that made the version. */
	approvedVersion?: number
): void {
	db.update(records)
		.set({ status, updatedAt: at, ...(approvedVersion === undefined ? {} : { approvedVersion }) })
		.where(eq(records.id, recordId))
		.run();
}

export async function writeRecordStatusPg(
	db: Pick<PgDb, 'update'>,
	recordId: string,
	status: ReviewState,
	at: Date,
	approvedVersion?: number
): Promise<void> {
	await db
		.update(pgRecords)
		.set({ status, updatedAt: at, ...(approvedVersion === undefined ? {} : { approvedVersion }) })
		.where(eq(pgRecords.id, recordId));
}
