/**
 * Numbers, money, dates and country names in the reader's language: the app's one place
 * for them (tests/pages/dates.spec.ts and numbers.spec.ts fail on any other). Pure: server and browser.
 */
import type { Money } from '../records/fields';
import { LOCALES, type Lang } from './lang';

/** Dates are calendar days in the Nordic time zone the data is about, the same on server and browser. */
const TIME_ZONE = 'Europe/Stockholm';

export function formatNumber(n: number, lang: Lang): string {
	return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 0 }).format(n);
}

/** A number as a machine or a form field reads it: no grouping, every digit, a full stop for the decimal point. */
export function plainNumber(n: number): string {
	return n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

/** An exchange rate, to five decimals. */
export function formatRate(rate: number, lang: Lang): string {
	return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 5 }).format(rate);
}

/** A share (0.4 for 40 %), in whole percent. */
export function formatPercent(share: number, lang: Lang): string {
	return new Intl.NumberFormat(LOCALES[lang], { style: 'percent', maximumFractionDigits: 0 }).format(share);
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

/**
 * The app's one way of writing dates: the day in the locale's long form, and for moments
 * (an approval, a comment, an audit entry) the same day with a 24-hour time. Every page,
 * public or workspace, server or browser, writes dates through these two.
 */
const DAY = (lang: Lang) => new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: TIME_ZONE });
const MOMENT = (lang: Lang) =>
	new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeStyle: 'short', hourCycle: 'h23', timeZone: TIME_ZONE });

/** A calendar day: a `YYYY-MM-DD` string (read as that day wherever the code runs) or a moment's day. */
export function formatDay(d: Date | string, lang: Lang): string {
	const date = typeof d === 'string' ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(d) ? `${d}T12:00:00Z` : d) : d;
	if (Number.isNaN(date.getTime())) return String(d);
	return DAY(lang).format(date);
}

/** A moment (Date or ISO string) with its time of day. */
export function formatDateTime(d: Date | string | number, lang: Lang): string {
	const date = new Date(d);
	if (Number.isNaN(date.getTime())) return String(d);
	return MOMENT(lang).format(date);
}

export function countryName(code: string, lang: Lang): string {
	try {
		return new Intl.DisplayNames([LOCALES[lang]], { type: 'region' }).of(code) ?? code;
	} catch {
		return code;
	}
}

function zoneOffsetMs(at: Date): number {
	const name = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' })
		.formatToParts(at)
		.find((p) => p.type === 'timeZoneName')?.value;
	const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
	return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000 : 0;
}

/** The moment a calendar day (`YYYY-MM-DD`) begins in the time zone dates are written in; null for no such day. */
export function startOfDay(day: string): Date | null {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
	const utcMidnight = Date.parse(`${day}T00:00:00Z`);
	if (Number.isNaN(utcMidnight) || new Date(utcMidnight).toISOString().slice(0, 10) !== day) return null;
	const guess = utcMidnight - zoneOffsetMs(new Date(utcMidnight));
	return new Date(utcMidnight - zoneOffsetMs(new Date(guess)));
}

/** A file size in MB: two decimals under one MB, one above (the English form is toFixed's, as the CLI always printed it). */
export function formatMegabytes(bytes: number, lang: Lang): string {
	const digits = bytes < 1048576 ? 2 : 1;
	const n = new Intl.NumberFormat(LOCALES[lang], { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });
	return `${n.format(bytes / 1048576)} MB`;
}
