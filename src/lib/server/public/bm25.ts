/**
 * FTS5's bm25() recomputed here, bit for bit, from FTS5's own data, for the searches sorted
 * by relevance. bm25() costs FTS5 a docsize lookup and a walk of the row's position lists per
 * matching row (about 1 µs of CPU on the shared machine: 40 ms for a word in 45,000 of
 * 100,000 projects); the same numbers come from three reads per search: each phrase's
 * instances from an fts5vocab table (one string), the documents' lengths from the docsize
 * table (once per data version) and the totals from FTS5's averages record. That is cheaper
 * when the words have few instances a row (most searches); `cheaperThanBm25` says when. A
 * word with so many instances that reading them costs what bm25() does is read once and its
 * counts kept (kept-counts.ts), brought to each new generation by asking bm25() of the
 * changed rows alone and solving it for their counts.
 *
 * The formula and the order of its floating-point operations are fts5_aux.c's
 * (fts5Bm25Function), the IDF's logarithm is SQLite's own ln() (the same libm log FTS5
 * calls: V8's Math.log may differ in the last bit), and the weighted frequencies are sums
 * of integers, exact in any order: so each score is the double bm25() returns, and ties
 * fall as they did. Anything that would not be bit-identical (a weight that is not an
 * integer, a word the tokenizer would split or fold otherwise than foldFully, a count
 * that disagrees with FTS5's) answers null, and the caller asks bm25() as before.
 */
import type Database from 'better-sqlite3';
import type { FacetIndex } from './facet-index';
import { foldFully } from './fold';
import { changedSince, forget, isKept, keep, keptCounts, KEEP_INSTANCES, type Counts } from './kept-counts';
import { statement } from './statements';

type Client = Database.Database;

/** fts5_aux.c's constants. */
const K1 = 1.2;
const B = 0.75;

interface Lengths {
	/** The generation they are of. */
	generation: number;
	/** Tokens per row, by rowid (xColumnSize(-1)). */
	tokens: Uint32Array;
	/** xRowCount and xColumnTotalSize(-1) as the averages record holds them. */
	rows: number;
	avgdl: number;
}

const lengthsOf = new WeakMap<Client, Lengths>();

/**
 * The FTS5 data changes only with the generation, so the lengths are kept per connection and
 * brought forward through the change log: a publication rereads its rows' sizes, not 100,000.
 */
function lengths(client: Client, index: FacetIndex): Lengths {
	let l = lengthsOf.get(client);
	if (l?.generation === index.generation) return l;
	const ids = l && l.generation < index.generation ? changedSince(client, l.generation, index.generation) : null;
	if (l && ids) {
		if (l.tokens.length < index.size) {
			const grown = new Uint32Array(index.size);
			grown.set(l.tokens);
			l.tokens = grown;
		}
		// A row gone has no size row.
		for (const id of ids) if (id < l.tokens.length) l.tokens[id] = 0;
		const text = statement(
			client,
			"SELECT group_concat(id || ':' || hex(sz)) FROM public_search_docsize WHERE id IN (SELECT value FROM json_each(?))"
		)
			.pluck()
			.get(JSON.stringify(Array.from(ids))) as string | null;
		sizes(text, l.tokens);
		l.generation = index.generation;
	} else {
		const tokens = new Uint32Array(index.size);
		// One string ("id:hex of sz,…"): a Buffer per row made reading 100,000 rows cost 400 ms, this 30 ms.
		sizes(statement(client, "SELECT group_concat(id || ':' || hex(sz)) FROM public_search_docsize").pluck().get() as string | null, tokens);
		lengthsOf.set(client, (l = { generation: index.generation, tokens, rows: 0, avgdl: 0 }));
	}
	// FTS5_AVERAGES_ROWID: the row count, then each column's token total.
	const averages = statement(client, 'SELECT block FROM public_search_data WHERE id = 1').pluck().get() as Buffer | undefined;
	let count = 0;
	let total = 0;
	if (averages) {
		let at = 0;
		[count, at] = varint(averages, at);
		while (at < averages.length) {
			const [value, next] = varint(averages, at);
			total += value;
			at = next;
		}
	}
	l.rows = count;
	l.avgdl = total / count;
	return l;
}

