/**
 * The public projects' facet and sort columns in memory, one typed array per column
 * indexed by project id (AUTOINCREMENT ids, never reused: dense but for withdrawals). Filtering, counting
 * facets and picking a page over tens of thousands of matches is a few passes over these
 * arrays, where SQL had to join every text match to public_projects and group it six times.
 *
 * One index per connection, rebuilt when public_state's generation moves (every publication
 * and withdrawal bumps it in its own transaction, also from another process). Callers read
 * it inside one read transaction with their other queries, so the index and the FTS index
 * describe the same data.
 */
import type Database from 'better-sqlite3';
import { statement } from './statements';
import { AMOUNT_BANDS, type Sort } from './query';

type Client = Database.Database;
export type Codes = Uint16Array | Uint32Array;

/** A facet's distinct values, in SQLite's order (BINARY for text); a project's code is its value's position + 1, 0 for none. */
export interface Column<T extends string | number> {
	values: T[];
	code: Map<T, number>;
	of: Codes;
}

export interface Regions {
	values: string[];
	code: Map<string, number>;
	/** Project id's region codes are list[start[id]] up to list[start[id + 1]]. */
	start: Int32Array;
	list: Codes;
}

export type RankedSort = Exclude<Sort, 'relevance'>;

/** The orders as public_projects' indexes give them, so ties and NULLs fall where SQL puts them. */
export const ORDER_SQL: Record<RankedSort, string> = {
	amount: 'amount_eur DESC, id DESC',
	start: 'start_date DESC, id DESC',
	title: 'sort_title, id'
};

export class FacetIndex {
	/** Largest id + 1: the length of every per-id array. */
	readonly size: number;
	/** Every public project's id, ascending. */
	readonly all: Int32Array;
	readonly present: Uint8Array;
	readonly country: Column<string>;
	readonly funder: Column<string>;
	readonly programme: Column<string>;
	readonly year: Column<number>;
	/** Position in AMOUNT_BANDS + 1; 0 for no band (no euro amount, or below zero). */
	readonly band: Uint8Array;
	readonly regions: Regions;
	private readonly ranks = new Map<RankedSort, Int32Array>();

	constructor(
		private readonly client: Client,
		readonly generation: number
	) {
		const maxId = (statement(client, 'SELECT max(id) FROM public_projects').pluck().get() as number | null) ?? 0;
		this.size = maxId + 1;
		this.present = new Uint8Array(this.size);
		this.country = this.column('country');
		this.funder = this.column('funder');
		this.programme = this.column('programme');
		this.year = this.column('start_year');
		let count = 0;
		for (let id = 0; id < this.size; id++) count += this.present[id];
		this.all = new Int32Array(count);
		for (let id = 0, n = 0; id < this.size; id++) if (this.present[id]) this.all[n++] = id;
		this.band = new Uint8Array(this.size);
		AMOUNT_BANDS.forEach((b, i) => {
			const ids =
				b.max === null
					? statement(client, 'SELECT group_concat(id) FROM public_projects WHERE amount_eur >= ?').pluck().get(b.min)
					: statement(client, 'SELECT group_concat(id) FROM public_projects WHERE amount_eur >= ? AND amount_eur < ?')
							.pluck()
							.get(b.min, b.max);
			fill(this.band, ids, i + 1);
		});
		this.regions = this.regionLists();
	}

	/** A project's place in a sort order; built the first time that order is asked for, as most searches sort by relevance. */
	rank(sort: RankedSort): Int32Array {
		let rank = this.ranks.get(sort);
		if (!rank) {
			rank = new Int32Array(this.size);
			const ids = statement(this.client, `SELECT id FROM public_projects ORDER BY ${ORDER_SQL[sort]}`).pluck().all() as number[];
			for (let i = 0; i < ids.length; i++) rank[ids[i]] = i;
			this.ranks.set(sort, rank);
		}
		return rank;
	}

	/**
	 * Each value with its projects, read from the column's index. The NULL group comes too
	 * (first), so every project is seen and marked present without another scan.
	 */
	private column<T extends string | number>(name: 'country' | 'funder' | 'programme' | 'start_year'): Column<T> {
		const rows = statement(this.client, `SELECT ${name}, group_concat(id) FROM public_projects GROUP BY ${name} ORDER BY ${name}`)
			.raw()
			.all() as [T | null, string][];
		const values = rows.filter((r) => r[0] !== null).map((r) => r[0] as T);
		const of = codes(this.size, values.length);
		const offset = rows.length - values.length;
		for (let i = 0; i < rows.length; i++) {
			fill(this.present, rows[i][1], 1);
			if (i >= offset) fill(of, rows[i][1], i - offset + 1);
		}
		return { values, code: new Map(values.map((v, i) => [v, i + 1])), of };
	}

	private regionLists(): Regions {
		const rows = statement(
			this.client,
			'SELECT region, group_concat(project_id) FROM public_project_regions GROUP BY region ORDER BY region'
		)
			.raw()
			.all() as [string, string][];
		const members = rows.map(([, ids]) => idList(ids));
		const start = new Int32Array(this.size + 1);
		for (const ids of members) for (let i = 0; i < ids.length; i++) start[ids[i] + 1]++;
		for (let id = 0; id < this.size; id++) start[id + 1] += start[id];
		const list = codes(start[this.size], rows.length);
		const next = start.slice(0, this.size);
		for (let code = 1; code <= members.length; code++) {
			const ids = members[code - 1];
			for (let i = 0; i < ids.length; i++) list[next[ids[i]]++] = code;
		}
		return { values: rows.map((r) => r[0]), code: new Map(rows.map((r, i) => [r[0], i + 1])), start, list };
	}
}

/** Sets `code` at each id of a group_concat list, parsing as it goes: no list is built. */
function fill(of: Uint8Array | Codes, text: unknown, code: number): void {
	if (typeof text !== 'string') return;
	let id = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 44) {
			of[id] = code;
			id = 0;
		} else id = id * 10 + c - 48;
	}
	if (text) of[id] = code;
}

function codes(length: number, distinct: number): Codes {
	return distinct < 0xffff ? new Uint16Array(length) : new Uint32Array(length);
}

/** Ids as SQLite's group_concat writes them ("3,17,42"; NULL for none): one string is far cheaper to fetch than a row per id. */
export function idList(text: unknown): Int32Array {
	if (typeof text !== 'string' || !text) return new Int32Array(0);
	let count = 1;
	for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) count++;
	const ids = new Int32Array(count);
	let n = 0;
	let v = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 44) {
			ids[n++] = v;
			v = 0;
		} else v = v * 10 + c - 48;
	}
	ids[n] = v;
	return ids;
}

const indexes = new WeakMap<Client, FacetIndex>();

/** The index for the data as this connection now sees it; call inside the read transaction of the queries that use it. */
export function facetIndex(client: Client): FacetIndex {
	const generation = (statement(client, 'SELECT generation FROM public_state WHERE id = 1').pluck().get() as number | undefined) ?? 0;
	let index = indexes.get(client);
	if (index?.generation !== generation) {
		index = new FacetIndex(client, generation);
		indexes.set(client, index);
	}
	return index;
}
