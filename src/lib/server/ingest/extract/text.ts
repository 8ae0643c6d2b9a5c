/**
 * Segmentation of a document into lines, paragraphs and sentences, all as offsets into
 * the analysed text, so that every later rule can report exact provenance.
 */
import { memoized } from './memo';

export interface Span {
	start: number;
	end: number;
}

export interface Line extends Span {
	text: string;
	blank: boolean;
}

export interface Segments {
	lines: Line[];
	paragraphs: Span[];
	sentences: Span[];
}

/** Tokens that end with a period without ending a sentence. Lower-case, period included. */
const ABBREVIATIONS = new Set([
	't.ex.',
	'bl.a.',
	'ca.',
	'kr.',
	'mill.',
	'mio.',
	'milj.',
	'mnkr.',
	'nr.',
	'dr.',
	'st.',
	'ltd.',
	'inc.',
	'co.',
	'corp.',
	'jfr.',
	'm.fl.',
	'm.m.',
	'resp.',
	'tlf.',
	'tel.',
	'f.eks.',
	'e.g.',
	'i.e.',
	'p.g.a.',
	'inkl.',
	'ev.',
	'evt.',
	'mr.',
	'mrs.',
	'ms.',
	'prof.',
	'dvs.',
	'pga.',
	'f.o.m.',
	't.o.m.',
	'fr.o.m.',
	'jan.',
	'feb.',
	'aug.',
	'sept.',
	'sep.',
	'okt.',
	'oct.',
	'nov.',
	'dec.',
	'des.',
	'vs.',
	'ref.',
	'no.',
	'nb.',
	'obs.',
	'mfl.',
	'bl.',
	'a.',
	'o.',
	'ph.d.'
]);

/** A month's name after white space, tried where a day's number ends. */
const MONTH_AFTER = /\s+(?:jan|feb|mar|apr|maj|mai|may|jun|jul|aug|sep|okt|oct|nov|dec|des)/iy;