/** Each row's token total from the docsize rows as "id:hex of sz,…", into `tokens`. */
function sizes(text: string | null, tokens: Uint32Array): void {
	for (let i = 0; text && i < text.length; i++) {
		let id = 0;
		for (; text.charCodeAt(i) !== 58; i++) id = id * 10 + text.charCodeAt(i) - 48;
		let total = 0;
		let value = 0;
		// Each column's size as a varint (SQLite's, as `varint` reads it; no size comes near its ninth byte), two hex digits a byte.
		for (i++; i < text.length && text.charCodeAt(i) !== 44; i += 2) {
			const byte = (hex(text.charCodeAt(i)) << 4) | hex(text.charCodeAt(i + 1));
			value = value * 128 + (byte & 0x7f);
			if (byte < 0x80) {
				total += value;
				value = 0;
			}
		}
		if (id < tokens.length) tokens[id] = total;
	}
}

function hex(ch: number): number {
	return ch <= 57 ? ch - 48 : ch - 55;
}

/** SQLite's varint (big-endian, 7 bits a byte, the ninth byte whole), for the values FTS5 writes (well below 2^53). */
function varint(buf: Buffer, at: number): [number, number] {
	let value = 0;
	for (let i = 0; i < 8; i++) {
		const byte = buf[at + i];
		value = value * 128 + (byte & 0x7f);
		if (byte < 0x80) return [value, at + i + 1];
	}
	return [value * 256 + buf[at + 8], at + 9];
}

interface Phrase {
	/** The folded term, or the prefix of the terms, the phrase matches. */
	term: string;
	prefix: boolean;
	/** The phrase alone as an FTS5 query, for its document count. */
	query: string;
}

/** The phrases of an ftsQuery: each word quoted, a prefix when starred. Null if a word may not be one token as the tokenizer reads it. */
function phrases(match: string): Phrase[] | null {
	const out: Phrase[] = [];
	for (const [query, word, star] of match.matchAll(/"([^"]*)"(\*?)/g)) {
		const term = foldFully(word);
		if (!/^[\p{L}\p{N}]+$/u.test(term)) return null;
		out.push({ term, prefix: star === '*', query });
	}
	return out.length ? out : null;
}

/** Terms from `prefix` up to but not including the next prefix: UTF-8 orders as code points, as fts5vocab compares. */
function after(prefix: string): string | null {
	const chars = Array.from(prefix);
	const last = chars.pop()!.codePointAt(0)! + 1;
	if (last >= 0xd800 && last <= 0xdfff) return null;
	return chars.join('') + String.fromCodePoint(last);
}

/** The fts5vocab tables, per connection: temp, so a SQLite file is not written. */
const vocabularies = new WeakSet<Client>();

