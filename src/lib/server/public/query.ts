/**
 * The public search as it travels in a URL (`/?q=…&country=SE`), shared by the page and
 * the API so a search can be shared and replayed. Parsing is lenient: a value that does
 * not fit is dropped, never an error, because these URLs are typed and pasted by people.
 * The facets and their filter types come from the field registry (`facet` on a field).
 */
import { FACET_FIELDS, type FacetField } from '../../records/fields';
import { facetKind, type FacetValueOf } from '../../records/kinds';

export { AMOUNT_BANDS, type AmountBand, type AmountBandId } from '../../records/amount-bands';

export const SORTS = ['relevance', 'amount', 'start', 'title'] as const;
export type Sort = (typeof SORTS)[number];

export type FacetKey = FacetField['facet']['param'];

export const FACETS: readonly FacetKey[] = FACET_FIELDS.map((f) => f.facet.param);

/** A facet's value by its field's kind (kinds.ts): a date filters by year, money by euro band, the rest by their text. */
export type PublicFilters = { q: string } & { [F in FacetField as F['facet']['param']]: FacetValueOf<F['kind']> | null };

export interface PublicQuery extends PublicFilters {
	sort: Sort;
	page: number;
}

const MAX_TEXT = 200;
const MAX_PAGE = 1_000_000;

function text(params: URLSearchParams, name: string): string | null {
	const v = params.get(name)?.trim().slice(0, MAX_TEXT);
	return v ? v : null;
}

function isSort(v: string | null): v is Sort {
	return (SORTS as readonly (string | null)[]).includes(v);
}

export function parseFilters(params: URLSearchParams): PublicFilters {
	const filters: Record<string, string | number | null> = { q: text(params, 'q') ?? '' };
	for (const f of FACET_FIELDS) {
		const v = text(params, f.facet.param);
		const parse = facetKind(f).parse;
		filters[f.facet.param] = v === null ? null : parse ? parse(v) : v;
	}
	return filters as PublicFilters;
}

/**
 * Filter parameters that were given but mean nothing, for the API: a program asking for
 * `country=Sweden` should hear so rather than silently get every country.
 */
export function unknownFilterValues(params: URLSearchParams): string[] {
	const parsed = parseFilters(params);
	return FACET_FIELDS.filter((f) => facetKind(f).parse)
		.map((f) => f.facet.param)
		.filter((k) => text(params, k) !== null && parsed[k] === null);
}

export function parseQuery(params: URLSearchParams): PublicQuery {
	const filters = parseFilters(params);
	const sort = text(params, 'sort');
	const page = text(params, 'page');
	return {
		...filters,
		sort: isSort(sort) && (sort !== 'relevance' || filters.q) ? sort : defaultSort(filters),
		page: page && /^\d+$/.test(page) ? Math.min(MAX_PAGE, Math.max(1, Number(page))) : 1
	};
}

export function defaultSort(filters: PublicFilters): Sort {
	return filters.q ? 'relevance' : 'title';
}

/** The filters back as URL parameters: what selects the projects, for the page, the API and the export alike. */
export function filterParams(filters: PublicFilters): URLSearchParams {
	const params = new URLSearchParams();
	if (filters.q) params.set('q', filters.q);
	for (const key of FACETS) {
		const v = filters[key];
		if (v !== null) params.set(key, String(v));
	}
	return params;
}

/** The whole query as URL parameters, leaving out defaults so shared links stay short. */
export function queryParams(query: PublicQuery, extra: Record<string, string | null> = {}): URLSearchParams {
	const params = filterParams(query);
	if (query.sort !== defaultSort(query)) params.set('sort', query.sort);
	if (query.page > 1) params.set('page', String(query.page));
	for (const [k, v] of Object.entries(extra)) if (v !== null) params.set(k, v);
	return params;
}
