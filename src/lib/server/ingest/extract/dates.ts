/** Full calendar dates (day, month and year) and date ranges. */
import { LEXICONS } from './lang';
import { mayMatch, type Trigrams } from './prefilter';
import { afterLetter, lowerSameLength, wordMatches } from './text';
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

/*
 * The numeric dates, each with a look-behind that says no digit (nor, for some, a point, slash or
 * hyphen) comes before: a match opens a run of digits. They are tried, sticky, only where a run
 * of the right length starts, with the rest of the look-behind checked first (numericDates);
 * three scans of every position of the text found the same matches at several times the cost.
 */
/** (?<![\d-]) before it. */
const ISO = /(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])/y;
/** (?<![\d./-]) before it. */
const NUMERIC = /(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?![\d-])/y;
/** "01.08.2022-31.07.2025": two numeric dates glued by a hyphen, which a single date may not touch. (?<![\d./-]) before it. */
const NUMERIC_PAIR = /(\d{1,2})([./])(\d{1,2})\2(\d{4})-(\d{1,2})\2(\d{1,2})\2(\d{4})(?![\d-])/y;
const DIGIT_RUN = /\d+/g;
const DMY = String.raw`(\d{1,2})(?:\.|st|nd|rd|th|:e|:a)?\s+(?:of\s+)?(${MONTH})\.?,?\s+(\d{4})(?!\d)`;
/** Asked of the trigrams only; the matches are read by TEXT_DMY_AT where the runs of digits are read for the numeric dates. */
const TEXT_DMY = new RegExp(String.raw`(?<![\p{L}\d])${DMY}`, 'gu');
/** TEXT_DMY without its look-behind (no letter or digit before), which is checked before each try. */
const TEXT_DMY_AT = new RegExp(DMY, 'uy');
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
	const numerics = numericDates(text, !grams || mayMatch(TEXT_DMY, grams) ? lower : null);
	for (const m of numerics.iso) {
		add(m.index, m.index + m[0].length, iso(+m[1], +m[2], +m[3]), 'date.iso');
	}
	const numeric = (at: number, length: number, day: string, sep: string, month: string, year: string) => {
		let d = +day;
		let mo = +month;
		// Nordic and European texts write day first; only an impossible month says otherwise.
		if (mo > 12 && d <= 12) [d, mo] = [mo, d];
		add(at, at + length, iso(+year, mo, d), sep === '.' ? 'date.dotted' : sep === '/' ? 'date.slashed' : 'date.dashed');
	};
	for (const m of numerics.numeric) numeric(m.index, m[0].length, m[1], m[2], m[3], m[4]);
	for (const m of numerics.pairs) {
		const first = m[0].indexOf('-');
		numeric(m.index, first, m[1], m[2], m[3], m[4]);
		numeric(m.index + first + 1, m[0].length - first - 1, m[5], m[2], m[6], m[7]);
	}
	for (const m of numerics.text) {
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

/**
 * The matches of ISO, NUMERIC and NUMERIC_PAIR with their look-behinds, as scans of the whole
 * text find them (each from the end of its previous match), in text order.
 */
function numericDates(text: string, lower: string | null): Record<'iso' | 'numeric' | 'pairs' | 'text', RegExpExecArray[]> {
	const out = {
		iso: [] as RegExpExecArray[],
		numeric: [] as RegExpExecArray[],
		pairs: [] as RegExpExecArray[],
		text: [] as RegExpExecArray[]
	};
	const pairs = text.includes('-');
	let isoEnd = 0;
	let numericEnd = 0;
	let pairEnd = 0;
	let textEnd = 0;
	DIGIT_RUN.lastIndex = 0;
	for (let run = DIGIT_RUN.exec(text); run; run = DIGIT_RUN.exec(text)) {
		const at = run.index;
		const length = run[0].length;
		const before = at > 0 ? text.charCodeAt(at - 1) : 0;
		const next = text.charCodeAt(at + length);
		// TEXT_DMY (on the lower case, offset for offset): one or two digits after no letter.
		if (lower && length <= 2 && at >= textEnd && !afterLetter(lower, at)) {
			TEXT_DMY_AT.lastIndex = at;
			const m = TEXT_DMY_AT.exec(lower);
			if (m) {
				out.text.push(m);
				textEnd = at + m[0].length;
			}
		}
		// The run opens no digit before it; a hyphen before it rules out every pattern, a point or slash all but ISO.
		if (before === 0x2d) continue;
		if (length === 4 && next === 0x2d && at >= isoEnd) {
			ISO.lastIndex = at;
			const m = ISO.exec(text);
			if (m) {
				out.iso.push(m);
				isoEnd = at + m[0].length;
			}
		}
		if (length > 2 || before === 0x2e || before === 0x2f) continue;
		if ((next === 0x2e || next === 0x2f || next === 0x2d) && at >= numericEnd) {
			NUMERIC.lastIndex = at;
			const m = NUMERIC.exec(text);
			if (m) {
				out.numeric.push(m);
				numericEnd = at + m[0].length;
			}
		}
		if (pairs && (next === 0x2e || next === 0x2f) && at >= pairEnd) {
			NUMERIC_PAIR.lastIndex = at;
			const m = NUMERIC_PAIR.exec(text);
			if (m) {
				out.pairs.push(m);
				pairEnd = at + m[0].length;
			}
		}
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