function vocabulary(client: Client): void {
	if (vocabularies.has(client)) return;
	client.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.public_search_instances USING fts5vocab(main, 'public_search', 'instance');
		CREATE VIRTUAL TABLE IF NOT EXISTS temp.public_search_terms USING fts5vocab(main, 'public_search', 'row')`);
	vocabularies.add(client);
}

/** The WHERE on an fts5vocab table for a phrase's terms, with its parameters; null for a prefix without an end. */
function terms(phrase: Phrase): { where: string; params: string[] } | null {
	if (!phrase.prefix) return { where: 'term = ?', params: [phrase.term] };
	const upper = after(phrase.term);
	return upper === null ? null : { where: 'term >= ? AND term < ?', params: [phrase.term, upper] };
}

/** How many instances the phrases have in all: fts5vocab's row table counts them in C, term by term, without a row per instance. */
function instanceCount(client: Client, list: Phrase[]): number | null {
	let n = 0;
	for (const phrase of list) {
		const t = terms(phrase);
		if (!t) return null;
		n +=
			(statement(client, `SELECT sum(cnt) FROM temp.public_search_terms WHERE ${t.where}`)
				.pluck()
				.get(...t.params) as number | null) ?? 0;
	}
	return n;
}

/**
 * The n-th phrase's counts, zeroed: one array per phrase and index, kept, as a search would
 * otherwise leave 0.4 MB a word at 100,000 projects for the collector. Integers, as the weights are.
 */
const scratches = new WeakMap<FacetIndex, Uint32Array[]>();

function scratch(index: FacetIndex, n: number): Uint32Array {
	let pool = scratches.get(index);
	if (!pool) scratches.set(index, (pool = []));
	return (pool[n] ??= new Uint32Array(index.size)).fill(0);
}

/**
 * Each row's weighted count of a phrase's instances (bm25's aFreq), and how many rows have
 * one. One string for all: each instance as its column's letter and the row id ("a12d12d40").
 */
function frequencies(
	client: Client,
	index: FacetIndex,
	phrase: Phrase,
	n: number,
	columns: string[],
	weights: number[]
): (Counts & { instances: number }) | null {
	const t = terms(phrase)!;
	const letter = `CASE col ${columns.map((_, i) => `WHEN ? THEN '${String.fromCharCode(97 + i)}'`).join(' ')} END`;
	const text = statement(client, `SELECT group_concat(${letter} || doc, '') FROM temp.public_search_instances WHERE ${t.where}`)
		.pluck()
		.get(...columns, ...t.params) as string | null;
	const freq = scratch(index, n);
	let instances = 0;
	if (text) {
		let w = 0;
		let id = -1;
		for (let i = 0; i <= text.length; i++) {
			const ch = i < text.length ? text.charCodeAt(i) : 97;
			if (ch >= 48 && ch <= 57) id = id * 10 + ch - 48;
			else {
				if (id >= 0) {
					// A row past the facet index is not public: FTS5 and public_projects are written together, so this is a disagreement.
					if (id >= freq.length) return null;
					freq[id] += w;
					instances++;
				}
				const c = ch - 97;
				if (c < 0 || c >= weights.length) return null;
				w = weights[c];
				id = 0;
			}
		}
	}
	let hits = 0;
	for (let id = 0; id < freq.length; id++) if (freq[id] > 0) hits++;
	return { freq, hits, instances };
}

/**
 * Whether recomputing is cheaper than bm25() for `candidates` of `matched` rows: per instance
 * it costs about a quarter of what bm25() costs per row, and bm25() scores only the
 * candidates, after a lookup per match. A word in most summaries, several times in each,
 * costs about what bm25() does read once; it is then kept (kept-counts.ts) and costs little.
 */
export function cheaperThanBm25(client: Client, index: FacetIndex, match: string, candidates: number, matched: number): boolean {
	const list = phrases(match);
	if (!list || list.some((p) => !terms(p))) return false;
	const unkept = list.filter((p) => !isKept(client, index, p.query));
	const budget = 4 * candidates + (candidates < matched ? matched / 2 : 0);
	// Every matching row holds an instance of each word: a budget below the match is spent before counting.
	if (unkept.length && budget < matched) return false;
	vocabulary(client);
	let instances = 0;
	for (const phrase of unkept) {
		const n = instanceCount(client, [phrase])!;
		// Read once, then kept: bm25() would cost as much this time, and every time after.
		if (n < KEEP_INSTANCES) instances += n;
	}
	return instances <= budget;
}

/**
 * bm25(public_search, …weights) for each of `candidates` (rows of `match`), in their order, as
 * the weighted bm25() expression returns it; null when it cannot be shown to be the same.
 * `matched` is how many rows match the whole query (FTS5's answer). A phrase read with
 * `keepFrom` instances or more is kept (kept-counts.ts) for the next searches.
 */
export function bm25Scores(
	client: Client,
	index: FacetIndex,
	match: string,
	matched: number,
	candidates: Int32Array,
	columns: string[],
	weights: number[],
	keepFrom = KEEP_INSTANCES
): Float64Array | null {
	if (!weights.every(Number.isInteger)) return null;
	const list = phrases(match);
	if (!list || list.some((p) => !terms(p)) || columns.length > 26) return null;
	vocabulary(client);
	const { tokens, rows, avgdl } = lengths(client, index);
	if (!rows) return null;
	const freqs: Uint32Array[] = [];
	const idfs: number[] = [];
	const score = `bm25(public_search, ${weights.map((w) => w.toFixed(1)).join(', ')})`;
	for (const phrase of list) {
		// xQueryPhrase's count, from FTS5: a single phrase is the whole match.
		const hits = list.length === 1 ? matched : phraseCount(client, phrase.query);
		const kept = keptCounts(client, index, phrase.query, (ids) => rowCounts(client, index, phrase.query, hits, ids, score));
		const read = kept ? null : frequencies(client, index, phrase, freqs.length, columns, weights);
		const f = kept ?? read;
		if (!f) return null;
		if (f.hits !== hits) {
			if (kept) forget(client, phrase.query);
			return null;
		}
		if (read && read.instances >= keepFrom) keep(client, index, phrase.query, { freq: read.freq.slice(), hits: read.hits });
		idfs.push(idf(client, rows, hits));
		freqs.push(f.freq);
	}
	const out = new Float64Array(candidates.length);
	for (let c = 0; c < candidates.length; c++) {
		const id = candidates[c];
		const D = tokens[id];
		let score = 0;
		for (let i = 0; i < freqs.length; i++) {
			const f = freqs[i][id];
			if (!f) return null;
			score += term(idfs[i], f, D, avgdl);
		}
		out[c] = -1.0 * score;
	}
	return out;
}

/** One phrase's part of a row's score, as fts5_aux.c adds it up. */
function term(idf: number, f: number, D: number, avgdl: number): number {
	return idf * ((f * (K1 + 1.0)) / (f + K1 * (1 - B + (B * D) / avgdl)));
}

/** The IDF as fts5_aux.c computes it, with SQLite's own logarithm; clamped as it is. */
function idf(client: Client, rows: number, hits: number): number {
	const value = statement(client, 'SELECT ln(?)')
		.pluck()
		.get((rows - hits + 0.5) / (hits + 0.5)) as number;
	return value <= 0 ? 1e-6 : value;
}

function phraseCount(client: Client, query: string): number {
	return statement(client, 'SELECT count(*) FROM public_search WHERE public_search MATCH ?').pluck().get(query) as number;
}

/**
 * The weighted counts of the phrase `query` (in `hits` rows) in the rows `ids`, from FTS5
 * itself: bm25() of the phrase alone for those rows, solved for the count (an integer), which
 * must give back bm25()'s double bit for bit. Null when one does not.
 */
function rowCounts(
	client: Client,
	index: FacetIndex,
	query: string,
	hits: number,
	ids: Int32Array,
	score: string
): Map<number, number> | null {
	const out = new Map<number, number>();
	if (!ids.length) return out;
	const { tokens, rows, avgdl } = lengths(client, index);
	const weight = idf(client, rows, hits);
	// As someScores in text-match.ts: a byte per id, so only those rows are scored; one query, as a prefix's is costly to start.
	const wanted = Buffer.alloc(ids[ids.length - 1] + 1);
	for (const id of ids) wanted[id] = 1;
	const found = statement(
		client,
		`SELECT rowid, ${score} FROM public_search WHERE public_search MATCH ? AND rowid BETWEEN ? AND ? AND substr(?, rowid + 1, 1) = x'01'`
	)
		.raw()
		.all(query, ids[0], ids[ids.length - 1], wanted) as [number, number][];
	for (const [id, s] of found) {
		const D = tokens[id];
		// s = -idf · f(K1 + 1) / (f + k), so f = x·k / (K1 + 1 − x) with x = s / −idf.
		const k = K1 * (1 - B + (B * D) / avgdl);
		const x = s / (-1.0 * weight);
		const f = Math.round((x * k) / (K1 + 1.0 - x));
		if (!(f > 0) || -1.0 * term(weight, f, D, avgdl) !== s) return null;
		out.set(id, f);
	}
	return out;
}
