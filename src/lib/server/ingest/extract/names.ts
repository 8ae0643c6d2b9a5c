import {
	ANAPHORA,
	CURRENCY_PREFIXES,
	FUNCTION_WORDS,
	LEGAL_FORMS,
	LEXICONS,
	VERB_WORDS,
	NAME_CONNECTORS,
	ORG_HEADS,
	ORG_SUFFIXES,
	STOP_WORDS,
	THE_PROJECT
} from './lexicon';
import type { KnownIndex } from './known';
import { looksLikePerson } from './people';
import { countryCode, isPlaceName } from './places';
import { memoized } from './memo';
import { isSpace } from './text';

/**
 * The shape of names: where an organisation's name written in running text begins and
 * ends, and how sure we are that a string names an organisation.
 */

export interface NameSpan {
	start: number;
	end: number;
	value: string;
}

/*
 * A name's words are read character by character: the sticky patterns they replace
 * (a word: [\p{L}\d](?:[\p{L}\d&+’'/-]|\.(?=[\p{L}\d]))*, an acronym after it:
 * [ \u00a0]?\((\p{Lu}[\p{Lu}\d&-]{1,11})\), the gap between words: [ \u00a0]+) cost more
 * to call than to run on a few characters, and names are read at every cue and clause.
 */
const LETTER = /^\p{L}$/u;
const UPPER = /^\p{Lu}$/u;
/** Per UTF-16 unit outside ASCII: 1 letter, 2 upper-case letter, 3 neither, 0 not asked yet. */
const UNIT_KIND = new Uint8Array(0x10000);

