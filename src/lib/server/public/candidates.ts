/** The facet filters of a search applied on the in-memory index: the same rows as whereOf's SQL selects. */
import type { FacetIndex } from './facet-index';
import { AMOUNT_BANDS, type FacetKey, type PublicFilters } from './query';

/** Codes to compare with, one per facet of the registry; 0 where the filter is not set. */
type Wanted = Record<FacetKey, number>;

/** Null when a value is asked for that no project has: nothing matches. */
function wanted(index: FacetIndex, f: PublicFilters): Wanted | null {
	const code = <T>(value: T | null, codes: Map<T, number>) => (value === null ? 0 : (codes.get(value) ?? -1));
	const w: Wanted = {
		country: code(f.country, index.country.code),
		funder: code(f.funder, index.funder.code),
		programme: code(f.programme, index.programme.code),
		year: code(f.year, index.year.code),
		amount: f.amount === null ? 0 : AMOUNT_BANDS.findIndex((b) => b.id === f.amount) + 1,
		region: code(f.region, index.regions.code)
	};
	return Object.values(w).some((c) => c < 0) ? null : w;
}

/** The ids of `source` (ascending, e.g. a text match) that are public and pass the facet filters, still ascending. */
export function candidates(index: FacetIndex, source: Int32Array, f: PublicFilters): Int32Array {
	const w = wanted(index, f);
	if (!w) return new Int32Array(0);
	const { present, band } = index;
	const country = index.country.of;
	const funder = index.funder.of;
	const programme = index.programme.of;
	const year = index.year.of;
	const { start, list } = index.regions;
	const out = new Int32Array(source.length);
	let n = 0;
	for (const id of source) {
		if (id >= index.size || !present[id]) continue;
		if (w.country && country[id] !== w.country) continue;
		if (w.funder && funder[id] !== w.funder) continue;
		if (w.programme && programme[id] !== w.programme) continue;
		if (w.year && year[id] !== w.year) continue;
		if (w.amount && band[id] !== w.amount) continue;
		if (w.region && !hasRegion(list, start[id], start[id + 1], w.region)) continue;
		out[n++] = id;
	}
	return n === out.length ? out : out.slice(0, n);
}

function hasRegion(list: ArrayLike<number>, from: number, to: number, code: number): boolean {
	for (let i = from; i < to; i++) if (list[i] === code) return true;
	return false;
}
