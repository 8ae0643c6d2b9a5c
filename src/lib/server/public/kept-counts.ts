/**
 * The weighted counts (bm25's aFreq, per row) of the few phrases too common to read again per
 * search: a word in nearly every project has about five instances in each, and reading its
 * 490,000 instances from fts5vocab costs what bm25() does (BENCHMARKS.md). They are read once
 * per connection and then carried from generation to generation through public_changes: only
 * the rows changed since are asked again, of FTS5 itself (`rowCounts` in bm25.ts).
 *
 * A phrase's counts are only as good as the change log: a connection further behind than the
 * log reaches, or a count the caller finds disagreeing with FTS5, drops them.
 */
import type Database from 'better-sqlite3';
import type { FacetIndex } from './facet-index';
import { statement } from './statements';

type Client = Database.Database;

export interface Counts {
	/** By rowid; integers, as the weights are. */
	freq: Uint32Array;
	/** Rows with a count. */
	hits: number;
}

/** A phrase is kept once it has this many instances: fewer take under about 15 ms of CPU to read (490,000 took 60–70 ms, BENCHMARKS.md). */
export const KEEP_INSTANCES = 100_000;
/** At most this many phrases per connection, least recently used dropped first: 0.4 MB each at 100,000 projects. */
const MAX_KEPT = 8;
/** As the migration's triggers drop the log. */
const LOGGED_GENERATIONS = 10_000;

interface Kept extends Counts {
	/** The generation the counts are of. */
	generation: number;
}

/** Per connection, by the phrase's FTS5 query, least recently used first. */
const stores = new WeakMap<Client, Map<string, Kept>>();

/** The rows changed after generation `from` up to `to`, ascending; null when the log may no longer hold them all. */
export function changedSince(client: Client, from: number, to: number): Int32Array | null {
	if (to - from >= LOGGED_GENERATIONS - 1) return null;
	const text = statement(
		client,
		'SELECT group_concat(project_id) FROM (SELECT DISTINCT project_id FROM public_changes WHERE generation > ? AND generation <= ? ORDER BY project_id)'
	)
		.pluck()
		.get(from, to) as string | null;
	return text ? Int32Array.from(text.split(','), Number) : new Int32Array(0);
}

function reaches(kept: Kept, index: FacetIndex): boolean {
	return kept.generation <= index.generation && index.generation - kept.generation < LOGGED_GENERATIONS - 1;
}

/**
 * The counts of `query` for `index`'s generation, or null if not kept. `changed` gives the new
 * counts of the rows changed since the kept generation (none for a row that no longer
 * matches), or null when it cannot, which drops them. Each phrase is brought forward when it
 * is asked, as `changed` needs the phrase's count of rows at the new generation.
 */
export function keptCounts(
	client: Client,
	index: FacetIndex,
	query: string,
	changed: (ids: Int32Array) => Map<number, number> | null
): Counts | null {
	const store = stores.get(client);
	const kept = store?.get(query);
	if (!store || !kept) return null;
	store.delete(query);
	if (!reaches(kept, index) || (kept.generation < index.generation && !advance(client, kept, index, changed))) return null;
	store.set(query, kept);
	return kept;
}

/** Whether `query`'s counts are kept for a generation `index`'s can be brought to (cheaply: nothing is read). */
export function isKept(client: Client, index: FacetIndex, query: string): boolean {
	const kept = stores.get(client)?.get(query);
	return !!kept && reaches(kept, index);
}

/** Keeps `counts` (taken over, not copied) of `query` as of `index`'s generation. */
export function keep(client: Client, index: FacetIndex, query: string, counts: Counts): void {
	let store = stores.get(client);
	if (!store) stores.set(client, (store = new Map()));
	store.delete(query);
	store.set(query, { ...counts, generation: index.generation });
	for (const key of store.keys()) {
		if (store.size <= MAX_KEPT) break;
		store.delete(key);
	}
}

/** Drops the counts of `query`: the caller found them disagreeing with FTS5. */
export function forget(client: Client, query: string): void {
	stores.get(client)?.delete(query);
}

function advance(client: Client, kept: Kept, index: FacetIndex, changed: (ids: Int32Array) => Map<number, number> | null): boolean {
	const ids = changedSince(client, kept.generation, index.generation);
	if (!ids) return false;
	const fresh = changed(ids);
	if (!fresh) return false;
	if (kept.freq.length < index.size) {
		const grown = new Uint32Array(index.size);
		grown.set(kept.freq);
		kept.freq = grown;
	}
	for (const id of ids) {
		const f = fresh.get(id) ?? 0;
		if (id >= kept.freq.length) continue;
		kept.hits += (f > 0 ? 1 : 0) - (kept.freq[id] > 0 ? 1 : 0);
		kept.freq[id] = f;
	}
	kept.generation = index.generation;
	return true;
}
