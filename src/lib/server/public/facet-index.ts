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
import { FACET_FIELDS, type FacetField } from '../../records/fields';
import { facetKind, type FacetKind } from '../../records/kinds';
import { statement } from './statements';
import type { FacetKey, Sort } from './query';

type Client = Database.Database;
export type Codes = Uint16Array | Uint32Array;

/**
 * A facet's distinct values, in SQLite's order (BINARY for text); a value's code is its
 * position + 1, 0 for none. A single-valued facet keeps each project's code in `of`; a list
 * facet keeps project id's codes at list[start[id]] up to list[start[id + 1]].
 */
export interface FacetColumn {
	param: FacetKey;
	kind: FacetKind;
	values: (string | number)[];
	code: Map<string | number, number>;
	of: Codes | null;
	start: Int32Array | null;
	list: Codes | null;
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
	/** One per facet of the field registry, in facet order. */
	readonly facets: FacetColumn[];
	private readonly ranks = new Map<RankedSort, Int32Array>();

	constructor(
		private readonly client: Client,
		readonly generation: number
	) {
		const maxId = (statement(client, 'SELECT max(id) FROM public_projects').pluck().get() as number | null) ?? 0;
		this.size = maxId + 1;
		this.present = new Uint8Array(this.size);
		fill(this.present, statement(client, 'SELECT group_concat(id) FROM public_projects').pluck().get(), 1);
		let count = 0;
		for (let id = 0; id < this.size; id++) count += this.present[id];
		this.all = new Int32Array(count);
		for (let id = 0, n = 0; id < this.size; id++) if (this.present[id]) this.all[n++] = id;
		this.facets = FACET_FIELDS.map((def) => (facetKind(def).store === 'rows' ? this.rows(def) : this.column(def)));
	}

	/** A facet by its URL parameter. */
	facet(param: FacetKey): FacetColumn {
		return this.facets.find((f) => f.param === param)!;
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

	/** Each value with its projects, read from the column's index. */
	private column(def: FacetField): FacetColumn {
		const kind = facetKind(def);
		const name = kind.column(def.key);
		const rows = statement(
			this.client,
			`SELECT ${name}, group_concat(id) FROM public_projects WHERE ${name} IS NOT NULL GROUP BY ${name} ORDER BY ${name}`
		)
			.raw()
			.all() as [string | number, string][];
		const of = codes(this.size, rows.length);
		for (let i = 0; i < rows.length; i++) fill(of, rows[i][1], i + 1);
		const values = rows.map((r) => r[0]);
		return { param: def.facet.param, kind, values, code: new Map(values.map((v, i) => [v, i + 1])), of, start: null, list: null };
	}

	/** A list facet's values with their projects, from public_project_facet_values. */
	private rows(def: FacetField): FacetColumn {
		const rows = statement(
			this.client,
			'SELECT value, group_concat(project_id) FROM public_project_facet_values WHERE facet = ? GROUP BY value ORDER BY value'
		)
			.raw()
			.all(def.key) as [string, string][];
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
		const values = rows.map((r) => r[0]);
		return {
			param: def.facet.param,
			kind: facetKind(def),
			values,
			code: new Map(values.map((v, i) => [v, i + 1])),
			of: null,
			start,
			list
		};
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
