import { formatEur, formatNumber } from '$lib/i18n/format';
import { sql } from '$lib/server/context';
import { searchOrganisations } from '$lib/server/public/organisations';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals, setHeaders }) => {
	const { lang, explicit } = locals.lang;
	setHeaders({ vary: 'Accept-Language' });
	const q = url.searchParams.get('q')?.trim().slice(0, 200) ?? '';
	const pageParam = url.searchParams.get('page');
	const found = await searchOrganisations(sql(), q, pageParam && /^\d{1,7}$/.test(pageParam) ? Number(pageParam) : 1);
	const langParam = explicit ? lang : null;
	const href = (page: number) => {
		const params = new URLSearchParams();
		if (q) params.set('q', q);
		if (page > 1) params.set('page', String(page));
		if (langParam) params.set('lang', langParam);
		const s = params.toString();
		return s ? `/organisations?${s}` : '/organisations';
	};
	return {
		lang,
		langParam,
		q,
		total: found.total,
		totalText: formatNumber(found.total, lang),
		page: found.page,
		pageCount: found.pageCount,
		prevHref: found.page > 1 ? href(found.page - 1) : null,
		nextHref: found.page < found.pageCount ? href(found.page + 1) : null,
		items: found.items.map((o) => ({
			href: `/organisations/${o.slug}${langParam ? `?lang=${langParam}` : ''}`,
			name: o.name,
			variants: o.variants,
			projects: formatNumber(o.projects, lang),
			owned: formatNumber(o.owned, lang),
			partnered: formatNumber(o.partnered, lang),
			eur: o.eur ? formatEur(o.eur, lang) : null
		}))
	};
};
