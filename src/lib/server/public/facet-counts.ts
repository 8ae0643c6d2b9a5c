/** Facet counts over a set of projects, from the in-memory index: one pass, a counter per value. */
import type { Column, FacetIndex } from './facet-index';
import { AMOUNT_BANDS, type FacetKey } from './query';

export interface FacetValue {
	value: string;
	count: number;
}

export type Facets = Record<FacetKey, FacetValue[]>;

/** Long tails of funders, programmes and regions are cut; the chosen value always shows (it is all that matches). */
export const FACET_LIMIT = 15;
/** Enough for every country and every start year. */
const COUNTRY_LIMIT = 300;
const YEAR_LIMIT = 200;

export function countFacets(index: FacetIndex, ids: Int32Array): Facets {
	const country = new Uint32Array(index.country.values.length + 1);
	const funder = new Uint32Array(index.funder.values.length + 1);
	const programme = new Uint32Array(index.programme.values.length + 1);
	const year = new Uint32Array(index.year.values.length + 1);
	const band = new Uint32Array(AMOUNT_BANDS.length + 1);
	const region = new Uint32Array(index.regions.values.length + 1);
	const [countryOf, funderOf, programmeOf, yearOf, bandOf] = [
		index.country.of,
		index.funder.of,
		index.programme.of,
		index.year.of,
		index.band
	];
	const { start, list } = index.regions;
	for (const id of ids) {
		country[countryOf[id]]++;
		funder[funderOf[id]]++;
		programme[programmeOf[id]]++;
		year[yearOf[id]]++;
		band[bandOf[id]]++;
		for (let i = start[id]; i < start[id + 1]; i++) region[list[i]]++;
	}
	return {
		country: byCount(index.country, country, COUNTRY_LIMIT),
		funder: byCount(index.funder, funder, FACET_LIMIT),
		programme: byCount(index.programme, programme, FACET_LIMIT),
		region: byCount(index.regions, region, FACET_LIMIT),
		// Newest first.
		year: present(index.year, year).reverse().slice(0, YEAR_LIMIT),
		// In band order, as a scale.
		amount: AMOUNT_BANDS.flatMap((b, i) => (band[i + 1] ? [{ value: b.id, count: band[i + 1] }] : []))
	};
}

type Values = Pick<Column<string | number>, 'values'>;

/** The values with a count, in the column's order (SQLite's, which ties are broken by). */
function present(column: Values, counts: Uint32Array): FacetValue[] {
	const out: FacetValue[] = [];
	for (let code = 1; code < counts.length; code++)
		if (counts[code]) out.push({ value: String(column.values[code - 1]), count: counts[code] });
	return out;
}

/** Most projects first; equal counts in value order. The sort is stable, so present's order breaks the ties. */
function byCount(column: Values, counts: Uint32Array, limit: number): FacetValue[] {
	return present(column, counts)
		.sort((a, b) => b.count - a.count)
		.slice(0, limit);
}
