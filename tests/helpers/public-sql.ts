/**
 * Publishing and withdrawing projects through a database of either dialect, for suites that
 * run on both (describeEachDialect): createApproved, publishVersion and unpublishRecord
 * themselves, so the change-log triggers see what a real publication does.
 */
import { desc, eq } from 'drizzle-orm';
import type { ProjectRecord } from '../../src/lib/records/fields';
import type { Sql } from '../../src/lib/server/db/sql';
import { publishVersion, unpublishRecord } from '../../src/lib/server/public/index-projects';
import { createApproved, projectRecord } from './approved';

export interface Publisher {
	/** Publishes a new project; its record id. */
	publish(sql: Sql, fields: Partial<ProjectRecord>): Promise<string>;
	/** Publishes a new version of a published project. */
	republish(sql: Sql, recordId: string, fields: Partial<ProjectRecord>): Promise<void>;
	withdraw(sql: Sql, recordId: string): Promise<void>;
	close(): void;
}

export function publisher(): Publisher {
	return {
		async publish(sql, fields) {
			return (await createApproved(sql, { record: fields })).recordId;
		},
		async republish(sql, recordId, fields) {
			const { recordVersions } = sql.t;
			await sql.tx(async (tx) => {
				const [{ id: _, ...latest }] = await tx
					.select()
					.from(recordVersions)
					.where(eq(recordVersions.recordId, recordId))
					.orderBy(desc(recordVersions.version))
					.limit(1);
				await tx
					.insert(recordVersions)
					.values({ ...latest, version: latest.version + 1, data: projectRecord(fields), approvedAt: new Date() });
				await publishVersion(sql, tx, recordId);
			});
		},
		async withdraw(sql, recordId) {
			await sql.tx((tx) => unpublishRecord(sql, tx, recordId));
		},
		close() {}
	};
}