const SENTENCE_END = /[.!?…]+["'”»’)\]]*(?=\s+["'“«([–-]?[\p{Lu}\d])/gu;

export function segment(text: string): Segments {
	const lines: Line[] = [];
	let pos = 0;
	while (pos <= text.length) {
		let nl = text.indexOf('\n', pos);
		if (nl < 0) nl = text.length;
		const end = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
		const lineText = text.slice(pos, end);
		lines.push({ start: pos, end, text: lineText, blank: allSpace(text, pos, end) });
		pos = nl + 1;
	}

	const paragraphs: Span[] = [];
	let open: Line[] = [];
	const flush = () => {
		if (open.length) paragraphs.push({ start: open[0].start, end: open[open.length - 1].end });
		open = [];
	};
	for (const line of lines) {
		if (line.blank) flush();
		else open.push(line);
	}
	flush();

	const sentences: Span[] = [];
	for (const line of lines) {
		if (line.blank) continue;
		const prev = sentences[sentences.length - 1];
		// A hard-wrapped sentence continues on a line that starts in lower case.
		if (prev && continuesSentence(text, prev, line)) {
			splitInto(text, prev.start, line.end, sentences, true);
		} else {
			splitInto(text, line.start, line.end, sentences, false);
		}
	}
	return { lines, paragraphs, sentences };
}

/** Whether text holds only white space from start to end: what trim() === '' says, without the copy. */
function allSpace(text: string, start: number, end: number): boolean {
	while (start < end && isSpace(text.charCodeAt(start))) start++;
	return start === end;
}

/** Characters that may close a sentence after its stop: a quote, a bracket. */
const CLOSERS = new Set(Array.from(`"'”»’)`, (c) => c.charCodeAt(0)));
const STOPS = new Set(Array.from('.!?:;…', (c) => c.charCodeAt(0)));
const LOWER_AT = /\p{Ll}/uy;

/**
 * Whether the line goes on the sentence before it: one line break between them, no stop
 * ([.!?:;…] before any closing quotes or brackets) ending that sentence, and a lower-case
 * letter opening the line. Read by character: it is asked at every line.
 */
function continuesSentence(text: string, prev: Span, line: Line): boolean {
	let breaks = 0;
	for (let i = prev.end; i < line.start; i++) if (text.charCodeAt(i) === 0x0a) breaks++;
	if (breaks !== 1) return false;
	let end = prev.end;
	while (end > prev.start && isSpace(text.charCodeAt(end - 1))) end--;
	while (end > prev.start && CLOSERS.has(text.charCodeAt(end - 1))) end--;
	if (end > prev.start && STOPS.has(text.charCodeAt(end - 1))) return false;
	let first = line.start;
	while (first < line.end && isSpace(text.charCodeAt(first))) first++;
	LOWER_AT.lastIndex = first;
	return first < line.end && LOWER_AT.test(text);
}

function splitInto(text: string, start: number, end: number, out: Span[], replaceLast: boolean) {
	if (replaceLast) out.pop();
	const chunk = text.slice(start, end);
	let from = 0;
	// exec on the global pattern, not matchAll, which copies the pattern for every line.
	SENTENCE_END.lastIndex = 0;
	let m: RegExpExecArray | null;
	while ((m = SENTENCE_END.exec(chunk))) {
		const stop = m.index + m[0].length;
		if (m[0].charCodeAt(0) === 0x2e && isAbbreviation(lastToken(chunk, m.index), chunk, stop)) continue;
		pushTrimmed(text, start + from, start + stop, out);
		from = stop;
	}
	pushTrimmed(text, start + from, end, out);
}

/**
 * The token that ends with the stop at index, lower-cased: what /(\S+)$/ finds in the 24
 * characters before it and the stop, read back by character instead of cut out and matched.
 */
function lastToken(chunk: string, index: number): string {
	const from = Math.max(0, index - 24);
	let start = index;
	while (start > from && !isSpace(chunk.charCodeAt(start - 1))) start--;
	return chunk.slice(start, index + 1).toLowerCase();
}

/** Whether the token before a period abbreviates a word, or is a day before the month that follows at `after` in chunk. */
function isAbbreviation(token: string, chunk: string, after: number): boolean {
	if (ABBREVIATIONS.has(token)) return true;
	if (/^\p{L}\.$/u.test(token)) return true; // an initial
	if (!/^\d{1,2}\.$/.test(token)) return false;
	MONTH_AFTER.lastIndex = after;
	return MONTH_AFTER.test(chunk); // "1. september"
}

function pushTrimmed(text: string, start: number, end: number, out: Span[]) {
	const s = trimSpan(text, start, end);
	if (s.end > s.start) out.push(s);
}

/** Shrinks a span so that it neither starts nor ends with white space. */
export function trimSpan(text: string, start: number, end: number): Span {
	while (start < end && isSpace(text.charCodeAt(start))) start++;
	while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
	return { start, end };
}

/** Index of the span containing pos in a sorted, non-overlapping list, or -1. */
export function spanIndexAt(spans: Span[], pos: number): number {
	let lo = 0;
	let hi = spans.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		if (spans[mid].end <= pos) lo = mid + 1;
		else if (spans[mid].start > pos) hi = mid - 1;
		else return mid;
	}
	return -1;
}

/** Whether a UTF-16 unit is one of those \s matches. */
export function isSpace(c: number): boolean {
	if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
	if (c < 0xa0) return false;
	return (
		c === 0xa0 ||
		c === 0x1680 ||
		(c >= 0x2000 && c <= 0x200a) ||
		c === 0x2028 ||
		c === 0x2029 ||
		c === 0x202f ||
		c === 0x205f ||
		c === 0x3000 ||
		c === 0xfeff
	);
}

/** How many parts s.split(/\s+/) gives, counted without making them. */
export function countParts(s: string): number {
	let parts = 1;
	for (let i = 0; i < s.length; i++) {
		if (isSpace(s.charCodeAt(i)) && (i === 0 || !isSpace(s.charCodeAt(i - 1)))) parts++;
	}
	return parts;
}

