/**
 * The one writer of records.status. The review state lives in the record's live document;
 * the column mirrors it for lists, search and the public index, and three paths move it:
 * the projection of the live document (records/live/sqlite-rows.ts and pg-rows.ts), a
 * review transition (workflow.ts) and an approval's transaction (approve.ts). All of them
 * write it here, on either database. A new row starts as the column's default, 'draft'.
 */
import { eq } from 'drizzle-orm';
import type { ReviewState } from '../../records/review';
import type { Sql, SqlDb } from '../db/sql';

export async function writeRecordStatus(
	sql: Sql,
	tx: Pick<SqlDb, 'update'>,
	recordId: string,
	status: ReviewState,
	at: Date,
	/** Set with 'approved' by the approval that made the version. */
	approvedVersion?: number
): Promise<void> {
	const { records } = sql.t;
	await tx
		.update(records)
		.set({ status, updatedAt: at, ...(approvedVersion === undefined ? {} : { approvedVersion }) })
		.where(eq(records.id, recordId));
}
