/** The facet filters of a search applied on the in-memory index: the same rows as whereOf's SQL selects. */
import type { FacetColumn, FacetIndex } from './facet-index';
import type { PublicFilters } from './query';

/** A filter that is set: the facet and the code of its value. */
interface Wanted {
	facet: FacetColumn;
	code: number;
}

/** Null when a value is asked for that no project has: nothing matches. */
function wanted(index: FacetIndex, f: PublicFilters): Wanted[] | null {
	const out: Wanted[] = [];
	for (const facet of index.facets) {
		const value = f[facet.param];
		if (value === null) continue;
		const code = facet.code.get(value);
		if (code === undefined) return null;
		out.push({ facet, code });
	}
	return out;
}

/** The ids of `source` (ascending, e.g. a text match) that are public and pass the facet filters, still ascending. */
export function candidates(index: FacetIndex, source: Int32Array, f: PublicFilters): Int32Array {
	const w = wanted(index, f);
	if (!w) return new Int32Array(0);
	const { present } = index;
	const single = w.filter((x) => x.facet.of).map((x) => ({ of: x.facet.of!, code: x.code }));
	const listed = w.filter((x) => !x.facet.of).map((x) => ({ start: x.facet.start!, list: x.facet.list!, code: x.code }));
	// No filter: the text match is every candidate (FTS5 and public_projects are written together), so it is not copied.
	if (!w.length && source.every((id) => id < index.size && present[id] === 1)) return source;
	const out = new Int32Array(source.length);
	let n = 0;
	next: for (const id of source) {
		if (id >= index.size || !present[id]) continue;
		for (const s of single) if (s.of[id] !== s.code) continue next;
		for (const l of listed) if (!hasCode(l.list, l.start[id], l.start[id + 1], l.code)) continue next;
		out[n++] = id;
	}
	return n === out.length ? out : out.slice(0, n);
}

function hasCode(list: ArrayLike<number>, from: number, to: number, code: number): boolean {
	for (let i = from; i < to; i++) if (list[i] === code) return true;
	return false;
}
