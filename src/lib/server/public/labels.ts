/** How facet values read on the public pages, in the reader's language. */
import { fieldDef } from '../../records/fields';
import { countryName, formatCompactEur } from '../../i18n/format';
import type { Lang } from '../../i18n/lang';
import { MESSAGES } from '../../i18n/messages';
import { AMOUNT_BANDS, type FacetKey } from './query';

export function facetTitle(key: FacetKey, lang: Lang): string {
	const t = MESSAGES[lang];
	switch (key) {
		case 'region':
			return t.facetRegion;
		case 'year':
			return t.facetYear;
		case 'amount':
			return t.facetAmount;
		default:
			return fieldDef(key).labels[lang];
	}
}

export function facetValueLabel(key: FacetKey, value: string, lang: Lang): string {
	if (key === 'country') return countryName(value, lang);
	if (key !== 'amount') return value;
	const band = AMOUNT_BANDS.find((b) => b.id === value);
	if (!band) return value;
	const t = MESSAGES[lang];
	if (band.min === 0) return t.bandBelow(formatCompactEur(band.max, lang));
	if (band.max === null) return t.bandAbove(formatCompactEur(band.min, lang));
	return `${formatCompactEur(band.min, lang)} – ${formatCompactEur(band.max, lang)}`;
}
