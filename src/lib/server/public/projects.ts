/** Reading published projects in the open-data shape: the record plus id, version, approvedAt and sources. */
import { and, asc, desc, eq, gt, inArray, count } from 'drizzle-orm';
import type { Sql } from '../db/sql';
import { facetWhere } from './filters';
import type { PublicRecord, PublicSource } from '../../records/public-record';
import type { PublicFilters } from './query';
import { matchingIds } from './search-index';

export type ApiProject = { id: string; version: number; approvedAt: string } & PublicRecord & { sources: PublicSource[] };

interface ProjectRow {
	seq: number;
	recordId: string;
	version: number;
	approvedAt: Date;
	record: PublicRecord;
	sources: PublicSource[];
}

function apiProject(row: ProjectRow): ApiProject {
	return { id: row.recordId, version: row.version, approvedAt: row.approvedAt.toISOString(), ...row.record, sources: row.sources };
}

function selectProjects(sql: Sql) {
	const { publicProjects: p, publicProjectRecords: r } = sql.t;
	return sql.db
		.select({ seq: p.id, recordId: p.recordId, version: p.version, approvedAt: p.approvedAt, record: r.record, sources: r.sources })
		.from(p)
		.innerJoin(r, eq(r.projectId, p.id));
}

export interface ProjectBatch {
	projects: ApiProject[];
	/** The position after the last project, for the next batch; null at the end. */
	next: number | null;
}

/**
 * Projects in order of first publication, after a position: keyset paging, so a page
 * deep into 100,000 projects costs what the first does and a project published during
 * a harvest appears at its end instead of shifting every page.
 */
export async function projectsAfter(sql: Sql, filters: PublicFilters, after: number, limit: number): Promise<ProjectBatch> {
	const { publicProjects: p } = sql.t;
	let rows: ProjectRow[];
	if (filters.q.trim()) {
		// The words are matched on the search index, which applies the facets too: only the batch's rows are read here.
		const ids = await matchingIds(sql, filters);
		let from = 0;
		while (from < ids.length && ids[from] <= after) from++;
		const batch = Array.from(ids.subarray(from, from + limit + 1));
		rows = batch.length ? await selectProjects(sql).where(inArray(p.id, batch)).orderBy(asc(p.id)) : [];
	} else {
		rows = await selectProjects(sql)
			.where(and(gt(p.id, after), facetWhere(sql, filters)))
			.orderBy(asc(p.id))
			.limit(limit + 1);
	}
	const more = rows.length > limit;
	const page = more ? rows.slice(0, limit) : rows;
	return { projects: page.map(apiProject), next: more ? page[page.length - 1].seq : null };
}

export async function countProjects(sql: Sql, filters: PublicFilters): Promise<number> {
	if (filters.q.trim()) return (await matchingIds(sql, filters)).length;
	const { publicProjects } = sql.t;
	const [row] = await sql.db.select({ n: count() }).from(publicProjects).where(facetWhere(sql, filters));
	return row.n;
}

export interface VersionEntry {
	version: number;
	approvedAt: Date;
}

export interface ProjectDetail {
	project: ApiProject;
	/** Every approved version, newest first; approvers' notes and names stay internal. */
	versions: VersionEntry[];
}

export async function getProject(sql: Sql, recordId: string): Promise<ProjectDetail | null> {
	const { publicProjects, recordVersions } = sql.t;
	const [row] = await selectProjects(sql).where(eq(publicProjects.recordId, recordId));
	if (!row) return null;
	const versions = await sql.db
		.select({ version: recordVersions.version, approvedAt: recordVersions.approvedAt })
		.from(recordVersions)
		.where(eq(recordVersions.recordId, recordId))
		.orderBy(desc(recordVersions.version));
	return { project: apiProject(row), versions };
}
