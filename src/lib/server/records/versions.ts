/** Reads of approved versions, for history, diff and restore. */
import { and, desc, eq } from 'drizzle-orm';
import type { RecordVersion } from '../db/schema';
import type { Sql } from '../db/sql';

export interface VersionSummary {
	version: number;
	approvedAt: Date;
	approverName: string | null;
	note: string | null;
}

export async function listVersions(sql: Sql, recordId: string): Promise<VersionSummary[]> {
	const { recordVersions, users } = sql.t;
	return sql.db
		.select({
			version: recordVersions.version,
			approvedAt: recordVersions.approvedAt,
			approverName: users.name,
			note: recordVersions.note
		})
		.from(recordVersions)
		.leftJoin(users, eq(users.id, recordVersions.approvedBy))
		.where(eq(recordVersions.recordId, recordId))
		.orderBy(desc(recordVersions.version));
}

export async function getVersion(sql: Sql, recordId: string, version: number): Promise<RecordVersion | null> {
	const { recordVersions } = sql.t;
	const [row] = await sql.db
		.select()
		.from(recordVersions)
		.where(and(eq(recordVersions.recordId, recordId), eq(recordVersions.version, version)));
	return row ?? null;
}