/** Units of the code point at i if it is a letter (upper case only, if asked), else 0. */
function letterAt(text: string, i: number, upper: boolean): number {
	const c = text.charCodeAt(i);
	if (c < 0x80) return (upper ? c >= 0x41 && c <= 0x5a : (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) ? 1 : 0;
	if (c >= 0xd800 && c <= 0xdbff) {
		const d = text.charCodeAt(i + 1);
		if (!(d >= 0xdc00 && d <= 0xdfff)) return 0;
		return (upper ? UPPER : LETTER).test(text.slice(i, i + 2)) ? 2 : 0;
	}
	let kind = UNIT_KIND[c];
	if (!kind) {
		const unit = String.fromCharCode(c);
		UNIT_KIND[c] = kind = UPPER.test(unit) ? 2 : LETTER.test(unit) ? 1 : 3;
	}
	return kind === 2 || (kind === 1 && !upper) ? 1 : 0;
}

function isDigit(c: number): boolean {
	return c >= 0x30 && c <= 0x39;
}

/** Units of the letter or digit at i, else 0. */
function wordCharAt(text: string, i: number): number {
	return isDigit(text.charCodeAt(i)) ? 1 : letterAt(text, i, false);
}

/** Where the word starting at pos ends, or -1 where none starts. */
function wordEnd(text: string, pos: number): number {
	let i = pos + wordCharAt(text, pos);
	if (i === pos) return -1;
	for (;;) {
		const n = wordCharAt(text, i);
		if (n) {
			i += n;
			continue;
		}
		const c = text.charCodeAt(i);
		// & + ’ ' / -, or a period before a letter or digit.
		if (c === 0x26 || c === 0x2b || c === 0x2019 || c === 0x27 || c === 0x2f || c === 0x2d || (c === 0x2e && wordCharAt(text, i + 1))) i++;
		else return i;
	}
}

/** Length of the "(ACRONYM)" at pos, one space or none before it, else 0. */
function acronymAt(text: string, pos: number): number {
	let i = pos;
	if (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0xa0) i++;
	if (text.charCodeAt(i) !== 0x28) return 0;
	const first = letterAt(text, i + 1, true);
	if (!first) return 0;
	i += 1 + first;
	let count = 0;
	while (count < 11) {
		const n = isDigit(text.charCodeAt(i)) || text.charCodeAt(i) === 0x26 || text.charCodeAt(i) === 0x2d ? 1 : letterAt(text, i, true);
		if (!n) break;
		i += n;
		count++;
	}
	return count >= 1 && text.charCodeAt(i) === 0x29 ? i + 1 - pos : 0;
}

/** Length of the spaces and no-break spaces at pos. */
function gapAt(text: string, pos: number): number {
	let i = pos;
	while (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0xa0) i++;
	return i - pos;
}

const HEADS = new Set(ORG_HEADS);
const THE_PROJECT_WORDS = new Set(THE_PROJECT.split('|'));
/** A compound ending in a kind word: "Kunnskapsparken", "næringsforening". */
function hasOrgSuffix(lower: string): boolean {
	const candidates = SUFFIXES_BY_END.get(lower.slice(-SUFFIX_END));
	if (!candidates) return false;
	for (const s of candidates) if (lower.length > s.length && lower.endsWith(s)) return true;
	return false;
}
/**
 * The suffixes under their last letters, as many as the shortest suffix has: a word can
 * only end in the suffixes filed under its own ending, so the rest need no test.
 */
const SUFFIX_END = Math.min(...[...ORG_SUFFIXES].map((s) => s.length));
const SUFFIXES_BY_END = new Map<string, string[]>();
for (const s of ORG_SUFFIXES) SUFFIXES_BY_END.set(s.slice(-SUFFIX_END), [...(SUFFIXES_BY_END.get(s.slice(-SUFFIX_END)) ?? []), s]);
const MAX_TOKENS = 12;
const CONJUNCTIONS = new Set(['och', 'og', 'and', '&']);
const PLACE_PREPOSITIONS = new Set(LEXICONS.flatMap((l) => l.relations.placePrepositions));
const ARTICLES = new Set(['the', 'la', 'le', 'de', 'del', 'der', 'des']);

/** Whether a name is complete ("Blue Science Park"), so that "&" after it starts another one. */
function endsName(name: string): boolean {
	const last = name.split(/\s+/).pop() ?? '';
	return isOrgWord(last) || isPlaceName(last) || /^\(.*\)$/.test(last);
}

const ANY_LETTER = /\p{L}/u;

/** An upper-case letter first, or a digit and a letter somewhere ("3D", "4H"); the first unit read from the table, not by a pattern. */
function isCapitalised(tok: string): boolean {
	return letterAt(tok, 0, true) > 0 || (isDigit(tok.charCodeAt(0)) && ANY_LETTER.test(tok));
}

/** Whether a word is a kind of body or a legal form; remembered, as names ask about the same words again. */
export const isOrgWord = memoized((tok: string): boolean => {
	const t = tok.toLowerCase();
	return HEADS.has(t) || hasOrgSuffix(t) || LEGAL_FORMS.has(tok);
});

interface Tok {
	text: string;
	start: number;
	end: number;
}

/**
 * Words from pos on, up to a line break or punctuation (24 at most); a trailing "(ACRONYM)"
 * joins the last word. Read as far as they are asked for: most names end within a few words,
 * and a clause goes on for many more.
 */
class Tokens {
	private readonly toks: Tok[] = [];
	private done = false;

	constructor(
		private readonly text: string,
		private i: number,
		private readonly limit: number
	) {}

	/** The k-th word, or undefined past the last. */
	at(k: number): Tok | undefined {
		while (k >= this.toks.length && !this.done) this.next();
		return this.toks[k];
	}

	private next() {
		const { text, limit, toks } = this;
		let i = this.i;
		this.done = true;
		if (!(i < limit && toks.length < 24)) return;
		const end = wordEnd(text, i);
		let tok: string;
		if (end >= 0) {
			tok = text.slice(i, end);
			if (text.charCodeAt(end) === 0x2e && LEGAL_FORMS.has(tok + '.')) tok += '.';
		} else if (text[i] === '&') {
			tok = '&';
		} else return;
		if (i + tok.length > limit) return;
		toks.push({ text: tok, start: i, end: i + tok.length });
		i += tok.length;
		const acr = acronymAt(text, i);
		if (acr && i + acr <= limit) {
			toks[toks.length - 1].end = i + acr;
			return;
		}
		const gap = gapAt(text, i);
		if (!gap) return;
		this.i = i + gap;
		this.done = false;
	}
}

/**
 * Whether "och"/"og"/"and"/"&" between toks[k-1] and toks[k+1] joins one name rather than
 * two: after a suspended compound ("Kommunal- og ..."), inside a place ("Sogn og Fjordane"),
 * or as the last word of an "of" name ("Chamber of Commerce and Industry").
 */
function conjunctionJoins(text: string, toks: Tokens, k: number, start: number): boolean {
	const prev = toks.at(k - 1);
	const next = toks.at(k + 1);
	if (!prev || !next) return false;
	if (prev.text.endsWith('-')) return true;
	if (isPlaceName(text.slice(prev.start, next.end))) return true;
	if (toks.at(k)!.text === '&') return !endsName(text.slice(start, prev.end));
	const after = toks.at(k + 2);
	const lastWord = !after || !(isCapitalised(after.text) || isOrgWord(after.text));
	if (lastWord && isCapitalised(next.text) && /\s(?:of|for|för)\s/i.test(text.slice(start, prev.end))) return true;
	return twoPlacesOneBody(text, toks, k, start);
}

/**
 * "Truro and Penwith College", "Barking and Dagenham Council": one word, "and", one word and
 * a kind word that ends the name are one body named for two places. An acronym or a body
 * before "and" is a name of its own ("NTNU and Nord University"), and so is the tail of one
 * read from its middle ("Akvarium Hirtshals og Aarhus Universitet" read from "Hirtshals").
 */
function twoPlacesOneBody(text: string, toks: Tokens, k: number, start: number): boolean {
	const prev = toks.at(k - 1)!;
	const next = toks.at(k + 1)!;
	const kind = toks.at(k + 2);
	const beyond = toks.at(k + 3);
	if (prev.start !== start || !kind || !isCapitalised(next.text) || !isOrgWord(kind.text) || !/^\p{Lu}/u.test(kind.text)) return false;
	const before = /(\p{Lu}[\p{L}\d-]*)[ \t]+$/u.exec(text.slice(Math.max(0, start - 40), start));
	if (before && !STOP_WORDS.has(before[1].toLowerCase()) && !FUNCTION_WORDS.has(before[1].toLowerCase())) return false;
	if (/^\p{Lu}[\p{Lu}\d&-]+$/u.test(prev.text) || isOrgWord(prev.text) || isOrgWord(next.text) || LEGAL_FORMS.has(kind.text)) return false;
	const lower = beyond?.text.toLowerCase() ?? '';
	return !beyond || !(isCapitalised(beyond.text) || isOrgWord(beyond.text) || (NAME_CONNECTORS.has(lower) && !CONJUNCTIONS.has(lower)));
}

/**
 * Reads a name starting at pos: capitalised words; lower-case connectors ("of", "i", "og")
 * only between capitalised words; lower-case kind words ("fylkeskommune", "gruppen") and
 * the adjectives before them ("Luleå tekniska universitet"). It never crosses a line break
 * or punctuation, except a trailing "(ACRONYM)" and the period of "Ltd.".
 */
export function readName(text: string, pos: number, limit = text.length): NameSpan | null {
	let i = pos;
	i += gapAt(text, i);
	const toks = new Tokens(text, i, limit);
	const first = toks.at(0);
	if (!first || !isCapitalised(first.text)) return null;
	let last = 0;
	for (let k = 1; k < MAX_TOKENS && toks.at(k); k++) {
		const t = toks.at(k)!.text;
		const lower = t.toLowerCase();
		// "Bodø kommune NOK 2 500 000": a currency before a number begins the sum.
		if (CURRENCY_PREFIXES.has(lower) && /^\d/.test(toks.at(k + 1)?.text ?? '')) break;
		if (isCapitalised(t) || isOrgWord(t)) {
			last = k;
			continue;
		}
		if (CONJUNCTIONS.has(lower)) {
			if (!conjunctionJoins(text, toks, k, first.start)) break;
			k++;
			last = k;
			continue;
		}
		if (NAME_CONNECTORS.has(lower)) {
			// "Nofima AS i Tromsø": a legal form closes the name; what follows says where the body is.
			if (LEGAL_FORMS.has(toks.at(k - 1)!.text)) break;
			// "Uddevalla Hamnterminal AB in Sweden", "Lapplands universitet i Finland": where the body is,
			// not its name; a body named for its task keeps it ("Directorate of Labour in Iceland").
			if (PLACE_PREPOSITIONS.has(lower) && inCountry(text, toks, k) && !/\s(?:of|for)\s/i.test(text.slice(first.start, toks.at(k)!.start)))
				break;
			// "of the Highlands": an article may follow the connector.
			const skip = ARTICLES.has(toks.at(k + 1)?.text ?? '') ? 1 : 0;
			const next = toks.at(k + 1 + skip);
			if (!next || !(isCapitalised(next.text) || isOrgWord(next.text))) break;
			// "Cumbria County Council in partnership with …": a lower-case kind word that runs on into the sentence is no part of the name.
			const beyond = toks.at(k + 2 + skip);
			if (!isCapitalised(next.text) && beyond && FUNCTION_WORDS.has(beyond.text)) break;
			k += 1 + skip;
			last = k;
			continue;
		}
		// Adjectives before a kind word: "tekniska universitet", "arktiske universitet".
		const head = [toks.at(k + 1), toks.at(k + 2)].findIndex((x) => x !== undefined && isOrgWord(x.text));
		// "… as managing authority": a function word starts a phrase of its own.
		if (head < 0 || words(toks, k, k + 1 + head).some((x) => /^\P{Ll}/u.test(x.text) || FUNCTION_WORDS.has(x.text))) break;
		k += head + 1;
		last = k;
	}
	const start = first.start;
	const end = toks.at(last)!.end;
	return { start, end, value: text.slice(start, end) };
}

/** The words from k up to before end. */
function words(toks: Tokens, k: number, end: number): Tok[] {
	const out: Tok[] = [];
	for (let j = k; j < end; j++) {
		const t = toks.at(j);
		if (t) out.push(t);
	}
	return out;
}

/** Whether the one or two words after toks[k] name a country ("Sweden", "United Kingdom"). */
function inCountry(text: string, toks: Tokens, k: number): boolean {
	const one = toks.at(k + 1);
	if (!one || !/^\p{Lu}/u.test(one.text)) return false;
	const two = toks.at(k + 2);
	return countryCode(one.text) !== null || (!!two && countryCode(text.slice(one.start, two.end)) !== null);
}

/** Per UTF-16 unit, 1 where it ends a clause: names are read back to it at every cue, unit by unit. */
const CLAUSE_END = new Uint8Array(0x10000);
for (const c of '.,;:!?()\n"”»«“') CLAUSE_END[c.charCodeAt(0)] = 1;

/**
 * The name that ends exactly at pos, read backwards within its clause: the subject of
 * "X får 5 miljoner", "X har tillsammans med".
 */
export function readNameBefore(text: string, pos: number, floor: number, accept: (name: string) => boolean): NameSpan | null {
	let s = pos;
	while (s > floor && !CLAUSE_END[text.charCodeAt(s - 1)]) s--;
	const end = trimEnd(text, pos);
	const starts = nameStarts(text, s, pos);
	for (const at of starts) {
		const name = readName(text, at, pos);
		if (!name || name.end !== end || !accept(name.value)) continue;
		// "Også Vejle Kommune får …": an adverb opening the sentence is no part of the name ("Det Norske …" keeps its article).
		const space = name.value.indexOf(' ');
		const first = space > 0 ? name.value.slice(0, space) : '';
		const lower = first.toLowerCase();
		if (first && STOP_WORDS.has(lower) && !FUNCTION_WORDS.has(lower) && /^\p{Lu}\p{Ll}+$/u.test(first)) {
			const rest = readName(text, at + first.length, pos);
			if (rest && rest.end === end && accept(rest.value)) return rest;
		}
		return name;
	}
	// "Stiftelsen Vårsta diakonigård får …": a name opened by a kind word may go on in lower
	// case up to the verb that ends it, which a name read forwards could not tell.
	for (const at of starts) {
		const name = kindLedName(text, at, end);
		if (name && accept(name.value)) return name;
	}
	return null;
}

/**
 * Where a capital letter or a digit stands in text[from, to) after no letter or digit of it:
 * where (?<![\p{L}\d])[\p{Lu}\d] matches in that slice, read unit by unit (names are read
 * backwards at every cue, and the pattern made a string and an array of matches each time).
 */
function nameStarts(text: string, from: number, to: number): number[] {
	const starts: number[] = [];
	let afterWord = false;
	for (let i = from; i < to; i++) {
		const c = text.charCodeAt(i);
		// A surrogate pair is one code point to the pattern: left to it.
		if (c >= 0xd800 && c <= 0xdfff) return [...text.slice(from, to).matchAll(/(?<![\p{L}\d])[\p{Lu}\d]/gu)].map((m) => from + m.index);
		const digit = isDigit(c);
		const upper = digit || letterAt(text, i, true) === 1;
		if (upper && !afterWord) starts.push(i);
		afterWord = digit || upper || letterAt(text, i, false) === 1;
	}
	return starts;
}

/** The words from a capitalised kind word ("Stiftelsen", "Föreningen") to end, none of them a function word. */
function kindLedName(text: string, start: number, end: number): NameSpan | null {
	// The first word, as the split below gives it, is asked first: most capitals open no kind word.
	const gap = firstGap(text, start, end);
	if (!isOrgWord(text.slice(start, gap < 0 ? end : gap))) return null;
	const value = text.slice(start, end);
	const tokens = value.split(/[ \u00a0]+/);
	// A proper name follows the kind word somewhere ("Vårsta"), unlike "Regionen i dag".
	if (tokens.length < 2 || tokens.length > 6 || !isOrgWord(tokens[0]) || !tokens.slice(1).some((t) => /^\p{Lu}/u.test(t))) return null;
	const inner = (t: string, i: number) => i > 0 && i < tokens.length - 1 && NAME_CONNECTORS.has(t);
	if (
		tokens.some(
			(t, i) => !/^[\p{L}\d][\p{L}\d&’'-]*$/u.test(t) || (FUNCTION_WORDS.has(t.toLowerCase()) && !inner(t, i)) || VERB_WORDS.has(t)
		)
	)
		return null;
	return { start, end, value };
}

/** Where the first space or no-break space stands in text[start, end), or -1. */
function firstGap(text: string, start: number, end: number): number {
	for (let i = start; i < end; i++) {
		const c = text.charCodeAt(i);
		if (c === 0x20 || c === 0xa0) return i;
	}
	return -1;
}

function trimEnd(text: string, pos: number): number {
	while (pos > 0 && isSpace(text.charCodeAt(pos - 1))) pos--;
	return pos;
}

export interface NameJudge {
	/** Names of people in this document. */
	people: Set<string>;
	/** Names approved before: an organisation whatever its form. */
	known: KnownIndex;
	/** Scores already given in this document: list items and clauses ask about the same names. */
	scores: Map<string, number>;
}

export function nameJudge(people: Set<string>, known: KnownIndex): NameJudge {
	return { people, known, scores: new Map() };
}

/**
 * How much a string looks like an organisation's name, 0..1: a legal form or a kind word
 * ("kommune", "University") says most; a run of capitalised words says something;
 * a function word, a place, a country or a person says it is not one.
 */
export function orgScore(name: string, judge: NameJudge): number {
	let score = judge.scores.get(name);
	if (score === undefined) {
		score = scoreName(name.trim(), judge);
		judge.scores.set(name, score);
	}
	return score;
}

const LOWER_FIRST = /^\p{Ll}/u;
const TWO_LETTERS = /\p{L}{2}/u;
const REGION_PREFIX = /^(?:Region|Regionen|Landskapet)\s+\p{Lu}/u;
const ACRONYM = /^\p{Lu}[\p{Lu}\d&+-]+$/u;

/** A word without one trailing period or comma ("AB.", "kommune,"). */
function withoutStop(t: string): string {
	const c = t.charCodeAt(t.length - 1);
	return c === 0x2e || c === 0x2c ? t.slice(0, -1) : t;
}

/*
 * Each test below is read once and as late as its answer is needed: a document asks about
 * few names, but each of them costs several patterns and look-ups.
 */
function scoreName(value: string, judge: NameJudge): number {
	if (!value || value.length > 140) return 0;
	if (judge.known.has('organisations', value) || judge.known.has('funders', value)) return 1;
	const tokens = value.split(/\s+/);
	const lower = value.toLowerCase();
	if (STOP_WORDS.has(lower) || ANAPHORA.has(lower)) return 0;
	// "Projektet Grøn Skole": the project itself, whatever kind word its name holds.
	const first = tokens[0].toLowerCase();
	if (THE_PROJECT_WORDS.has(first)) return 0;
	// A name is mostly capitalised words; running text is mostly lower-case words (more than two
	// of them, so only three words or more can be). Every test from here to the next return of a
	// non-zero score says 0, so running text is told first: a table row's splits ask about many
	// long spans of it.
	if (tokens.length > 12) return 0;
	if (tokens.length > 2) {
		let running = 0;
		for (const t of tokens) if (LOWER_FIRST.test(t) && !NAME_CONNECTORS.has(t) && !isOrgWord(t) && ++running > 2) return 0;
	}
	if (looksLikePerson(value, judge.people)) return 0;
	if (isPlaceName(value)) return 0;
	if (!TWO_LETTERS.test(value)) return 0;
	if (tokens.some((t) => LEGAL_FORMS.has(t))) return 1;
	const kind = tokens.some((t, i) => (i > 0 || tokens.length > 1) && isOrgWord(withoutStop(t)));
	if (STOP_WORDS.has(first) && !kind) return 0;
	if (REGION_PREFIX.test(value)) return 0.9;
	if (kind) return 0.8;
	if (hasOrgSuffix(tokens[tokens.length - 1].toLowerCase())) return 0.7;
	if (ACRONYM.test(value)) return 0.5;
	if (tokens.length >= 2) return 0.45;
	return 0.3;
}
