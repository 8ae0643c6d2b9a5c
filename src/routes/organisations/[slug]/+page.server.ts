import { error, redirect } from '@sveltejs/kit';
import { EUR_RATES_DATE } from '$lib/records/eur-rates';
import { formatDay, formatEur, formatMoney, formatNumber } from '$lib/i18n/format';
import { MESSAGES, RATES_SOURCE } from '$lib/i18n/messages';
import { sql } from '$lib/server/context';
import { jsonLdScript, organisationJsonLd } from '$lib/server/public/linked-data';
import { getOrganisation } from '$lib/server/public/organisations';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, locals, setHeaders }) => {
	const { lang, explicit } = locals.lang;
	setHeaders({ vary: 'Accept-Language' });
	const t = MESSAGES[lang];
	const pageParam = url.searchParams.get('page');
	const found = await getOrganisation(sql(), params.slug, pageParam && /^\d{1,7}$/.test(pageParam) ? Number(pageParam) : 1);
	// The message is already in the reader's language: the error page has no other way to know it.
	if (!found) error(404, t.orgNotFound);
	// A name variant merged into another organisation lives at that organisation's address.
	if ('redirect' in found) redirect(308, `/organisations/${found.redirect}${url.search}`);
	const o = found.found;
	const langParam = explicit ? lang : null;
	const path = `/organisations/${o.slug}`;
	const canonical = `${url.origin}${path}`;
	const withLang = (p: string) => (langParam ? `${p}${p.includes('?') ? '&' : '?'}lang=${langParam}` : p);
	const projectPath = (id: string) => `/projects/${encodeURIComponent(id)}`;
	const pageHref = (page: number) => withLang(page > 1 ? `${path}?page=${page}` : path);
	const description = `${o.name}: ${t.orgProjects.toLowerCase()} ${formatNumber(o.projects, lang)} (${t.orgProjectsOwned(formatNumber(o.owned, lang), formatNumber(o.partnered, lang))})`;
	return {
		lang,
		langParam,
		name: o.name,
		variants: o.variants,
		description,
		canonical,
		jsonHref: `/api/organisations/${o.slug}`,
		backHref: withLang('/organisations'),
		summary: `${formatNumber(o.projects, lang)} · ${t.orgProjectsOwned(formatNumber(o.owned, lang), formatNumber(o.partnered, lang))}`,
		totals: {
			eur: formatEur(o.totals.eur, lang),
			unconverted: o.projects - o.totals.converted ? t.withoutAmount(o.projects - o.totals.converted) : null,
			byCurrency: o.totals.byCurrency.map((m) => ({
				text: formatMoney(m, lang),
				projects: t.results(formatNumber(m.projects, lang), m.projects)
			})),
			ratesNote: t.ratesNote(RATES_SOURCE[lang], formatDay(EUR_RATES_DATE, lang))
		},
		page: o.page,
		pageCount: o.pageCount,
		prevHref: o.page > 1 ? pageHref(o.page - 1) : null,
		nextHref: o.page < o.pageCount ? pageHref(o.page + 1) : null,
		projects: o.items.map((p) => ({
			href: withLang(projectPath(p.id)),
			title: p.title,
			roles: p.roles.map((r) => t.roles[r]).join(', '),
			period: [p.startDate, p.endDate].some(Boolean)
				? `${p.startDate ? formatDay(p.startDate, lang) : '…'} – ${p.endDate ? formatDay(p.endDate, lang) : '…'}`
				: '',
			amount: p.amount ? formatMoney(p.amount, lang) : '',
			eur: p.amount && p.amount.currency !== 'EUR' && p.amountEur !== null ? `≈ ${formatEur(p.amountEur, lang)}` : '',
			funder: p.funder ?? ''
		})),
		jsonLd: jsonLdScript(organisationJsonLd(o, canonical, (id) => `${url.origin}${projectPath(id)}`))
	};
};
