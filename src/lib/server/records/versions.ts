/** Reads of approved versions, for history, diff and restore. */
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { recordVersions, users, type RecordVersion } from '../db/schema';

export interface VersionSummary {
	version: number;
	approvedAt: Date;
	approverName: string | null;
	note: string | null;
}

export function listVersions(db: Db, recordId: string): VersionSummary[] {
	return db
		.select({
			version: recordVersions.version,
			approvedAt: recordVersions.approvedAt,
			approverName: users.name,
			note: recordVersions.note
		})
		.from(recordVersions)
		.leftJoin(users, eq(users.id, recordVersions.approvedBy))
		.where(eq(recordVersions.recordId, recordId))
		.orderBy(desc(recordVersions.version))
		.all();
}

export function getVersion(db: Db, recordId: string, version: number): RecordVersion | null {
	return (
		db
			.select()
			.from(recordVersions)
			.where(and(eq(recordVersions.recordId, recordId), eq(recordVersions.version, version)))
			.get() ?? null
	);
}
