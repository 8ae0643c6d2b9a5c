/** Numbers, money, dates and country names in the reader's language. Pure: server and browser. */
import type { Money } from '../records/fields';
import { LOCALES, type Lang } from './lang';

/** Dates are calendar days in the Nordic time zone the data is about, the same on server and browser. */
const TIME_ZONE = 'Europe/Stockholm';

export function formatNumber(n: number, lang: Lang): string {
	return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 0 }).format(n);
}

export function formatMoney(m: Money, lang: Lang): string {
	return `${formatNumber(m.value, lang)} ${m.currency}`;
}

export function formatEur(n: number, lang: Lang): string {
	return `${formatNumber(n, lang)} EUR`;
}

export function formatCompactEur(n: number, lang: Lang): string {
	return `${new Intl.NumberFormat(LOCALES[lang], { notation: 'compact', maximumFractionDigits: 1 }).format(n)} EUR`;
}

export function formatDay(d: Date | string, lang: Lang): string {
	const date = typeof d === 'string' ? new Date(`${d}T12:00:00Z`) : d;
	if (Number.isNaN(date.getTime())) return String(d);
	return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: TIME_ZONE }).format(date);
}

export function countryName(code: string, lang: Lang): string {
	try {
		return new Intl.DisplayNames([LOCALES[lang]], { type: 'region' }).of(code) ?? code;
	} catch {
		return code;
	}
}
