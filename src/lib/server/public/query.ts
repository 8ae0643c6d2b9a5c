/**
 * The public search as it travels in a URL (`/?q=…&country=SE`), shared by the page and
 * the API so a search can be shared and replayed. Parsing is lenient: a value that does
 * not fit is dropped, never an error, because these URLs are typed and pasted by people.
 * The facets and their filter types come from the field registry (`facet` on a field).
 */
import { FIELDS, type FacetDef, type FieldKind } from '../../records/fields';

export const SORTS = ['relevance', 'amount', 'start', 'title'] as const;
export type Sort = (typeof SORTS)[number];

/** Amount ranges in euro; `max` is exclusive. */
export const AMOUNT_BANDS = [
	{ id: 'lt100k', min: 0, max: 100_000 },
	{ id: '100k-500k', min: 100_000, max: 500_000 },
	{ id: '500k-1m', min: 500_000, max: 1_000_000 },
	{ id: '1m-5m', min: 1_000_000, max: 5_000_000 },
	{ id: 'gte5m', min: 5_000_000, max: null }
] as const;
export type AmountBand = (typeof AMOUNT_BANDS)[number];
export type AmountBandId = AmountBand['id'];

/** The registry's facet fields (`facet` set), in facet order. */
type FacetField = Extract<(typeof FIELDS)[number], { facet: FacetDef }>;
export type FacetKey = FacetField['facet']['param'];

const FACET_FIELDS = (FIELDS.filter((f) => f.facet !== null) as FacetField[]).sort((a, b) => a.facet.rank - b.facet.rank);
export const FACETS: readonly FacetKey[] = FACET_FIELDS.map((f) => f.facet.param);

/** A facet's value by its field's kind: a date filters by year, money by euro band, the rest by their text. */
type FacetValue<K extends FieldKind> = K extends 'date' ? number : K extends 'money' ? AmountBandId : string;

/**
 * Reads a parameter of a kind whose values have a form; null when it does not fit. Kinds not
 * listed take any text.
 */
const FACET_PARSERS: Partial<Record<FieldKind, (v: string) => string | number | null>> = {
	country: (v) => (/^[A-Za-z]{2}$/.test(v) ? v.toUpperCase() : null),
	date: (v) => (/^\d{4}$/.test(v) ? Number(v) : null),
	money: (v) => (isBand(v) ? v : null)
};

export type PublicFilters = { q: string } & { [F in FacetField as F['facet']['param']]: FacetValue<F['kind']> | null };

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

function isBand(v: string): v is AmountBandId {
	return AMOUNT_BANDS.some((b) => b.id === v);
}

export function parseFilters(params: URLSearchParams): PublicFilters {
	const filters: Record<string, string | number | null> = { q: text(params, 'q') ?? '' };
	for (const f of FACET_FIELDS) {
		const v = text(params, f.facet.param);
		const parse = FACET_PARSERS[f.kind];
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
	return FACET_FIELDS.filter((f) => FACET_PARSERS[f.kind])
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
