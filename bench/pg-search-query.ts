/**
 * The public search in PostgreSQL mode with PostgreSQL's own full-text search: the tsvector
 * twin of the FTS5 table (drizzle/pg/0001_public_search.sql) and one statement that answers
 * what searchProjects answers in SQLite mode (page, total, facet counts), so every process
 * reads the same committed data without an index of its own.
 *
 * The alternative measured, and not chosen: at 100,000 projects its p99 is an order of
 * magnitude over the public search's target (bench/pg-search.ts, BENCHMARKS.md "Public search
 * in PostgreSQL mode"), so PostgreSQL mode keeps the in-memory index in each process. It lives
 * with the bench, tested against SQLite mode's search (tests/cluster/pg-search.spec.ts), so the
 * measurement can be run again as PostgreSQL or the data grow.
 */
import { sql, type SQL } from 'drizzle-orm';
import { FACET_FIELDS, SEARCH_FIELDS } from '../src/lib/records/fields';
import { facetKind } from '../src/lib/records/kinds';
import type { PublicRecord } from '../src/lib/records/public-record';
import type { PgDb } from '../src/lib/server/db/pg-client';
import type { Sql, SqlDb } from '../src/lib/server/db/sql';
import type { FacetValue, Facets } from '../src/lib/server/public/facet-counts';
import { foldFully, foldLetters } from '../src/lib/server/public/fold';
import { searchText } from '../src/lib/server/public/index-projects';
import { FACETS, type PublicQuery } from '../src/lib/server/public/query';
import { PAGE_SIZE, summaryOf, type SearchResult } from '../src/lib/server/public/search';

/**
 * tsvector has four weights, A to D, where the registry gives each searched field a number:
 * the largest number is A and so on down, and ts_rank gets each number relative to the
 * largest, so title : owner : partners : summary rank 10 : 4 : 2 : 1 as in FTS5's bm25.
 */
const RANKS = [...new Set(SEARCH_FIELDS.map((f) => f.search!))].sort((a, b) => b - a);
if (RANKS.length > 4) throw new Error('tsvector has four weights; the registry gives the searched fields more distinct ranks');
const WEIGHT_LETTERS = ['A', 'B', 'C', 'D'];
const letterOf = (rank: number) => WEIGHT_LETTERS[RANKS.indexOf(rank)];
/** ts_rank's weights array is {D, C, B, A}. */
const RANK_WEIGHTS = `{${[3, 2, 1, 0].map((i) => (RANKS[i] ?? 0) / RANKS[0]).join(',')}}`;

/** PostgreSQL refuses a lexeme of 2 KB or more; FTS5 would index it, nobody searches for it. */
const MAX_LEXEME_BYTES = 2046;
/** Positions above this are all stored as this one (tsvector's limit). */
const MAX_POSITION = 16383;

