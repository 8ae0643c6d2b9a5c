import { EUR_RATES, EUR_RATES_DATE } from '$lib/records/eur-rates';
import { fieldDef } from '$lib/records/fields';
import { countryName, formatCompactEur, formatDay, formatEur, formatMoney, formatNumber, formatRate } from '$lib/i18n/format';
import { type Lang } from '$lib/i18n/lang';
import { MESSAGES, RATES_SOURCE } from '$lib/i18n/messages';
import { sql } from '$lib/server/context';
import { fundingByYearAndProgramme, fundingStats, type FundingRow } from '$lib/server/public/stats';
import type { PageServerLoad } from './$types';

/** Programmes are free text with a long tail; the chart and table show the largest. */
const MAX_PROGRAMMES = 20;

function rows(list: FundingRow[], lang: Lang, label: (key: string) => string) {
	const t = MESSAGES[lang];
	return list.map((r) => {
		const without = r.projects - r.converted;
		return {
			label: r.key === null ? t.notStated : label(r.key),
			eur: r.eur,
			// No euro amount known for any of its projects: that is not 0 EUR, and the chart draws no bar.
			empty: r.converted === 0,
			eurText: r.converted === 0 ? '–' : formatEur(r.eur, lang),
			eurShort: r.converted === 0 ? t.noAmountBar : formatCompactEur(r.eur, lang),
			projects: formatNumber(r.projects, lang),
			without: without ? t.withoutAmountShort(without) : null,
			unconverted: without ? t.withoutAmount(without) : null,
			original: r.original.map((m) => formatMoney(m, lang))
		};
	});
}

export const load: PageServerLoad = async ({ locals, setHeaders }) => {
	const { lang, explicit } = locals.lang;
	setHeaders({ vary: 'Accept-Language' });
	const t = MESSAGES[lang];
	const [stats, yp] = await Promise.all([fundingStats(sql()), fundingByYearAndProgramme(sql())]);
	return {
		lang,
		langParam: explicit ? lang : null,
		empty: stats.byCountry.length === 0,
		ratesNote: t.ratesNote(RATES_SOURCE[lang], formatDay(EUR_RATES_DATE, lang)),
		rates: Object.entries(EUR_RATES)
			.filter(([c]) => c !== 'EUR')
			.map(([currency, rate]) => `1 EUR = ${formatRate(rate, lang)} ${currency}`),
		groups: [
			{
				id: 'country',
				title: t.byCountry,
				keyLabel: fieldDef('country').labels[lang],
				rows: rows(stats.byCountry, lang, (k) => countryName(k, lang))
			},
			{
				id: 'programme',
				title: t.byProgramme,
				keyLabel: fieldDef('programme').labels[lang],
				rows: rows(stats.byProgramme.slice(0, MAX_PROGRAMMES), lang, (k) => k)
			},
			{ id: 'year', title: t.byYear, keyLabel: t.facetYear, rows: rows(stats.byYear, lang, (k) => k) }
		],
		yearProgramme: {
			id: 'year-programme',
			title: t.byYearProgramme,
			keyLabel: t.facetYear,
			series: yp.programmes.map((p) => p ?? t.otherProgrammes),
			rows: yp.rows.map((r) => {
				const sum = r.eur.reduce((a, b) => a + b, 0);
				const without = r.projects - r.converted;
				return {
					label: r.year ?? t.notStated,
					parts: r.eur,
					partsText: r.eur.map((e) => (e ? formatEur(e, lang) : '')),
					totalText: r.converted === 0 ? t.noAmountBar : formatCompactEur(sum, lang),
					sumText: r.converted === 0 ? '–' : formatEur(sum, lang),
					note: without ? t.withoutAmountShort(without) : null
				};
			})
		}
	};
};
