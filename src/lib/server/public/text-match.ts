/**
 * What FTS5 answers about a search's words: the matching project ids, and their BM25
 * scores when the page is sorted by relevance. Each is one statement whose rows come in
 * rowid order, so ids and scores line up without carrying the rowid back per row.
 */
import type Database from 'better-sqlite3';
import { SEARCH_FIELDS } from '../../records/fields';
import { bm25Scores, cheaperThanBm25 } from './bm25';
import { idList, type FacetIndex } from './facet-index';
import { statement } from './statements';

type Client = Database.Database;

/**
 * BM25 with each column weighted as the registry's `search` says (title most, then owner,
 * partners and regions, then the summary). bm25() takes the weights in the table's column
 * order, which is the migration's, so they are lined up with it here.
 */
interface Weighting {
	columns: string[];
	weights: number[];
	/** The bm25() call with those weights, as SQL. */
	score: string;
}

const weightings = new WeakMap<Client, Weighting>();

function weighting(client: Client): Weighting {
	let w = weightings.get(client);
	if (!w) {
		const columns = statement(client, "SELECT name FROM pragma_table_info('public_search')").pluck().all() as string[];
		const weights = columns.map((c) => Number((SEARCH_FIELDS.find((f) => f.key === c)?.search ?? 0).toFixed(1)));
		weightings.set(client, (w = { columns, weights, score: `bm25(public_search, ${weights.map((x) => x.toFixed(1)).join(', ')})` }));
	}
	return w;
}

export interface TextMatch {
	/** The FTS5 query. */
	match: string;
	/** Ascending. */
	ids: Int32Array;
	/** Aligned with ids, once a search without facets has sorted by relevance. */
	scores: Float64Array | null;
}

/**
 * Recent matches per index (so per data version), least recently used dropped first: the
 * next page, a facet clicked or a sort changed asks FTS5 nothing again. Bounded in bytes;
 * a word in every project takes 1.2 MB with its scores.
 */
const CACHE_BYTES = 8 * 1024 * 1024;
const caches = new WeakMap<FacetIndex, Map<string, TextMatch>>();

export function textMatch(client: Client, index: FacetIndex, match: string): TextMatch {
	let cache = caches.get(index);
	if (!cache) caches.set(index, (cache = new Map()));
	let found = cache.get(match);
	if (found) cache.delete(match);
	else {
		const ids = statement(client, 'SELECT group_concat(rowid) FROM public_search WHERE public_search MATCH ?').pluck().get(match);
		found = { match, ids: idList(ids), scores: null };
	}
	cache.set(match, found);
	let bytes = 0;
	for (const m of cache.values()) bytes += m.ids.length * 12;
	for (const [key, m] of cache) {
		if (bytes <= CACHE_BYTES || m === found) break;
		cache.delete(key);
		bytes -= m.ids.length * 12;
	}
	return found;
}

/** Forgets the matches, so the next searches are as costly as the first after a publication: for measuring. */
export function forgetMatches(index: FacetIndex): void {
	caches.delete(index);
}

/**
 * Relevance scores (lower is better) of the candidates, a subset of the match, aligned with
 * them: bm25() as FTS5 computes it, recomputed from its data (bm25.ts) where that is shown
 * to give the same doubles, else asked of FTS5 for the candidates alone.
 */
export function relevance(client: Client, index: FacetIndex, text: TextMatch, candidates: Int32Array): Float64Array {
	const all = candidates.length === text.ids.length;
	if (text.scores) return all ? text.scores : subset(text, candidates);
	if (!candidates.length) return new Float64Array(0);
	const w = weighting(client);
	const recomputed = cheaperThanBm25(client, index, text.match, candidates.length, text.ids.length)
		? bm25Scores(client, index, text.match, text.ids.length, candidates, w.columns, w.weights)
		: null;
	const found =
		recomputed ?? (all ? allScores(client, w, text.match, candidates.length) : someScores(client, index, w, text.match, candidates));
	if (all) text.scores = found;
	return found;
}

function allScores(client: Client, w: Weighting, match: string, expected: number): Float64Array {
	return scores(statement(client, `SELECT ${w.score} FROM public_search WHERE public_search MATCH ?`).pluck().all(match), expected);
}

/** FTS5 computes bm25() at about 1 µs of CPU a row, so it is asked only for the matches that pass the facet filters. */
function someScores(client: Client, index: FacetIndex, w: Weighting, match: string, candidates: Int32Array): Float64Array {
	// A byte per id says which rows to score: SQLite evaluates it before bm25, so the rest cost a lookup, not a score.
	const wanted = Buffer.alloc(index.size);
	for (const id of candidates) wanted[id] = 1;
	const rows = statement(
		client,
		`SELECT ${w.score} FROM public_search WHERE public_search MATCH ? AND rowid BETWEEN ? AND ? AND substr(?, rowid + 1, 1) = x'01'`
	)
		.pluck()
		.all(match, candidates[0], candidates[candidates.length - 1], wanted);
	return scores(rows, candidates.length);
}

function scores(rows: unknown[], expected: number): Float64Array {
	// The rows are the candidates only if the FTS index and public_projects agree; they are written in one transaction.
	if (rows.length !== expected) throw new Error(`public_search returned ${rows.length} scores for ${expected} projects`);
	return Float64Array.from(rows as number[]);
}

function subset(text: TextMatch, candidates: Int32Array): Float64Array {
	const out = new Float64Array(candidates.length);
	for (let i = 0, j = 0; i < candidates.length; i++) {
		while (text.ids[j] !== candidates[i]) j++;
		out[i] = text.scores![j];
	}
	return out;
}