/** Words as unicode61 splits folded text: runs of letters and digits. */
function words(folded: string): string[] {
	return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * A project's search document as a tsvector literal. The words are split and folded here
 * (case, diacritics, ø/æ/ß as fold.ts does for FTS5) rather than by a text search
 * configuration, so PostgreSQL's parser and the server's locale cannot split or fold them
 * otherwise than the query below does: each word is one lexeme, at its position, with its
 * field's weight.
 */
export function searchDocument(data: PublicRecord): string {
	const positions = new Map<string, string[]>();
	let position = 0;
	for (const def of SEARCH_FIELDS) {
		const letter = letterOf(def.search!);
		for (const word of words(foldFully(searchText(data, def)))) {
			if (Buffer.byteLength(word) > MAX_LEXEME_BYTES) continue;
			position = Math.min(position + 1, MAX_POSITION);
			const list = positions.get(word) ?? [];
			// tsvector keeps at most 256 positions of a lexeme; it only counts towards the rank.
			if (list.length < 256) list.push(`${position}${letter}`);
			positions.set(word, list);
		}
	}
	return [...positions].map(([word, at]) => `'${word}':${at.join(',')}`).join(' ');
}

/** Writes (or replaces) a published project's search row; call in the transaction that publishes it. */
export async function writeSearchDocument(tx: SqlDb, projectId: number, data: PublicRecord): Promise<void> {
	await (tx as unknown as PgDb)
		.execute(sql`INSERT INTO public_search (project_id, document) VALUES (${projectId}, ${searchDocument(data)}::tsvector)
		ON CONFLICT (project_id) DO UPDATE SET document = excluded.document`);
}

const MAX_TERMS = 12;
const MAX_TERM_LENGTH = 64;

/**
 * The user's words as a tsquery, as ftsQuery makes them for FTS5: split the same way,
 * ANDed, each a prefix from two characters on and a single character a whole word. Null
 * when nothing searchable is left.
 */
export function tsQuery(input: string): string | null {
	const terms = (foldLetters(input).match(/[\p{L}\p{N}\p{M}]+/gu) ?? [])
		.slice(0, MAX_TERMS)
		.flatMap((w) => words(foldFully(w)))
		.map((w) => (Array.from(w).length === 1 ? `'${w}'` : `'${Array.from(w).slice(0, MAX_TERM_LENGTH).join('')}':*`));
	return terms.length ? terms.join(' & ') : null;
}

/** The facet filters on `p` (public_projects), from the registry as filters.ts does for SQLite. */
function filters(query: PublicQuery): SQL[] {
	return FACET_FIELDS.flatMap((def) => {
		const value = query[def.facet.param];
		if (value === null) return [];
		const kind = facetKind(def);
		return kind.store === 'rows'
			? [
					sql`EXISTS (SELECT 1 FROM public_project_facet_values v WHERE v.project_id = p.id AND v.facet = ${def.key} AND v.value = ${String(value)})`
				]
			: [sql`p.${sql.identifier(kind.column(def.key))} = ${value}`];
	});
}

/**
 * The orders of facet-index.ts's ORDER_SQL, written for PostgreSQL: NULLs last as SQLite
 * puts them in a descending order, titles in byte order as SQLite's BINARY collation.
 */
const ORDER: Record<PublicQuery['sort'], string> = {
	relevance: 'score DESC, id',
	amount: 'amount_eur DESC NULLS LAST, id DESC',
	start: 'start_date DESC NULLS LAST, id DESC',
	title: 'sort_title COLLATE "C", id'
};

/** Each facet's counts over `hit`, one SELECT per facet of the registry. */
function facetCounts(): SQL {
	return sql.join(
		FACET_FIELDS.map((def) => {
			const kind = facetKind(def);
			if (kind.store === 'rows')
				return sql`SELECT ${def.facet.param}::text, v.value, count(*)::int
					FROM hit JOIN public_project_facet_values v ON v.project_id = hit.id AND v.facet = ${def.key} GROUP BY v.value`;
			const column = sql.identifier(kind.column(def.key));
			return sql`SELECT ${def.facet.param}::text, ${column}::text, count(*)::int FROM hit WHERE ${column} IS NOT NULL GROUP BY ${column}`;
		}),
		sql` UNION ALL `
	);
}

interface Answer {
	total: number;
	counts: [string, string, number][] | null;
	items: { id: string; amountEur: number | null; record: PublicRecord }[] | null;
}

/** One page of the public search, its total and its facet counts, in one statement (so one snapshot). */
export async function searchProjectsPg(db: Sql, query: PublicQuery, pageSize = PAGE_SIZE): Promise<SearchResult> {
	if (db.dialect !== 'pg') throw new Error('searchProjectsPg runs on PostgreSQL');
	const match = tsQuery(query.q);
	const sort = query.sort === 'relevance' && !match ? 'title' : query.sort;
	const where = filters(query);
	const singles = FACET_FIELDS.filter((def) => facetKind(def).store !== 'rows').map((def) =>
		sql.identifier(facetKind(def).column(def.key))
	);
	const text = match ? sql`JOIN public_search s ON s.project_id = p.id AND s.document @@ ${match}::tsquery` : sql``;
	const score = match && sort === 'relevance' ? sql`ts_rank(${RANK_WEIGHTS}::float4[], s.document, ${match}::tsquery)` : sql`0`;
	const result = await (db.db as unknown as PgDb).execute<Record<keyof Answer, unknown>>(sql`
		WITH hit AS MATERIALIZED (
			SELECT p.id, p.amount_eur, p.start_date, p.sort_title, ${sql.join(
				singles.map((c) => sql`p.${c}`),
				sql`, `
			)}, ${score} AS score
			FROM public_projects p ${text}
			${where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``}
		),
		total AS (SELECT count(*)::int AS n FROM hit),
		counts (param, value, n) AS (${facetCounts()}),
		page AS (
			SELECT id, row_number() OVER () AS ord FROM (
				SELECT id FROM hit ORDER BY ${sql.raw(ORDER[sort])}
				LIMIT ${pageSize} OFFSET (SELECT (least(${query.page}, greatest(1, ceil(n / ${pageSize}::numeric)::int)) - 1) * ${pageSize} FROM total)
			) ordered
		)
		SELECT (SELECT n FROM total) AS total,
			(SELECT json_agg(json_build_array(param, value, n)) FROM counts) AS counts,
			(SELECT json_agg(json_build_object('id', p.record_id, 'amountEur', p.amount_eur, 'record', r.record) ORDER BY page.ord)
				FROM page JOIN public_projects p ON p.id = page.id JOIN public_project_records r ON r.project_id = p.id) AS items`);
	const answer = result.rows[0] as unknown as Answer;
	const pageCount = Math.max(1, Math.ceil(answer.total / pageSize));
	return {
		total: answer.total,
		page: Math.min(query.page, pageCount),
		pageCount,
		items: (answer.items ?? []).map((row) => summaryOf(row.id, row.amountEur, row.record)),
		facets: arrange(answer.counts ?? [])
	};
}

/** The counts in each column's order, as the in-memory index lists them (numbers by value, text in byte order), then as the kind arranges them. */
function arrange(counts: [string, string, number][]): Facets {
	return Object.fromEntries(
		FACETS.map((param) => {
			const def = FACET_FIELDS.find((f) => f.facet.param === param)!;
			const kind = facetKind(def);
			const listed: FacetValue[] = counts.filter(([p]) => p === param).map(([, value, count]) => ({ value, count }));
			listed.sort(kind.store === 'integer' ? (a, b) => Number(a.value) - Number(b.value) : (a, b) => byteOrder(a.value, b.value));
			return [param, kind.arrange(listed)];
		})
	) as Facets;
}

/** UTF-8 byte order (SQLite's BINARY), which is code point order; JavaScript's < compares UTF-16 units. */
function byteOrder(a: string, b: string): number {
	const x = Array.from(a);
	const y = Array.from(b);
	for (let i = 0; i < Math.min(x.length, y.length); i++) {
		const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
		if (d) return d;
	}
	return x.length - y.length;
}
