import { LEXICONS } from './lang';
import type { Lang } from './language';
import { lowerSameLength, wordMatches } from './text';
import { wordMatchesIn, type TextIndex } from './starts';

/** A sum of money written in the text, resolved to whole currency units. */
export interface AmountMention {
	start: number;
	end: number;
	value: number;
	currency: string;
	rule: string;
}

const NUM = String.raw`\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+(?!\d)(?:[.,]\d{1,2}(?!\d))?|\d+(?:[.,]\d+)?`;

const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const longestFirst = (list: Iterable<string>) => [...new Set(list)].sort((a, b) => b.length - a.length);

/** Scale words of every lexicon and their value. "m", "k" and "bn" only count next to a currency. */
const FACTORS = { thousand: 1e3, million: 1e6, billion: 1e9 } as const;
const MULTIPLIERS = new Map<string, number>();
for (const lex of LEXICONS) {
	for (const [scale, words] of Object.entries(lex.scales) as [keyof typeof FACTORS, string[]][]) {
		for (const w of words) MULTIPLIERS.set(w.toLowerCase(), FACTORS[scale]);
	}
}
const MULT = longestFirst(MULTIPLIERS.keys()).map(escape).join('|');

interface CurrencyWord {
	currency: string;
	scale?: number;
}

/**
 * A currency word of the text's own lexicon first ("kroner" is NOK in Norwegian, DKK in
 * Danish), else of any lexicon. Words of six letters and more are also known with two
 * neighbouring letters swapped, the commonest slip ("kronro").
 */
const CURRENCY_WORDS = new Map<string, Map<string, CurrencyWord>>();
for (const lex of LEXICONS) {
	const own = new Map<string, CurrencyWord>();
	for (const [word, meaning] of Object.entries(lex.currencyWords)) {
		own.set(word, meaning);
		for (const slip of transpositions(word)) if (!own.has(slip)) own.set(slip, meaning);
	}
	CURRENCY_WORDS.set(lex.code, own);
}

function transpositions(word: string): string[] {
	if (word.length < 6 || !/^\p{L}+$/u.test(word)) return [];
	const out: string[] = [];
	for (let i = 0; i + 1 < word.length; i++) {
		if (word[i] !== word[i + 1]) out.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
	}
	return out;
}

/** Currency words of every lexicon; the merged ones ("mkr", "MSEK") carry their own multiplier. */
const CUR = longestFirst([...CURRENCY_WORDS.values()].flatMap((m) => [...m.keys()]))
	.map(escape)
	.join('|');
const PREFIX = longestFirst(LEXICONS.flatMap((l) => l.currencyPrefixes))
	.map(escape)
	.join('|');

/** Whether a word after a number makes it a sum: a scale or a currency word ("32 miljoner", "500 000 kr"). */
export function isMoneyWord(word: string): boolean {
	const w = word.toLowerCase();
	return MULTIPLIERS.has(w) || [...CURRENCY_WORDS.values()].some((m) => m.has(w));
}

/** Numbers written as words; they count only before a scale word ("sju miljoner kronor"). */
const NUMBER_WORDS = new Map<string, number>(LEXICONS.flatMap((l) => Object.entries(l.numberWords)));
const WORD_NUM = [...NUMBER_WORDS.keys()].sort((a, b) => b.length - a.length).join('|');

const MONEY = new RegExp(
	// A number word counts only before its scale, so that it never swallows a currency that
	// starts the next sum (Norwegian "to" = two: "amounts to EUR 1.55 million").
	String.raw`(?:(?<pre>${PREFIX})(?![\p{L}])[ \u00a0]?)?(?<num>${NUM}|(?<word>${WORD_NUM})(?=[ \u00a0]{1,2}(?:${MULT})(?![\p{L}])))(?:[ \u00a0]{0,2}(?<mult>${MULT})(?![\p{L}]))?(?:[ \u00a0]{0,2}(?<cur>${CUR})(?![\p{L}]))?`,
	'gu'
);

/** Words that may follow a bare "8,8 miljoner" when it means money. */
const FOLLOW_OK = new Set(LEXICONS.flatMap((l) => l.amountFollowers));

export interface CurrencyContext {
	lang: Lang;
	/** ISO country the document is about, if known: decides what a bare "kr" means. */
	country: string | null;
}

export function defaultCurrency(ctx: CurrencyContext): string {
	if (ctx.country === 'FI') return 'EUR';
	if (ctx.country === 'DK') return 'DKK';
	if (ctx.country === 'NO') return 'NOK';
	if (ctx.country === 'SE') return 'SEK';
	return { sv: 'SEK', no: 'NOK', da: 'DKK', en: 'EUR' }[ctx.lang];
}

function kronaOf(ctx: CurrencyContext): string {
	if (ctx.lang === 'sv') return 'SEK';
	if (ctx.lang === 'no') return 'NOK';
	if (ctx.lang === 'da') return 'DKK';
	return ctx.country === 'NO' ? 'NOK' : ctx.country === 'DK' ? 'DKK' : 'SEK';
}

/** "kr" is the krona of the text's language; "kroner" is Danish in Denmark or in Danish, else Norwegian. */
const LOCAL_CURRENCY: Record<string, (ctx: CurrencyContext) => string> = {
	krona: kronaOf,
	krone: (ctx) => (ctx.lang === 'da' || ctx.country === 'DK' ? 'DKK' : 'NOK')
};

function currencyWord(word: string, lang: Lang): CurrencyWord | undefined {
	const own = CURRENCY_WORDS.get(lang)?.get(word);
	if (own) return own;
	for (const words of CURRENCY_WORDS.values()) {
		const meaning = words.get(word);
		if (meaning) return meaning;
	}
	return undefined;
}