/**
 * The runs of white space that are not a single space: replacing only these gives what
 * replace(/\s+/g, ' ') gives, and a string with none is returned as it is instead of rebuilt
 * (3.5x faster on the values collapsed, nearly all of which need nothing).
 */
const NOT_ONE_SPACE = /\s{2,}|[^\S ]/g;

export function collapse(s: string): string {
	return s.replace(NOT_ONE_SPACE, ' ').trim();
}

const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/** Case, diacritics and ligatures folded as norm folds them, before lower-casing. */
function fold(s: string): string {
	return s.replace(/[øØ]/g, 'o').replace(/[æÆ]/g, 'ae').normalize('NFKD').replace(/\p{M}/gu, '');
}

/**
 * fold() of each Latin-1 character, computed by fold itself. Below U+0100 no character
 * combines with its neighbour (the combining marks start at U+0300), so folding a Latin-1
 * string is folding each character: most names take this path instead of NFKD.
 */
const LATIN1_FOLD = Array.from({ length: 256 }, (_, c) => fold(String.fromCharCode(c)));

/** Comparison key that ignores case, diacritics and punctuation. */
export const norm = memoized(normUncached);

function normUncached(s: string): string {
	let folded = '';
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c > 0xff) {
			folded = fold(s);
			break;
		}
		folded += LATIN1_FOLD[c];
	}
	const lower = folded.toLowerCase();
	return plainWords(lower) ? lower : lower.replace(NOT_WORD, ' ').trim();
}

/** ASCII letters and digits in words apart by single spaces: what the replace and trim in norm leave as they are. */
function plainWords(s: string): boolean {
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) continue;
		if (c !== 0x20 || i === 0 || i === s.length - 1 || s.charCodeAt(i - 1) === 0x20) return false;
	}
	return true;
}

