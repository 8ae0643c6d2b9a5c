/**
 * The public search as it travels in a URL (`/?q=…&country=SE`), shared by the page and
 * the API so a search can be shared and replayed. Parsing is lenient: a value that does
 * not fit is dropped, never an error, because these URLs are typed and pasted by people.
 */
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

export interface PublicFilters {
	q: string;
	country: string | null;
	funder: string | null;
	programme: string | null;
	region: string | null;
	year: number | null;
	amount: AmountBandId | null;
}

export interface PublicQuery extends PublicFilters {
	sort: Sort;
	page: number;
}

export const FACETS = ['country', 'funder', 'programme', 'region', 'year', 'amount'] as const;
export type FacetKey = (typeof FACETS)[number];

const MAX_TEXT = 200;
const MAX_PAGE = 1_000_000;

function text(params: URLSearchParams, name: string): string | null {
	const v = params.get(name)?.trim().slice(0, MAX_TEXT);
	return v ? v : null;
}

function isSort(v: string | null): v is Sort {
	return (SORTS as readonly (string | null)[]).includes(v);
}

function isBand(v: string | null): v is AmountBandId {
	return AMOUNT_BANDS.some((b) => b.id === v);
}

export function parseFilters(params: URLSearchParams): PublicFilters {
	const country = text(params, 'country');
	const year = text(params, 'year');
	const amount = text(params, 'amount');
	return {
		q: text(params, 'q') ?? '',
		country: country && /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : null,
		funder: text(params, 'funder'),
		programme: text(params, 'programme'),
		region: text(params, 'region'),
		year: year && /^\d{4}$/.test(year) ? Number(year) : null,
		amount: isBand(amount) ? amount : null
	};
}

/**
 * Filter parameters that were given but mean nothing, for the API: a program asking for
 * `country=Sweden` should hear so rather than silently get every country.
 */
export function unknownFilterValues(params: URLSearchParams): string[] {
	const parsed = parseFilters(params);
	return (['country', 'year', 'amount'] as const).filter((k) => text(params, k) !== null && parsed[k] === null);
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

