import type { DocLanguage } from '../../../records/provenance';
import { LEXICONS } from './lang';

export type Lang = Exclude<DocLanguage, 'unknown'>;

export interface LanguageGuess {
	language: DocLanguage;
	/** Offset of a word that is typical of the language: the evidence for derived values. */
	evidence: { start: number; end: number } | null;
}

/**
 * Function words and domain words of each lexicon, weighted by how well they separate the
 * languages: words the Scandinavian languages share weigh little; the ones that tell
 * Norwegian from Danish ("av"/"af", "etter"/"efter") weigh most.
 */
const MARKERS = Object.fromEntries(LEXICONS.map((l) => [l.code, l.markers])) as Record<Lang, Record<string, number>>;

/**
 * Short lists and tables have few function words; the domain words of each lexicon
 * (grant verbs, kinds of body, field labels, scale words) tell their language too,
 * weighing more when only one language uses them.
 */
const DOMAIN_WEIGHT = 0.6;
const domainWords = (l: (typeof LEXICONS)[number]) =>
	new Set(
		[...l.grantVerbs, ...l.receiveVerbs, ...l.organisationWords, ...l.scales.million, ...Object.values(l.labels).flat()]
			.flatMap((w) => w.toLowerCase().split(/[\s-]+/))
			.filter((w) => /^\p{L}+$/u.test(w) && w.length > 3)
	);
const DOMAIN = LEXICONS.map((l) => [l.code, domainWords(l)] as const);
const WITH_DOMAIN = Object.fromEntries(
	DOMAIN.map(([code, words]) => {
		const own = { ...MARKERS[code as Lang] };
		for (const w of words) if (!(w in own)) own[w] = DOMAIN_WEIGHT / DOMAIN.filter(([, other]) => other.has(w)).length;
		return [code, own];
	})
) as Record<Lang, Record<string, number>>;

// Splitting on spaces, digits and punctuation is much faster than on "not a letter" (\P{L}).
const NON_LETTERS = /[\s\d.,;:!?()[\]{}"'«»“”„’/\\|•·*–—_+=<>&%€$£§@#-]+/;
const LANGS: Lang[] = ['sv', 'no', 'da', 'en'];

/** Each marker word with its weight in every language, so that a word is looked up once. */
function weightTable(markers: Record<Lang, Record<string, number>>): Map<string, number[]> {
	const table = new Map<string, number[]>();
	for (const [i, lang] of LANGS.entries()) {
		for (const [word, weight] of Object.entries(markers[lang])) {
			const w = table.get(word) ?? LANGS.map(() => 0);
			w[i] = weight;
			table.set(word, w);
		}
	}
	return table;
}
const WEIGHTS = weightTable(MARKERS);
/** Function words first; only a text too short for them is judged by its domain words too. */
const DOMAIN_WEIGHTS = weightTable(WITH_DOMAIN);
const SCAN_LIMIT = 12_000;

/** Below this share of weighted marker hits per word, the text is not in a language we read. */
const MIN_DENSITY = 0.12;
const MIN_HITS = 3;

export function detectLanguage(text: string): LanguageGuess {
	const guess = detectWith(text, WEIGHTS);
	return guess.language === 'unknown' ? detectWith(text, DOMAIN_WEIGHTS) : guess;
}

function detectWith(text: string, WEIGHTS: Map<string, number[]>): LanguageGuess {
	const sample = text.length > SCAN_LIMIT ? text.slice(0, SCAN_LIMIT) : text;
	// Indexed as LANGS: plain arrays keep this loop, which sees every word, monomorphic.
	const score = [0, 0, 0, 0];
	const hits = [0, 0, 0, 0];
	const firstStrong: (string | null)[] = [null, null, null, null];
	let words = 0;
	for (const word of sample.toLowerCase().split(NON_LETTERS)) {
		if (!word) continue;
		words++;
		const weights = WEIGHTS.get(word);
		if (!weights) continue;
		for (let i = 0; i < 4; i++) {
			const weight = weights[i];
			if (!weight) continue;
			score[i] += weight;
			hits[i]++;
			if (weight >= 2 && !firstStrong[i]) firstStrong[i] = word;
		}
	}
	// Letters that only Swedish, or only Norwegian and Danish, use.
	const sweLetters = (sample.match(/[äöÄÖ]/g) ?? []).length;
	const norDanLetters = (sample.match(/[æøÆØ]/g) ?? []).length;
	score[0] += Math.min(sweLetters, 40) * 0.3;
	score[1] += Math.min(norDanLetters, 40) * 0.3;
	score[2] += Math.min(norDanLetters, 40) * 0.3;

	// The first of equal scores in LANGS order wins, as a stable sort by score would choose.
	let bestAt = 0;
	for (let i = 1; i < 4; i++) if (score[i] > score[bestAt]) bestAt = i;
	const best = LANGS[bestAt];
	// Short tables and key:value entries have few function words; their letters still tell.
	const letterHits = Math.floor((best === 'sv' ? sweLetters : best === 'en' ? 0 : norDanLetters) / 3);
	if (words === 0 || hits[bestAt] + letterHits < MIN_HITS || score[bestAt] / words < MIN_DENSITY) {
		return { language: 'unknown', evidence: null };
	}
	return { language: best, evidence: locate(sample, firstStrong[bestAt]) };
}

/** Where a marker word first stands in the text. */
function locate(text: string, word: string | null): { start: number; end: number } | null {
	if (!word) return null;
	const m = new RegExp(String.raw`(?<![\p{L}])${word}(?![\p{L}])`, 'iu').exec(text);
	return m ? { start: m.index, end: m.index + m[0].length } : null;
}
