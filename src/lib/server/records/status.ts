/**
 * The one writer of records.status. The review state lives in the record's live document;
 * the column mirrors it for lists, search and the public index, and three paths move it:
 * the projection of the live document (records/live/projection.ts), a review transition
 * (workflow.ts) and an approval's transaction (approve.ts). All of them write it here.
 * A new row starts as the column's default, 'draft'.
 */
import { eq } from 'drizzle-orm';
import type { ReviewState } from '../../records/review';
import type { Db } from '../db/client';
import { records } from '../db/schema';

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
