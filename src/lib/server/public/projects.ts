/** Reading published projects in the open-data shape: the record plus id, version, approvedAt and sources. */
import { desc, eq, sql } from 'drizzle-orm';
import { recordVersions } from '../db/schema';
import type { Conn } from './conn';
import { whereOf } from './filters';
import type { PublicRecord, PublicSource } from '../../records/public-record';
import type { PublicFilters } from './query';

export type ApiProject = { id: string; version: number; approvedAt: string } & PublicRecord & { sources: PublicSource[] };

interface ProjectRow {
	seq: number;
	record_id: string;
	version: number;
	approved_at: number;
	record: string;
	sources: string;
}

function apiProject(row: ProjectRow): ApiProject {
	return {
		id: row.record_id,
		version: row.version,
		approvedAt: new Date(row.approved_at).toISOString(),
		...(JSON.parse(row.record) as PublicRecord),
		sources: JSON.parse(row.sources) as PublicSource[]
	};
}

const COLUMNS = sql`p.id AS seq, p.record_id, p.version, p.approved_at, r.record, r.sources`;
const RECORDS = sql`JOIN public_project_records r ON r.project_id = p.id`;

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
export function projectsAfter(db: Conn, filters: PublicFilters, after: number, limit: number): ProjectBatch {
	const where = whereOf(filters);
	const rows = where.match
		? db.all<ProjectRow>(sql`SELECT ${COLUMNS} FROM public_search JOIN public_projects p ON p.id = public_search.rowid ${RECORDS}
			WHERE public_search MATCH ${where.match} AND public_search.rowid > ${after} AND ${where.rest}
			ORDER BY public_search.rowid LIMIT ${limit + 1}`)
		: db.all<ProjectRow>(
				sql`SELECT ${COLUMNS} FROM public_projects p ${RECORDS} WHERE p.id > ${after} AND ${where.rest} ORDER BY p.id LIMIT ${limit + 1}`
			);
	const more = rows.length > limit;
	const page = more ? rows.slice(0, limit) : rows;
	return { projects: page.map(apiProject), next: more ? page[page.length - 1].seq : null };
}

export function countProjects(db: Conn, filters: PublicFilters): number {
	return db.get<{ n: number }>(sql`SELECT count(*) AS n FROM public_projects p WHERE ${whereOf(filters).all}`).n;
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

export function getProject(db: Conn, recordId: string): ProjectDetail | null {
	const row = db.get<ProjectRow | undefined>(sql`SELECT ${COLUMNS} FROM public_projects p ${RECORDS} WHERE p.record_id = ${recordId}`);
	if (!row) return null;
	const versions = db
		.select({ version: recordVersions.version, approvedAt: recordVersions.approvedAt })
		.from(recordVersions)
		.where(eq(recordVersions.recordId, recordId))
		.orderBy(desc(recordVersions.version))
		.all();
	return { project: apiProject(row), versions };
}
