import { formatEur, formatMoney, formatNumber, countryName, formatDay } from '$lib/i18n/format';
import { sql } from '$lib/server/context';
import { facetTitle, facetValueLabel } from '$lib/server/public/labels';
import { defaultSort, FACETS, filterParams, parseQuery, queryParams, type PublicQuery } from '$lib/server/public/query';
import { publicSearch } from '$lib/server/public/search-index';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals, setHeaders }) => {
	const { lang, explicit } = locals.lang;
	setHeaders({ vary: 'Accept-Language' });
	const query = parseQuery(url.searchParams);
	const result = await publicSearch(sql(), query);
	const langParam = explicit ? lang : null;
	const href = (q: PublicQuery) => {
		const params = queryParams(q, { lang: langParam }).toString();
		return params ? `/?${params}` : '/';
	};
	const filters = filterParams(query).toString();

	return {
		lang,
		langParam,
		query: { ...query, page: result.page },
		/** The sort the reader chose; '' for the default (relevance with a search, title without). */
		sort: query.sort === defaultSort(query) ? '' : query.sort,
		total: result.total,
		totalText: formatNumber(result.total, lang),
		pageCount: result.pageCount,
		prevHref: result.page > 1 ? href({ ...query, page: result.page - 1 }) : null,
		nextHref: result.page < result.pageCount ? href({ ...query, page: result.page + 1 }) : null,
		clearHref: langParam ? `/?lang=${langParam}` : '/',
		csvHref: `/api/projects.csv${filters ? `?${filters}` : ''}`,
		xlsxHref: `/api/projects.xlsx${filters ? `?${filters}` : ''}`,
		jsonHref: `/api/projects${filters ? `?${filters}` : ''}`,
		facets: FACETS.map((key) => {
			const selected = query[key];
			return {
				key,
				title: facetTitle(key, lang),
				selected:
					selected === null
						? null
						: { label: facetValueLabel(key, String(selected), lang), removeHref: href({ ...query, [key]: null, page: 1 }) },
				values: result.facets[key].map((f) => ({
					label: facetValueLabel(key, f.value, lang),
					count: formatNumber(f.count, lang),
					href: href({ ...query, [key]: key === 'year' ? Number(f.value) : f.value, page: 1 }),
					selected: String(selected) === f.value
				}))
			};
		}),
		items: result.items.map((p) => ({
			id: p.id,
			href: `/projects/${encodeURIComponent(p.id)}${langParam ? `?lang=${langParam}` : ''}`,
			title: p.title,
			owner: p.owner,
			funding: [p.funder, p.programme].filter(Boolean).join(' · '),
			place: [p.country ? countryName(p.country, lang) : null, ...p.regions].filter(Boolean).join(', '),
			period:
				p.startDate || p.endDate
					? `${p.startDate ? formatDay(p.startDate, lang) : '…'} – ${p.endDate ? formatDay(p.endDate, lang) : '…'}`
					: null,
			amount: p.amount ? formatMoney(p.amount, lang) : null,
			amountEur: p.amount && p.amount.currency !== 'EUR' && p.amountEur !== null ? formatEur(p.amountEur, lang) : null
		}))
	};
};
