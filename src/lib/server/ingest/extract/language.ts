import type { DocLanguage } from '../../../records/provenance';
import { LEXICONS } from './lang';
import { lowerSameLength } from './text';

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
interface Marker {
	word: string;
	weights: number[];
}

/**
 * Marker words by a hash of their UTF-16 units (see wordHash), so that a text's words are
 * looked up where they stand instead of being cut out of it into new strings: open addressing
 * in typed arrays, probed inside the word loop, where most words are no marker.
 */
class MarkerTable {
	private readonly mask: number;
	private readonly hashes: Int32Array;
	/** 1 + the index in lists of the markers with the slot's hash; 0 for an empty slot. */
	private readonly slots: Int32Array;
	private readonly lists: Marker[][] = [];

	constructor(table: Map<string, number[]>) {
		let size = 16;
		while (size < table.size * 4) size *= 2;
		this.mask = size - 1;
		this.hashes = new Int32Array(size);
		this.slots = new Int32Array(size);
		for (const [word, weights] of table) {
			const h = wordHash(word, 0, word.length);
			const list = this.get(h);
			if (list) list.push({ word, weights });
			else {
				let i = h & this.mask;
				while (this.slots[i]) i = (i + 1) & this.mask;
				this.hashes[i] = h;
				this.lists.push([{ word, weights }]);
				this.slots[i] = this.lists.length;
			}
		}
	}

	get(hash: number): Marker[] | undefined {
		for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
			const slot = this.slots[i];
			if (!slot) return undefined;
			if (this.hashes[i] === hash) return this.lists[slot - 1];
		}
	}
}

function wordHash(s: string, start: number, end: number): number {
	let h = 0;
	for (let i = start; i < end; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
	return h;
}

const WEIGHTS = new MarkerTable(weightTable(MARKERS));
/** Function words first; only a text too short for them is judged by its domain words too. */
const DOMAIN_WEIGHTS = new MarkerTable(weightTable(WITH_DOMAIN));

function markerAt(candidates: Marker[] | undefined, lower: string, start: number, end: number): Marker | null {
	if (!candidates) return null;
	next: for (let j = 0; j < candidates.length; j++) {
		const word = candidates[j].word;
		if (word.length !== end - start) continue;
		for (let k = 0; k < word.length; k++) if (lower.charCodeAt(start + k) !== word.charCodeAt(k)) continue next;
		return candidates[j];
	}
	return null;
}

/** Whether each UTF-16 unit separates words as NON_LETTERS does: 1 yes, 2 no, 0 not asked yet. */
const SEPARATES = new Uint8Array(0x10000);
const ONE_SEPARATOR = new RegExp(`^${NON_LETTERS.source}$`);
function separates(c: number): boolean {
	let k = SEPARATES[c];
	if (!k) SEPARATES[c] = k = ONE_SEPARATOR.test(String.fromCharCode(c)) ? 1 : 2;
	return k === 1;
}
const SCAN_LIMIT = 12_000;

/** Below this share of weighted marker hits per word, the text is not in a language we read. */
const MIN_DENSITY = 0.12;
const MIN_HITS = 3;

/**
 * The language of a text, read from its first SCAN_LIMIT characters. lower is the text's lower
 * case as lowerSameLength gives it, which the caller also needs: the words and hits are those of
 * text.toLowerCase(), because the two differ only where "İ" stays one unit and in which "σ" a
 * "Σ" becomes, and no marker holds either.
 */
export function detectLanguage(text: string, lower = lowerSameLength(text)): LanguageGuess {
	const guess = detectWith(text, lower, WEIGHTS);
	return guess.language === 'unknown' ? detectWith(text, lower, DOMAIN_WEIGHTS) : guess;
}

function detectWith(text: string, lower: string, WEIGHTS: MarkerTable): LanguageGuess {
	const length = Math.min(lower.length, SCAN_LIMIT);
	// Indexed as LANGS: plain arrays keep this loop, which sees every word, monomorphic.
	const score = [0, 0, 0, 0];
	const hits = [0, 0, 0, 0];
	const firstStrong: (string | null)[] = [null, null, null, null];
	let words = 0;
	// Letters that only Swedish, or only Norwegian and Danish, use, counted in the same pass: in
	// lower case "Ä" is "ä", and no other character becomes one of these four.
	let sweLetters = 0;
	let norDanLetters = 0;
	// The words of lower.slice(0, length).split(NON_LETTERS), in order, read in place: an inner
	// loop per word, so that a letter costs one test of its kind (the four letters above are
	// letters, so they are counted inside words).
	let at = 0;
	while (at < length) {
		let c = lower.charCodeAt(at);
		if (separates(c)) {
			at++;
			continue;
		}
		const start = at;
		let hash = 0;
		do {
			if (c >= 0xe4) {
				if (c === 0xe4 || c === 0xf6) sweLetters++;
				else if (c === 0xe6 || c === 0xf8) norDanLetters++;
			}
			hash = (Math.imul(hash, 31) + c) | 0;
			if (++at === length) break;
			c = lower.charCodeAt(at);
		} while (!separates(c));
		words++;
		const marker = markerAt(WEIGHTS.get(hash), lower, start, at);
		if (!marker) continue;
		const weights = marker.weights;
		for (let i = 0; i < 4; i++) {
			const weight = weights[i];
			if (!weight) continue;
			score[i] += weight;
			hits[i]++;
			if (weight >= 2 && !firstStrong[i]) firstStrong[i] = marker.word;
		}
	}
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
	const sample = text.length > SCAN_LIMIT ? text.slice(0, SCAN_LIMIT) : text;
	return { language: best, evidence: locate(sample, firstStrong[bestAt]) };
}

const LOCATORS = new Map<string, RegExp>();
/** The test that opened each locator, at one position: no letter before it. */
const NOT_AFTER_LETTER = /(?<![\p{L}])/iuy;

/** Where a marker word first stands in the text. */
function locate(text: string, word: string | null): { start: number; end: number } | null {
	if (!word) return null;
	// One pattern per marker word, compiled once: there are only as many as the lexicons hold.
	// It opens with the word, not with the look-behind, so that the engine can skip ahead to the word.
	let re = LOCATORS.get(word);
	if (!re) LOCATORS.set(word, (re = new RegExp(String.raw`${word}(?![\p{L}])`, 'giu')));
	re.lastIndex = 0;
	let m: RegExpExecArray | null;
	while ((m = re.exec(text))) {
		NOT_AFTER_LETTER.lastIndex = m.index;
		if (NOT_AFTER_LETTER.test(text)) return { start: m.index, end: m.index + m[0].length };
		re.lastIndex = m.index + (text.codePointAt(m.index)! > 0xffff ? 2 : 1);
	}
	return null;
}
