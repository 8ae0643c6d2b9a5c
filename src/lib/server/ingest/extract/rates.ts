import type { Doc } from './doc';
import { found, type Found } from './found';
import { COFINANCING_NOUNS, COFINANCING_WORDS, EU_WORDS, NATIONAL_COFINANCING_WORDS, PERCENT_WORDS, RATE_CEILINGS } from './lexicon';
import { RULES } from './rules';
import { holds } from './lowered';
import { mayMatch } from './prefilter';
import { testNotAfterLetter, type Span } from './text';

/** The EU co-financing rate: a percentage where the text speaks of co-financing. */

const PERCENT = new RegExp(String.raw`(?<![\d.,])(\d{1,3}(?:[.,]\d+)?)\s?(?:%|${PERCENT_WORDS})(?![\p{L}])`, 'giu');
const RATE = new RegExp(String.raw`(\d{1,3}(?:[.,]\d+)?)\s?(%|${PERCENT_WORDS})?`, 'iu');
const COFINANCING = new RegExp(COFINANCING_WORDS, 'iu');
const DIGIT = /\d/g;
const NATIONAL_COFINANCING = new RegExp(String.raw`(?:${NATIONAL_COFINANCING_WORDS})\p{L}*\s+(?:${COFINANCING_NOUNS})`, 'iu');
/** "kan dekke inntil 50 prosent", "højst 40 pct.": a scheme's ceiling is no project's rate. */
const CEILING_BEFORE = new RegExp(String.raw`(?:^|[^\p{L}])(?:${RATE_CEILINGS})\s*$`, 'iu');
const EU_WORD = new RegExp(String.raw`(?:${EU_WORDS})(?![\p{L}])`, 'giu');

/** A percentage in a sentence about EU co-financing, as a fraction. */
export function findCofinancingRate(doc: Doc, scope: Span): Found<number> | null {
	if (!mayMatch(COFINANCING, doc.grams)) return null;
	for (const s of cofinancingSentences(doc)) {
		if (s.end <= scope.start || s.start >= scope.end) continue;
		const sentence = doc.text.slice(s.start, s.end);
		if (NATIONAL_COFINANCING.test(sentence) && !testNotAfterLetter(EU_WORD, sentence)) continue;
		for (const m of sentence.matchAll(PERCENT)) {
			if (CEILING_BEFORE.test(sentence.slice(Math.max(0, m.index - 20), m.index))) continue;
			const v = Number(m[1].replace(',', '.')) / 100;
			if (v > 0 && v <= 1)
				return found(v, s.start + m.index, s.start + m.index + m[0].length, `rate.${doc.lang}.cofinancing`, RULES['rate.prose']);
		}
	}
	return null;
}

/**
 * The sentences that hold a digit and a co-financing word, found once per document: every
 * project of a list asks for its rate, and most sentences hold neither.
 */
function cofinancingSentences(doc: Doc): Span[] {
	let list = candidates.get(doc);
	if (!list) {
		// The next digit is found once for all the sentences before it: a test of each sentence cost more than its answer.
		let from = Infinity;
		let digit = -1;
		list = doc.seg.sentences.filter((s) => {
			if (s.start < from || digit < s.start) {
				DIGIT.lastIndex = from = s.start;
				digit = DIGIT.exec(doc.text)?.index ?? Infinity;
			}
			return digit < s.end && holds(COFINANCING, doc.text, doc.lower, s.start, s.end);
		});
		candidates.set(doc, list);
	}
	return list;
}
const candidates = new WeakMap<Doc, Span[]>();

export function parseRate(value: string): number | null {
	const m = RATE.exec(value);
	if (!m) return null;
	const v = Number(m[1].replace(',', '.'));
	const fraction = m[2] || v > 1 ? v / 100 : v;
	return fraction > 0 && fraction <= 1 ? fraction : null;
}
