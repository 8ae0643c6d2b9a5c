/**
 * Publishing and withdrawing projects through a database of either dialect, for suites that
 * run on both (describeEachDialect). On SQLite it is publishVersion and unpublishRecord
 * themselves. PostgreSQL has no publishVersion of its own yet: there the rows publishVersion
 * writes are made in a scratch SQLite file and written through the handle in one
 * transaction that moves public_state as markChanged does, so the change-log triggers see
 * what a real publication does.
 */
import { eq, sql as raw } from 'drizzle-orm';
import type { ProjectRecord } from '../../src/lib/records/fields';
import * as sqlite from '../../src/lib/server/db/schema';
import type { Sql, SqlDb } from '../../src/lib/server/db/sql';
import { publishVersion, unpublishRecord } from '../../src/lib/server/public/index-projects';
import { createApproved, projectRecord } from './approved';
import { tempDatabase, type TempDatabase } from './db';
import type { DialectDatabase } from './dialects';
import { draftRecord } from './records-sql';

export interface Publisher {
	/** Publishes a new project; its record id. */
	publish(sql: Sql, fields: Partial<ProjectRecord>): Promise<string>;
	/** Publishes a new version of a published project. */
	republish(sql: Sql, recordId: string, fields: Partial<ProjectRecord>): Promise<void>;
	withdraw(sql: Sql, recordId: string): Promise<void>;
	close(): void;
}

export function publisher(database: DialectDatabase): Publisher {
	return database.sqlite ? sqlitePublisher(database.sqlite) : pgPublisher();
}

function sqlitePublisher(db: NonNullable<DialectDatabase['sqlite']>): Publisher {
	return {
		async publish(_sql, fields) {
			return createApproved(db, { record: fields }).recordId;
		},
		async republish(_sql, recordId, fields) {
			const { recordVersions } = sqlite;
			db.transaction((tx) => {
				const [{ id: _, ...latest }] = tx.select().from(recordVersions).where(eq(recordVersions.recordId, recordId)).all().slice(-1);
				tx.insert(recordVersions)
					.values({ ...latest, version: latest.version + 1, data: projectRecord(fields), approvedAt: new Date() })
					.run();
				publishVersion(tx, recordId);
			});
		},
		async withdraw(_sql, recordId) {
			db.transaction((tx) => unpublishRecord(tx, recordId));
		},
		close() {}
	};
}

function pgPublisher(): Publisher {
	const scratch: TempDatabase = tempDatabase();
	/** The rows publishVersion writes for these fields, made in the scratch file. */
	function rows(fields: Partial<ProjectRecord>) {
		const { recordId } = createApproved(scratch.db, { record: fields });
		const { publicProjects, publicProjectRecords, publicProjectFacetValues } = sqlite;
		const { id, recordId: _, ...project } = scratch.db.select().from(publicProjects).where(eq(publicProjects.recordId, recordId)).get()!;
		const { record, sources } = scratch.db.select().from(publicProjectRecords).where(eq(publicProjectRecords.projectId, id)).get()!;
		const facets = scratch.db
			.select({ facet: publicProjectFacetValues.facet, value: publicProjectFacetValues.value })
			.from(publicProjectFacetValues)
			.where(eq(publicProjectFacetValues.projectId, id))
			.all();
		return { project, record, sources, facets };
	}
	async function write(sql: Sql, recordId: string, fields: Partial<ProjectRecord>): Promise<void> {
		const made = rows(fields);
		const { publicProjects, publicProjectRecords, publicProjectFacetValues } = sql.t;
		await sql.tx(async (tx) => {
			const [existing] = await tx.select({ id: publicProjects.id }).from(publicProjects).where(eq(publicProjects.recordId, recordId));
			let id: number;
			if (existing) {
				id = existing.id;
				await tx.update(publicProjects).set(made.project).where(eq(publicProjects.id, id));
				await tx
					.update(publicProjectRecords)
					.set({ record: made.record, sources: made.sources })
					.where(eq(publicProjectRecords.projectId, id));
				await tx.delete(publicProjectFacetValues).where(eq(publicProjectFacetValues.projectId, id));
			} else {
				[{ id }] = await tx
					.insert(publicProjects)
					.values({ recordId, ...made.project })
					.returning({ id: publicProjects.id });
				await tx.insert(publicProjectRecords).values({ projectId: id, record: made.record, sources: made.sources });
			}
			if (made.facets.length) await tx.insert(publicProjectFacetValues).values(made.facets.map((f) => ({ projectId: id, ...f })));
			await markChanged(sql, tx);
		});
	}
	return {
		async publish(sql, fields) {
			const recordId = await draftRecord(sql, projectRecord(fields));
			await write(sql, recordId, fields);
			return recordId;
		},
		republish: write,
		async withdraw(sql, recordId) {
			const { publicProjects } = sql.t;
			await sql.tx(async (tx) => {
				await tx.delete(publicProjects).where(eq(publicProjects.recordId, recordId));
				await markChanged(sql, tx);
			});
		},
		close: () => scratch.cleanup()
	};
}

async function markChanged(sql: Sql, tx: SqlDb): Promise<void> {
	const { publicState } = sql.t;
	await tx
		.insert(publicState)
		.values({ id: 1, generation: 1, changedAt: new Date() })
		.onConflictDoUpdate({ target: publicState.id, set: { generation: raw`${publicState.generation} + 1` } });
}
