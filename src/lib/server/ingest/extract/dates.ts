/** Full calendar dates (day, month and year) and date ranges. */
import { LEXICONS } from './lang';
import { mayMatch, type Trigrams } from './prefilter';
import { lowerSameLength, wordMatches } from './text';
import { wordMatchesIn, type TextIndex } from './starts';

export interface DateMention {
	start: number;
	end: number;
	/** YYYY-MM-DD */
	iso: string;
	rule: string;
}

export interface DateRange {
	from: DateMention;
	to: DateMention;
}

const MONTHS: [string, number][] = LEXICONS.flatMap((l) => l.months.flatMap((names, i) => names.map((n): [string, number] => [n, i + 1])));
const MONTH_NUMBER = new Map(MONTHS);

/** Whether a word (lower case) names a month: "june", "okt". */
export function isMonthName(word: string): boolean {
	return MONTH_NUMBER.has(word);
}
const MONTH = MONTHS.map(([m]) => m)
	.sort((a, b) => b.length - a.length)
	.join('|');

const ISO = /(?<![\d-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])/g;
const NUMERIC = /(?<![\d./-])(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?![\d-])/g;
/** "01.08.2022-31.07.2025": two numeric dates glued by a hyphen, which a single date may not touch. */
const NUMERIC_PAIR = /(?<![\d./-])(\d{1,2})([./])(\d{1,2})\2(\d{4})-(\d{1,2})\2(\d{1,2})\2(\d{4})(?![\d-])/g;
const TEXT_DMY = new RegExp(String.raw`(?<![\p{L}\d])(\d{1,2})(?:\.|st|nd|rd|th|:e|:a)?\s+(?:of\s+)?(${MONTH})\.?,?\s+(\d{4})(?!\d)`, 'gu');
const TEXT_MDY = new RegExp(String.raw`(${MONTH})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)`, 'gu');

const RANGE_GLUE = /^\s*(?:[-–—]|till och med|t\.o\.m\.|till|til|to|until|through|og|och|and)(?:\s+(?:den|the|og med))?\s*$/i;

function iso(y: number, m: number, d: number): string | null {
	if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
	const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
	if (d > days) return null;
	return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** grams, when given, are those of text (or of a document text is part of): see prefilter.ts. */
export function findDates(text: string, lower = lowerSameLength(text), grams?: Trigrams, index?: TextIndex): DateMention[] {
	const found: DateMention[] = [];
	const add = (start: number, end: number, value: string | null, rule: string) => {
		if (value) found.push({ start, end, iso: value, rule });
	};
	for (const m of text.matchAll(ISO)) {
		add(m.index, m.index + m[0].length, iso(+m[1], +m[2], +m[3]), 'date.iso');
	}
	const numeric = (at: number, length: number, day: string, sep: string, month: string, year: string) => {
		let d = +day;
		let mo = +month;
		// Nordic and European texts write day first; only an impossible month says otherwise.
		if (mo > 12 && d <= 12) [d, mo] = [mo, d];
		add(at, at + length, iso(+year, mo, d), sep === '.' ? 'date.dotted' : sep === '/' ? 'date.slashed' : 'date.dashed');
	};
	for (const m of text.matchAll(NUMERIC)) numeric(m.index, m[0].length, m[1], m[2], m[3], m[4]);
	if (text.includes('-')) {
		for (const m of text.matchAll(NUMERIC_PAIR)) {
			const first = m[0].indexOf('-');
			numeric(m.index, first, m[1], m[2], m[3], m[4]);
			numeric(m.index + first + 1, m[0].length - first - 1, m[5], m[2], m[6], m[7]);
		}
	}
	for (const m of !grams || mayMatch(TEXT_DMY, grams) ? lower.matchAll(TEXT_DMY) : []) {
		const month = MONTH_NUMBER.get(m[2].toLowerCase()) ?? 0;
		add(m.index, m.index + m[0].length, iso(+m[3], month, +m[1]), 'date.text');
	}
	for (const m of !grams || mayMatch(TEXT_MDY, grams)
		? index
			? wordMatchesIn(TEXT_MDY, index, true)
			: wordMatches(TEXT_MDY, lower)
		: []) {
		const month = MONTH_NUMBER.get(m[1].toLowerCase()) ?? 0;
		add(m.index, m.index + m[0].length, iso(+m[3], month, +m[2]), 'date.text.en');
	}
	found.sort((a, b) => a.start - b.start || b.end - a.end);
	const out: DateMention[] = [];
	for (const d of found) {
		const last = out[out.length - 1];
		if (last && d.start < last.end) continue;
		out.push(d);
	}
	return out;
}

/** Pairs of consecutive dates joined by a dash or "to"/"till"/"til". */
export function findRanges(text: string, dates: DateMention[]): DateRange[] {
	const ranges: DateRange[] = [];
	for (let i = 0; i + 1 < dates.length; i++) {
		const a = dates[i];
		const b = dates[i + 1];
		if (b.start - a.end > 16) continue;
		if (!RANGE_GLUE.test(text.slice(a.end, b.start))) continue;
		if (a.iso > b.iso) continue;
		ranges.push({ from: a, to: b });
		i++;
	}
	return ranges;
}
