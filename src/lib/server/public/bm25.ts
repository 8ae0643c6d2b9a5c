/**
 * FTS5's bm25() recomputed here, bit for bit, from FTS5's own data, for the searches sorted
 * by relevance. bm25() costs FTS5 a docsize lookup and a walk of the row's position lists per
 * matching row (about 2.5 µs: 120 ms for a word in half of 100,000 projects); the same
 * numbers come far cheaper as three reads per search: each phrase's instances from an
 * fts5vocab table (one string of ids per column), the documents' lengths from the docsize
 * table (once per data version) and the totals from FTS5's averages record.
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
import { statement } from './statements';

type Client = Database.Database;

/** fts5_aux.c's constants. */
const K1 = 1.2;
const B = 0.75;

interface Lengths {
	/** Tokens per row, by rowid (xColumnSize(-1)). */
	tokens: Uint32Array;
	/** xRowCount and xColumnTotalSize(-1) as the averages record holds them. */
	rows: number;
	avgdl: number;
}

const lengthsOf = new WeakMap<FacetIndex, Lengths>();

/** The FTS5 data changes only with the generation the facet index is built for, so its lengths are kept beside it. */
function lengths(client: Client, index: FacetIndex): Lengths {
	let l = lengthsOf.get(index);
	if (l) return l;
	const tokens = new Uint32Array(index.size);
	const rows = statement(client, 'SELECT id, sz FROM public_search_docsize').raw().all() as [number, Buffer][];
	for (const [id, sz] of rows) {
		if (id >= tokens.length) continue;
		let total = 0;
		for (let at = 0; at < sz.length;) {
			const [value, next] = varint(sz, at);
			total += value;
			at = next;
		}
		tokens[id] = total;
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
	lengthsOf.set(index, (l = { tokens, rows: count, avgdl: total / count }));
	return l;
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

/** The instance table, one per connection: temp, so a SQLite file is not written. */
const instanceTables = new WeakSet<Client>();

function instances(client: Client): string {
	if (!instanceTables.has(client)) {
		client.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.public_search_instances USING fts5vocab(main, 'public_search', 'instance')");
		instanceTables.add(client);
	}
	return 'temp.public_search_instances';
}

/** Each row's weighted count of a phrase's instances (bm25's aFreq), and how many rows have one. */
function frequencies(
	client: Client,
	index: FacetIndex,
	phrase: Phrase,
	columns: string[],
	weights: number[]
): { freq: Float64Array; hits: number } | null {
	const upper = phrase.prefix ? after(phrase.term) : null;
	if (phrase.prefix && upper === null) return null;
	const lists = statement(
		client,
		`SELECT ${columns.map(() => 'group_concat(doc) FILTER (WHERE col = ?)').join(', ')} FROM ${instances(client)}
		WHERE ${phrase.prefix ? 'term >= ? AND term < ?' : 'term = ?'}`
	)
		.raw()
		.get(...columns, phrase.term, ...(upper === null ? [] : [upper])) as (string | null)[];
	const freq = new Float64Array(index.size);
	for (let c = 0; c < columns.length; c++) {
		const text = lists[c];
		if (!text) continue;
		const w = weights[c];
		let id = 0;
		for (let i = 0; i <= text.length; i++) {
			const ch = i < text.length ? text.charCodeAt(i) : 44;
			if (ch !== 44) id = id * 10 + ch - 48;
			else {
				// A row past the facet index is not public: FTS5 and public_projects are written together, so this is a disagreement.
				if (id >= freq.length) return null;
				freq[id] += w;
				id = 0;
			}
		}
	}
	let hits = 0;
	for (let id = 0; id < freq.length; id++) if (freq[id] > 0) hits++;
	return { freq, hits };
}

/**
 * bm25(public_search, …weights) for each of `candidates` (rows of `match`), in their order, as
 * the weighted bm25() expression returns it; null when it cannot be shown to be the same.
 * `matched` is how many rows match the whole query (FTS5's answer).
 */
export function bm25Scores(
	client: Client,
	index: FacetIndex,
	match: string,
	matched: number,
	candidates: Int32Array,
	columns: string[],
	weights: number[]
): Float64Array | null {
	if (!weights.every(Number.isInteger)) return null;
	const list = phrases(match);
	if (!list) return null;
	const { tokens, rows, avgdl } = lengths(client, index);
	if (!rows) return null;
	const freqs: Float64Array[] = [];
	const idfs: number[] = [];
	for (const phrase of list) {
		const f = frequencies(client, index, phrase, columns, weights);
		if (!f) return null;
		// xQueryPhrase's count, from FTS5: a single phrase is the whole match.
		const hits =
			list.length === 1
				? matched
				: (statement(client, 'SELECT count(*) FROM public_search WHERE public_search MATCH ?').pluck().get(phrase.query) as number);
		if (f.hits !== hits) return null;
		const idf = statement(client, 'SELECT ln(?)')
			.pluck()
			.get((rows - hits + 0.5) / (hits + 0.5)) as number;
		idfs.push(idf <= 0 ? 1e-6 : idf);
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
			score += idfs[i] * ((f * (K1 + 1.0)) / (f + K1 * (1 - B + (B * D) / avgdl)));
		}
		out[c] = -1.0 * score;
	}
	return out;
}
