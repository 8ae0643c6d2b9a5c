/** The public search page's query: one page of projects, the total, and facet counts. */
import { sql, type SQL } from 'drizzle-orm';
import type { Money } from '../../records/fields';
import type { Conn } from './conn';
import { bandCase, whereOf, type Where } from './filters';
import type { PublicRecord } from './public-record';
import { AMOUNT_BANDS, type FacetKey, type PublicQuery, type Sort } from './query';
import { publicVersion } from './state';

export const PAGE_SIZE = 20;
/** Long tails of funders, programmes and regions are cut; the chosen value always shows (it is all that matches). */
const FACET_LIMIT = 15;

export interface ProjectSummary {
	id: string;
	title: string;
	owner: string | null;
	funder: string | null;
	programme: string | null;
	country: string | null;
	startDate: string | null;
	endDate: string | null;
	regions: string[];
	amount: Money | null;
	amountEur: number | null;
}

export interface FacetValue {
	value: string;
	count: number;
}

export type Facets = Record<FacetKey, FacetValue[]>;

export interface SearchResult {
	total: number;
	page: number;
	pageCount: number;
	items: ProjectSummary[];
	facets: Facets;
}

const ORDER: Record<Sort, SQL> = {
	relevance: sql`public_search.rank, p.id`,
	amount: sql`p.amount_eur DESC, p.id DESC`,
	start: sql`p.start_date DESC, p.id DESC`,
	title: sql`p.sort_title, p.id`
};

interface PageRow {
	record_id: string;
	record: string;
	amount_eur: number | null;
}

export function searchProjects(db: Conn, query: PublicQuery, pageSize = PAGE_SIZE): SearchResult {
	const where = whereOf(query);
	const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM public_projects p WHERE ${where.all}`).n;
	const pageCount = Math.max(1, Math.ceil(total / pageSize));
	const page = Math.min(query.page, pageCount);
	const sort = where.match ? query.sort : query.sort === 'relevance' ? 'title' : query.sort;
	const limit = sql`ORDER BY ${ORDER[sort]} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;
	const rows = where.match
		? db.all<PageRow>(sql`SELECT p.record_id, p.record, p.amount_eur
			FROM public_search JOIN public_projects p ON p.id = public_search.rowid
			WHERE public_search MATCH ${where.match} AND ${where.rest} ${limit}`)
		: db.all<PageRow>(sql`SELECT p.record_id, p.record, p.amount_eur FROM public_projects p WHERE ${where.rest} ${limit}`);
	return { total, page, pageCount, items: rows.map(summary), facets: facets(db, where) };
}

function summary(row: PageRow): ProjectSummary {
	const r = JSON.parse(row.record) as PublicRecord;
	return {
		id: row.record_id,
		title: r.title,
		owner: r.owner,
		funder: r.funder,
		programme: r.programme,
		country: r.country,
		startDate: r.startDate,
		endDate: r.endDate,
		regions: r.regions,
		amount: r.amount,
		amountEur: row.amount_eur
	};
}

/** Counting every project is the front page's work on each request; it changes only when the data does. */
const everythingCache = new WeakMap<Conn, { generation: number; facets: Facets }>();

function facets(db: Conn, where: Where): Facets {
	if (!where.everything) return countFacets(db, where.all);
	const { generation } = publicVersion(db);
	const hit = everythingCache.get(db);
	if (hit?.generation === generation) return hit.facets;
	const fresh = countFacets(db, where.all);
	everythingCache.set(db, { generation, facets: fresh });
	return fresh;
}

function countFacets(db: Conn, where: SQL): Facets {
	const column = (expr: SQL, order: SQL, limit: number) =>
		db
			.all<{ v: string | number; n: number }>(sql`SELECT ${expr} AS v, count(*) AS n FROM public_projects p
				WHERE ${where} AND v IS NOT NULL GROUP BY v ORDER BY ${order} LIMIT ${limit}`)
			.map((r) => ({ value: String(r.v), count: r.n }));
	const byCount = sql`n DESC, v`;
	const bands = new Map(column(bandCase, byCount, AMOUNT_BANDS.length).map((f) => [f.value, f]));
	return {
		country: column(sql`p.country`, byCount, 300),
		funder: column(sql`p.funder`, byCount, FACET_LIMIT),
		programme: column(sql`p.programme`, byCount, FACET_LIMIT),
		region: db
			.all<{ v: string; n: number }>(sql`SELECT r.region AS v, count(*) AS n FROM public_project_regions r
				WHERE r.project_id IN (SELECT p.id FROM public_projects p WHERE ${where})
				GROUP BY r.region ORDER BY n DESC, v LIMIT ${FACET_LIMIT}`)
			.map((r) => ({ value: r.v, count: r.n })),
		year: column(sql`p.start_year`, sql`v DESC`, 200),
		amount: AMOUNT_BANDS.flatMap((b) => bands.get(b.id) ?? [])
	};
}
