/** Facet counts over a set of projects, from the in-memory index: a counter per value, each facet listed as its kind arranges it. */
import type { FacetCount } from '../../records/kinds';
import type { FacetColumn, FacetIndex } from './facet-index';
import type { FacetKey } from './query';

export type FacetValue = FacetCount;

export type Facets = Record<FacetKey, FacetValue[]>;

export function countFacets(index: FacetIndex, ids: Int32Array): Facets {
	return Object.fromEntries(index.facets.map((f) => [f.param, f.kind.arrange(counted(f, count(f, ids)))])) as Facets;
}

function count(f: FacetColumn, ids: Int32Array): Uint32Array {
	const counts = new Uint32Array(f.values.length + 1);
	const { of, start, list } = f;
	if (of) for (const id of ids) counts[of[id]]++;
	else if (start && list) for (const id of ids) for (let i = start[id]; i < start[id + 1]; i++) counts[list[i]]++;
	return counts;
}

/** The values with a count, in the column's order (SQLite's, which ties are broken by). */
function counted(f: FacetColumn, counts: Uint32Array): FacetValue[] {
	const out: FacetValue[] = [];
	for (let code = 1; code < counts.length; code++) if (counts[code]) out.push({ value: String(f.values[code - 1]), count: counts[code] });
	return out;
}