/** Currency and implied multiplier of a currency word. */
function resolveCurrency(word: string, ctx: CurrencyContext): [string, number] {
	const w = word.toLowerCase();
	const meaning = currencyWord(w, ctx.lang) ?? currencyWord(w.replace(/\.$/, ''), ctx.lang);
	if (!meaning) return [defaultCurrency(ctx), 1];
	return [LOCAL_CURRENCY[meaning.currency]?.(ctx) ?? meaning.currency, meaning.scale ?? 1];
}

const CURRENCY_WORD = new RegExp(String.raw`(?<![\p{L}])(?:${CUR})(?![\p{L}])`, 'iu');

/** The currency a label names ("Beviljat belopp (kr)", "Budget, EUR"), if any. */
export function currencyIn(label: string, ctx: CurrencyContext): string | null {
	const m = CURRENCY_WORD.exec(label);
	return m ? resolveCurrency(m[0], ctx)[0] : null;
}

/** "(x1000)", "i 1000 kr", "in thousands", "'000": a column of thousands. */
const THOUSANDS_LABEL = /(?:x\s?1[ .,]?000|(?:i|in|per)\s+1[ .,]?000|'000|\bthousands?\b)/i;

/**
 * The scale and currency a label gives the bare numbers under it: "Belopp (tkr)",
 * "Tilskudd (kNOK)", "Tilskud (mio. kr.)", "Budget (x1000)", "ERDF (MEUR)".
 */
export function labelMoney(label: string, ctx: CurrencyContext): { currency: string | null; scale: number } {
	const m = CURRENCY_WORD.exec(label);
	const [currency, initialScale] = m ? resolveCurrency(m[0], ctx) : [null, 1];
	let scale = initialScale;
	if (scale === 1) {
		for (const w of label.toLowerCase().split(/[\s()[\],;:/]+/)) {
			const f = multiplierOf(w);
			if (f > 1 && w.length > 1) {
				scale = f;
				break;
			}
		}
	}
	if (scale === 1 && THOUSANDS_LABEL.test(label)) scale = 1e3;
	return { currency, scale };
}

function multiplierOf(word: string): number {
	const value = MULTIPLIERS.get(word.toLowerCase()) ?? MULTIPLIERS.get(word.toLowerCase() + '.');
	if (value) return value;
	return 1;
}

/**
 * Reads a number written with spaces, dots or commas as thousands separators and a comma
 * or dot as decimal mark. With a multiplier word a single separator is a decimal mark
 * ("8,8 miljoner"); without one, a separator before exactly three digits groups thousands.
 */
export function parseNumber(raw: string, hasMultiplier: boolean): number {
	const s = raw.replace(/[ \u00a0\u202f]/g, '');
	const dots = (s.match(/\./g) ?? []).length;
	const commas = (s.match(/,/g) ?? []).length;
	let clean: string;
	if (dots && commas) {
		const decimal = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
		const group = decimal === '.' ? ',' : '.';
		clean = s.split(group).join('').replace(decimal, '.');
	} else if (dots + commas > 1) {
		clean = s.replace(/[.,]/g, '');
	} else if (dots + commas === 1) {
		const [, frac] = s.split(/[.,]/);
		clean = frac.length === 3 && !hasMultiplier ? s.replace(/[.,]/, '') : s.replace(',', '.');
	} else {
		clean = s;
	}
	return Number(clean);
}

function nextWord(text: string, pos: number): string {
	const m = /^[ \u00a0]*([\p{L}]+)/u.exec(text.slice(pos, pos + 40));
	return m ? m[1] : '';
}

/** All sums of money between from and to. */
export function findAmounts(text: string, ctx: CurrencyContext, lower = lowerSameLength(text), index?: TextIndex): AmountMention[] {
	const out: AmountMention[] = [];
	for (const m of index ? wordMatchesIn(MONEY, index, true, '.,') : wordMatches(MONEY, lower, '.,')) {
		const g = m.groups ?? {};
		const pre = g.pre;
		const cur = g.cur;
		const mult = g.mult;
		if (g.word && (!mult || multiplierOf(mult) < 1e6 || /^(?:m|mn|k|bn)$/i.test(mult))) continue;
		// "5 m" is five metres and "20 k" a grade; these only mean money beside a currency.
		if (mult && /^(?:m|mn|k|bn)$/i.test(mult) && !pre && !cur) continue;
		if (!pre && !cur) {
			if (!mult) continue;
			const follower = nextWord(text, m.index + m[0].length);
			if (follower && /^\p{Ll}/u.test(follower) && !FOLLOW_OK.has(follower.toLowerCase())) continue;
		}
		const curWord = cur ?? pre ?? '';
		const [currency, implied] = curWord ? resolveCurrency(curWord, ctx) : [defaultCurrency(ctx), 1];
		const factor = mult ? multiplierOf(mult) : implied;
		const value = Math.round((g.word ? NUMBER_WORDS.get(g.word)! : parseNumber(g.num, factor > 1)) * factor);
		if (!Number.isFinite(value) || value <= 0) continue;
		out.push({
			start: m.index,
			end: m.index + m[0].length,
			value,
			currency,
			rule: `amount.${ctx.lang}.${ruleWord(mult, curWord)}`
		});
	}
	return out;
}

function ruleWord(mult: string | undefined, cur: string): string {
	const w = (mult ?? (/^(?:[mt]\w{2,3}|mkr|tkr|mnkr)$/i.test(cur) ? cur : 'units')).toLowerCase().replace(/\.$/, '');
	return w.replace(/[^a-z]/g, '') || 'units';
}