/** Escapes a literal for use inside a RegExp. */
export function escapeRe(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Alternation of literals, longest first so that the longest name wins. */
export function alternation(words: Iterable<string>): string {
	return [...new Set(words)]
		.sort((a, b) => b.length - a.length)
		.map(escapeRe)
		.join('|');
}

/** Parts of s between matches of a global separator pattern, each with its offset in s. */
export function splitWithOffsets(s: string, separator: RegExp): { text: string; start: number }[] {
	const parts: { text: string; start: number }[] = [];
	let from = 0;
	for (const m of s.matchAll(separator)) {
		parts.push({ text: s.slice(from, m.index), start: from });
		from = m.index + m[0].length;
	}
	parts.push({ text: s.slice(from), start: from });
	return parts;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Per UTF-16 unit beyond ASCII: 1 if WORD_CHAR matches it alone, 2 if not, 0 not asked yet. */
const WORD_UNIT = new Uint8Array(0x10000);

/** WORD_CHAR.test(String.fromCharCode(c)), answered without the engine after the first time. */
export function isWordUnit(c: number): boolean {
	if (c < 0x80) return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
	let k = WORD_UNIT[c];
	if (!k) WORD_UNIT[c] = k = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
	return k === 1;
}

function isWordChar(unit: string): boolean {
	return isWordUnit(unit.charCodeAt(0));
}

export function atWordStart(text: string, index: number, alsoNotAfter = ''): boolean {
	if (index === 0) return true;
	const before = text[index - 1];
	return !isWordChar(before) && !alsoNotAfter.includes(before);
}

/**
 * Matches of a global pattern that begin a word. Checking the character before a match
 * here is several times faster than a Unicode look-behind at the start of the pattern,
 * which the engine would try at every position of the text.
 */
export function* wordMatches(re: RegExp, text: string, alsoNotAfter = ''): Generator<RegExpExecArray> {
	re.lastIndex = 0;
	let m: RegExpExecArray | null;
	while ((m = re.exec(text))) {
		if (!atWordStart(text, m.index, alsoNotAfter)) {
			re.lastIndex = m.index + 1;
			continue;
		}
		if (m[0].length === 0) re.lastIndex++;
		yield m;
	}
}

const LETTER_LAST = /\p{L}$/u;

/** Whether a letter (a whole code point) stands right before index. */
export function afterLetter(text: string, index: number): boolean {
	if (index === 0) return false;
	const c = text.charCodeAt(index - 1);
	// Most characters before a match are ASCII, whose letters need no Unicode look-up.
	if (c < 0x80) return (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
	return LETTER_LAST.test(text.slice(Math.max(0, index - 2), index));
}

/**
 * Matches of a global pattern that do not follow a letter: exactly what a leading
 * (?<![\p{L}]) gives, found several times faster for the reason wordMatches gives.
 */
export function* matchesNotAfterLetter(re: RegExp, text: string): Generator<RegExpExecArray> {
	re.lastIndex = 0;
	let m: RegExpExecArray | null;
	while ((m = re.exec(text))) {
		if (afterLetter(text, m.index)) {
			re.lastIndex = m.index + (text.codePointAt(m.index)! > 0xffff ? 2 : 1);
			continue;
		}
		if (m[0].length === 0) re.lastIndex++;
		yield m;
	}
}

/**
 * The matches of a sticky pattern tried at each of the ascending positions where opens(text, at)
 * holds, leaving out those inside an earlier match: what a scan of the whole text (wordMatches,
 * matchesNotAfterLetter) finds when every match begins at one of the positions.
 */
export function matchesAt(
	sticky: RegExp,
	text: string,
	positions: readonly number[],
	opens: (text: string, at: number) => boolean
): RegExpExecArray[] {
	const found: RegExpExecArray[] = [];
	let end = 0;
	for (const at of positions) {
		if (at < end || !opens(text, at)) continue;
		sticky.lastIndex = at;
		const m = sticky.exec(text);
		if (!m) continue;
		found.push(m);
		end = at + m[0].length;
	}
	return found;
}

/** Whether a global pattern matches somewhere not right after a letter: see matchesNotAfterLetter. */
export function testNotAfterLetter(re: RegExp, text: string): boolean {
	// The loop of matchesNotAfterLetter without a generator: it is asked sentence after sentence.
	re.lastIndex = 0;
	let m: RegExpExecArray | null;
	while ((m = re.exec(text))) {
		if (!afterLetter(text, m.index)) return true;
		re.lastIndex = m.index + (text.codePointAt(m.index)! > 0xffff ? 2 : 1);
	}
	return false;
}

/**
 * The text in lower case with every offset unchanged. Cue patterns run on it without the
 * case-insensitive flag, which makes them several times faster; the rare character whose
 * lower case is longer ("İ") is kept as it is.
 */
export function lowerSameLength(text: string): string {
	const lower = text.toLowerCase();
	if (lower.length === text.length) return lower;
	let out = '';
	for (const c of text) {
		const l = c.toLowerCase();
		out += l.length === c.length ? l : c;
	}
	return out;
}

const EMAIL_DOMAIN = /@[\w-]+(?:\.[\w-]+)+/y;

/** Whether a unit may stand in an address's local part: [\w.+-]. */
function isLocalUnit(c: number): boolean {
	return ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2e || c === 0x2b || c === 0x2d;
}

/** E-mail addresses, found from their "@": a pattern tried at every position would be slow. */
export function findEmails(text: string): Span[] {
	const out: Span[] = [];
	for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
		// The local part is what /[\w.+-]+$/ finds in the 64 units before the "@", read backwards:
		// the pattern tried every position of the window.
		const floor = Math.max(0, at - 64);
		let start = at;
		while (start > floor && isLocalUnit(text.charCodeAt(start - 1))) start--;
		EMAIL_DOMAIN.lastIndex = at;
		const domain = EMAIL_DOMAIN.exec(text);
		if (start < at && domain) out.push({ start, end: at + domain[0].length });
	}
	return out;
}
