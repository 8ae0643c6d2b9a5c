/**
 * The public search page's query: one page of projects, the total, and facet counts.
 *
 * FTS5 is asked only which projects match the words (and, sorted by relevance, their BM25
 * scores); filtering by facets, counting them and cutting the page happen on the in-memory
 * facet index. The SQL way, joining every text match to public_projects and grouping it six
 * times, took 130 ms for a word in half of 100,000 projects (BENCHMARKS.md).
 */
import type Database from 'better-sqlite3';
import type { Money } from '../../records/fields';
import type { Db } from '../db/client';
import { candidates } from './candidates';
import { countFacets, type Facets } from './facet-counts';
import { facetIndex, ORDER_SQL, type FacetIndex, type RankedSort } from './facet-index';
import { ftsQuery } from './fold';
import { pageWindow } from './page-window';
import type { PublicRecord } from '../../records/public-record';
import { FACETS, type PublicQuery } from './query';
import { statement } from './statements';
import { relevance, textMatch } from './text-match';

export type { FacetValue, Facets } from './facet-counts';

export const PAGE_SIZE = 20;

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

export interface SearchResult {
	total: number;
	page: number;
	pageCount: number;
	items: ProjectSummary[];
	facets: Facets;
}

interface Found {
	total: number;
	facets: Facets;
	/** The page's projects (public_projects.id), in order. */
	ids: number[];
}

export function searchProjects(db: Db, query: PublicQuery, pageSize = PAGE_SIZE): SearchResult {
	const client = db.$client;
	// One read transaction: the facet index, FTS5 and the page's rows all see the same data.
	const { found, items } = client.transaction(() => {
		const found = find(client, query, pageSize);
		return { found, items: summaries(client, found.ids) };
	})();
	const pageCount = Math.max(1, Math.ceil(found.total / pageSize));
	return { total: found.total, page: Math.min(query.page, pageCount), pageCount, items, facets: found.facets };
}

/** The front page's counts change only with the data: kept beside the index they come from. */
const allFacets = new WeakMap<FacetIndex, Facets>();

function find(client: Database.Database, query: PublicQuery, size: number): Found {
	const index = facetIndex(client);
	const match = ftsQuery(query.q);
	const pageOf = (total: number) => (Math.min(query.page, Math.max(1, Math.ceil(total / size))) - 1) * size;

	if (!match && FACETS.every((k) => query[k] === null)) {
		let facets = allFacets.get(index);
		if (!facets) allFacets.set(index, (facets = countFacets(index, index.all)));
		const sort = query.sort === 'relevance' ? 'title' : query.sort;
		// The whole table in an indexed order: SQLite reads just the page.
		const ids = statement(client, `SELECT id FROM public_projects ORDER BY ${ORDER_SQL[sort]} LIMIT ? OFFSET ?`)
			.pluck()
			.all(size, pageOf(index.all.length)) as number[];
		return { total: index.all.length, facets, ids };
	}

	const text = match ? textMatch(client, index, match) : null;
	const ids = candidates(index, text ? text.ids : index.all, query);
	const keys =
		text && query.sort === 'relevance'
			? relevance(client, index, text, ids)
			: ranks(index, query.sort === 'relevance' ? 'title' : query.sort, ids);
	return { total: ids.length, facets: countFacets(index, ids), ids: pageWindow(ids, keys, pageOf(ids.length), size) };
}

function ranks(index: FacetIndex, sort: RankedSort, ids: Int32Array): Float64Array {
	const rank = index.rank(sort);
	const keys = new Float64Array(ids.length);
	for (let i = 0; i < ids.length; i++) keys[i] = rank[ids[i]];
	return keys;
}

/** The page's rows with their JSON, read only once the page is cut. */
function summaries(client: Database.Database, ids: number[]): ProjectSummary[] {
	if (!ids.length) return [];
	const rows = statement(
		client,
		`SELECT p.id, p.record_id, p.amount_eur, r.record FROM public_projects p JOIN public_project_records r ON r.project_id = p.id
		WHERE p.id IN (SELECT value FROM json_each(?))`
	).all(JSON.stringify(ids)) as { id: number; record_id: string; amount_eur: number | null; record: string }[];
	const byId = new Map(rows.map((row) => [row.id, row]));
	return ids.map((id) => {
		const row = byId.get(id)!;
		return summaryOf(row.record_id, row.amount_eur, JSON.parse(row.record) as PublicRecord);
	});
}

/** What a result lists of a project: its public record's headline fields. */
export function summaryOf(recordId: string, amountEur: number | null, r: PublicRecord): ProjectSummary {
	return {
		id: recordId,
		title: r.title,
		owner: r.owner,
		funder: r.funder,
		programme: r.programme,
		country: r.country,
		startDate: r.startDate,
		endDate: r.endDate,
		regions: r.regions,
		amount: r.amount,
		amountEur
	};
}
