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

/**
 * Relevance: BM25 with a hit in the title counting most, then the owner, partners and
 * regions, then the summary (the FTS columns in order). Called as a function rather than
 * through FTS5's `rank`, which would rank every text match before the facets filter them.
 */
const RELEVANCE = sql`bm25(public_search, 10.0, 4.0, 2.0, 1.0, 2.0)`;

/** Orders on unqualified columns, so they work on public_projects and on the matching set alike. */
const ORDER: Record<Sort, SQL> = {
	relevance: sql`score, id`,
	amount: sql`amount_eur DESC, id DESC`,
	start: sql`start_date DESC, id DESC`,
	title: sql`sort_title, id`
};

export function searchProjects(db: Conn, query: PublicQuery, pageSize = PAGE_SIZE): SearchResult {
	const where = whereOf(query);
	const sort = where.match ? query.sort : query.sort === 'relevance' ? 'title' : query.sort;
	const found = where.everything ? everything(db, sort, query.page, pageSize) : matching(db, where, sort, query.page, pageSize);
	const pageCount = Math.max(1, Math.ceil(found.total / pageSize));
	return {
		total: found.total,
		page: Math.min(query.page, pageCount),
		pageCount,
		items: summaries(db, found.ids),
		facets: found.facets
	};
}

interface Found {
	total: number;
	facets: Facets;
	/** The page's projects (public_projects.id), in order. */
	ids: number[];
}

/** The page clamped to the last one, as SQL: a page past the end shows the last page. */
function lastPageAt(page: number, size: number, total: SQL): SQL {
	// Integer arithmetic throughout: bound numbers may arrive as REAL, and OFFSET takes integers only.
	const int = (n: number) => sql`CAST(${n} AS INTEGER)`;
	return sql`(min(${int(page)}, max(1, (${total} + ${int(size - 1)}) / ${int(size)})) - 1) * ${int(size)}`;
}

/** Counting every project is the front page's work on each request; it changes only when the data does. */
const everythingCache = new WeakMap<Conn, { generation: number; total: number; facets: Facets }>();

function everything(db: Conn, sort: Sort, page: number, size: number): Found {
	const { generation } = publicVersion(db);
	let counted = everythingCache.get(db);
	if (counted?.generation !== generation) {
		// On whole tables each count is a scan of one index, not of a 100,000-row materialised set.
		const rows = db.all<FacetRow>(sql`SELECT 'total' AS f, NULL AS v, count(*) AS n FROM public_projects
			UNION ALL ${facetCounts(sql`public_projects`, sql`public_project_regions r`)}`);
		counted = { generation, ...collect(rows) };
		everythingCache.set(db, counted);
	}
	const last = Math.max(1, Math.ceil(counted.total / size));
	const offset = (Math.min(page, last) - 1) * size;
	const ids = db
		.all<{ id: number }>(sql`SELECT id FROM public_projects ORDER BY ${ORDER[sort]} LIMIT ${size} OFFSET ${offset}`)
		.map((r) => r.id);
	return { total: counted.total, facets: counted.facets, ids };
}

/**
 * The total, every facet and the page in one statement over the matching set, which is
 * computed once (MATERIALIZED): the text search and its join run once per request, not
 * once per facet. That join is the cost of a search at 100,000 projects.
 */
function matching(db: Conn, where: Where, sort: Sort, page: number, size: number): Found {
	// Only what facets and the order need: the set may be tens of thousands of rows.
	const columns = sql`p.id, p.country, p.funder, p.programme, p.start_year, p.amount_eur, ${
		sort === 'title' ? sql`p.sort_title` : sql`NULL`
	} AS sort_title, ${sort === 'start' ? sql`p.start_date` : sql`NULL`} AS start_date`;
	const source = where.match
		? sql`SELECT ${columns}, ${sort === 'relevance' ? RELEVANCE : sql`NULL`} AS score
			FROM public_search JOIN public_projects p ON p.id = public_search.rowid
			WHERE public_search MATCH ${where.match} AND ${where.rest}`
		: sql`SELECT ${columns}, NULL AS score FROM public_projects p WHERE ${where.rest}`;
	const rows = db.all<FacetRow>(sql`
		WITH m AS MATERIALIZED (${source})
		SELECT 'total' AS f, NULL AS v, count(*) AS n FROM m
		UNION ALL SELECT 'page', (SELECT json_group_array(id ORDER BY ${ORDER[sort]}) FROM (
			SELECT * FROM m ORDER BY ${ORDER[sort]} LIMIT ${size} OFFSET ${lastPageAt(page, size, sql`(SELECT count(*) FROM m)`)})), NULL
		UNION ALL ${facetCounts(sql`m`, sql`m JOIN public_project_regions r ON r.project_id = m.id`)}`);
	return collect(rows);
}

interface FacetRow {
	f: FacetKey | 'total' | 'page';
	v: string | number | null;
	n: number | null;
}

/** The facet counts as UNION ALL parts over a set of projects and the regions of that set. */
function facetCounts(projects: SQL, regions: SQL): SQL {
	const top = (facet: FacetKey, column: SQL, order: SQL, limit: number) =>
		sql`SELECT * FROM (SELECT ${facet} AS f, ${column} AS v, count(*) AS n FROM ${projects}
			WHERE v IS NOT NULL GROUP BY v ORDER BY ${order} LIMIT ${limit})`;
	const byCount = sql`n DESC, v`;
	return sql.join(
		[
			top('country', sql`country`, byCount, 300),
			top('funder', sql`funder`, byCount, FACET_LIMIT),
			top('programme', sql`programme`, byCount, FACET_LIMIT),
			top('year', sql`start_year`, sql`v DESC`, 200),
			top('amount', bandCase, byCount, AMOUNT_BANDS.length),
			sql`SELECT * FROM (SELECT 'region' AS f, r.region AS v, count(*) AS n FROM ${regions}
				GROUP BY r.region ORDER BY n DESC, v LIMIT ${FACET_LIMIT})`
		],
		sql` UNION ALL `
	);
}

function collect(rows: FacetRow[]): Found {
	const facets: Facets = { country: [], funder: [], programme: [], region: [], year: [], amount: [] };
	let total = 0;
	let ids: number[] = [];
	for (const r of rows) {
		if (r.f === 'total') total = r.n ?? 0;
		else if (r.f === 'page') ids = JSON.parse(String(r.v)) as number[];
		else facets[r.f].push({ value: String(r.v), count: r.n ?? 0 });
	}
	const band = new Map(facets.amount.map((f) => [f.value, f]));
	facets.amount = AMOUNT_BANDS.flatMap((b) => band.get(b.id) ?? []);
	return { total, facets, ids };
}

/** The page's rows with their JSON, read only once the page is cut. */
function summaries(db: Conn, ids: number[]): ProjectSummary[] {
	if (!ids.length) return [];
	const rows = db.all<{ id: number; record_id: string; amount_eur: number | null; record: string }>(sql`
		SELECT p.id, p.record_id, p.amount_eur, r.record FROM public_projects p JOIN public_project_records r ON r.project_id = p.id
		WHERE p.id IN (${sql.join(
			ids.map((id) => sql`${id}`),
			sql`, `
		)})`);
	const byId = new Map(rows.map((row) => [row.id, row]));
	return ids.map((id) => {
		const row = byId.get(id)!;
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
	});
}
