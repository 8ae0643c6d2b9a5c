/**
 * Where in a document a cue pattern can begin. A cue pattern is a long alternation of
 * lexicon words that only counts at the start of a word (wordMatches); the engine tries it
 * at every position of the text, and its alternatives one after another at each. From the
 * pattern's source this reads the two characters (or, failing that, the one) that every
 * match begins with; the document keeps its word starts, and in one pass over them picks
 * for every pattern asked of it the ones whose two characters the pattern can begin with,
 * so each pattern is tried, anchored, only there. The matches are the same: a position
 * whose characters no match begins with cannot hold one. Where the source holds anything
 * this reader does not know, it claims nothing and the pattern scans the whole text as before.
 */
import { groupOpening } from './regex-source';
import { isWordUnit, wordMatches } from './text';

/**
 * Bits of the hashed opening characters. The collisions let about a tenth more anchored
 * tries through (259 instead of 239 per seed document at 11 bits against 14), each cheap
 * and each giving the same matches.
 */
const HASH_BITS = 11;
const HASH_MASK = (1 << HASH_BITS) - 1;
const HASH_FACTOR = 0x9e3779b1;
const hashOf = (a: number, b: number) => (Math.imul(a, HASH_FACTOR) ^ b) & HASH_MASK;

/** A text (0) or its lower case (1): a pattern is asked of one of them. */
type Side = 0 | 1;

/**
 * What a pattern's matches open with: the hashes of the two characters most matches open
 * with, and of the one character of those that are one character long or go on with anything.
 */
interface Openings {
	two: Int32Array;
	one: Int32Array;
	/** The same pattern, sticky: tried where a candidate word starts. */
	sticky: RegExp;
	/** The openings read WIDE characters deep, or null where too many: see opensAt. */
	wide: Prefixes | null;
	/** The run the openings follow, if any: see SpaceRuns. */
	run: RunKind | null;
	/** Its place in the registry, per side, once asked of that side (-1 before). */
	ids: [number, number];
}

/** Bit sets of the hashes of the opening strings by length (index 1..WIDE, null where none); a string shorter than WIDE may go on with anything. */
type Prefixes = (Uint32Array | null)[];

/** Patterns per page of the registry: one bit each in a 32-bit mask. */
const PAGE = 32;

/**
 * Every pattern asked of a side of a document, in pages of PAGE: per page, by the hash of
 * an anchor's two characters and of its one, the mask of the patterns that may open there,
 * and the masks of the patterns asked of each side and of those that follow each kind of run.
 */
interface Page {
	two: Int32Array;
	one: Int32Array;
	size: number;
	sides: [number, number];
	runs: Record<RunKind, number>;
}
const pages: Page[] = [];

/**
 * How many patterns the registry holds. It only grows: a pattern is kept for the process's
 * life, so callers pass patterns built once (a RegExp built per call would grow it without
 * end, which tests/extract/starts.spec.ts watches for).
 */
export function registeredPatterns(): number {
	return pages.reduce((n, p) => n + p.size, 0);
}

/** A pattern's place in the registry: its page times PAGE plus its bit. */
function register(o: Openings, side: Side): number {
	let page = pages[pages.length - 1];
	if (!page || page.size === PAGE) {
		page = { two: new Int32Array(HASH_MASK + 1), one: new Int32Array(HASH_MASK + 1), size: 0, sides: [0, 0], runs: { space: 0, blank: 0 } };
		pages.push(page);
	}
	const bit = page.size++;
	for (const h of o.two) page.two[h] |= 1 << bit;
	for (const h of o.one) page.one[h] |= 1 << bit;
	page.sides[side] |= 1 << bit;
	if (o.run) page.runs[o.run] |= 1 << bit;
	return (o.ids[side] = (pages.length - 1) * PAGE + bit);
}

/**
 * Per page, where each pattern's candidates begin (PAGE + 1 entries), the page's size when
 * they were read, then the candidates (indices of word starts, in text order), pattern after pattern.
 */
const SIZE_AT = PAGE + 1;
const CANDIDATES_AT = PAGE + 2;

/** Per word start, the mask of a page's patterns that may open there; reused. */
let masks = new Int32Array(1024);
const cursor = new Int32Array(PAGE + 1);
/** Reused between documents: the word starts and their runs while they are read. */
let scratch = new Int32Array(4096);

/**
 * Per UTF-16 unit, what Anchors asks of it, in one look-up: KNOWN once filled, then WORD
 * (a letter or digit: isWordUnit), SPACE (\s) and BLANK (a space or a tab). Units beyond ASCII
 * are classed the first time a text holds them.
 */
const KNOWN = 1;
const WORD = 2;
const SPACE = 4;
const BLANK = 8;
const UNIT_KIND = new Uint8Array(0x10000);

function kindOf(c: number): number {
	let k = UNIT_KIND[c];
	if (!k) {
		k = KNOWN | (isWordUnit(c) ? WORD : 0) | (RUNS.space[c] ? SPACE : 0) | (RUNS.blank[c] ? BLANK : 0);
		UNIT_KIND[c] = k;
	}
	return k;
}

/**
 * Where a text's words start, and where the run of white space (\s) and of spaces and tabs
 * ([ \t]) that ends at each began: a run ends where a word starts, as what follows white
 * space starts a word. Lower-casing keeps every offset and never turns a letter or digit into
 * anything else, nor anything else into one, so a text and its lower case share them; the
 * candidates of every pattern asked of either are read in one pass over them, page by page
 * of the registry, when one of the page's patterns is first asked.
 */
export class Anchors {
	readonly words: Int32Array;
	/** Per word start, where the run of each kind that ends there began, or -1. */
	readonly runFrom: Record<RunKind, Int32Array>;
	/** Per page of the registry, the candidates of its patterns (see CANDIDATES_AT). */
	private readonly picked: Int32Array[] = [];

	constructor(
		readonly text: string,
		readonly lower: string
	) {
		const n = text.length;
		if (scratch.length < 3 * n) scratch = new Int32Array(6 * n);
		const buf = scratch;
		let w = 0;
		let afterWord = false;
		let spaceBegin = -1;
		let blankBegin = -1;
		for (let i = 0; i < n; i++) {
			const kind = kindOf(text.charCodeAt(i));
			// A word starts where the unit before is no letter or digit (atWordStart).
			if (!afterWord) {
				buf[w] = i;
				buf[n + w] = kind & SPACE ? -1 : spaceBegin;
				buf[2 * n + w++] = kind & BLANK ? -1 : blankBegin;
			}
			afterWord = (kind & WORD) !== 0;
			if (!(kind & SPACE)) spaceBegin = -1;
			else if (spaceBegin < 0) spaceBegin = i;
			if (!(kind & BLANK)) blankBegin = -1;
			else if (blankBegin < 0) blankBegin = i;
		}
		// One buffer holds the three lists.
		const out = new Int32Array(3 * w);
		out.set(buf.subarray(0, w), 0);
		out.set(buf.subarray(n, n + w), w);
		out.set(buf.subarray(2 * n, 2 * n + w), 2 * w);
		this.words = out.subarray(0, w);
		this.runFrom = { space: out.subarray(w, 2 * w), blank: out.subarray(2 * w) };
	}

	/**
	 * The candidates of a pattern asked of one side: where in list they begin and how many;
	 * null where the pattern may open at so many word starts that one scan of the text costs
	 * less than a try at each.
	 */
	candidates(o: Openings, side: Side): { list: Int32Array; start: number; count: number } | null {
		const id = o.ids[side] >= 0 ? o.ids[side] : register(o, side);
		const p = (id / PAGE) | 0;
		const bit = id % PAGE;
		let list = this.picked[p];
		// A pattern the registry took in after this page was read (the first documents only) needs a new reading.
		if (!list || list[SIZE_AT] <= bit) list = this.picked[p] = this.pick(pages[p]);
		const count = list[bit + 1] - list[bit];
		if (count * SCAN_COST > this.text.length) return null;
		return { list, start: CANDIDATES_AT + list[bit], count };
	}

	/** One pass over the word starts for every pattern of a page, then their candidates gathered pattern by pattern. */
	private pick(page: Page): Int32Array {
		const { two, one, size } = page;
		const [textBits, lowerBits] = page.sides;
		const spaceBits = page.runs.space;
		const blankBits = page.runs.blank;
		const { text, lower, words } = this;
		const spaceFrom = this.runFrom.space;
		const blankFrom = this.runFrom.blank;
		const n = text.length;
		const total = words.length;
		if (masks.length < total) masks = new Int32Array(total * 2);
		cursor.fill(0);
		let sum = 0;
		for (let j = 0; j < total; j++) {
			const i = words[j];
			// Past the end a pattern cannot match: any hash will do, the anchored try says no.
			const a = text.charCodeAt(i);
			const b = i + 1 < n ? text.charCodeAt(i + 1) : 0xffff;
			let x = Math.imul(a, HASH_FACTOR);
			const onText = two[(x ^ b) & HASH_MASK] | one[x & HASH_MASK];
			let onLower = onText;
			const al = lower.charCodeAt(i);
			const bl = i + 1 < n ? lower.charCodeAt(i + 1) : 0xffff;
			if (al !== a || bl !== b) {
				x = Math.imul(al, HASH_FACTOR);
				onLower = two[(x ^ bl) & HASH_MASK] | one[x & HASH_MASK];
			}
			let m = (onText & textBits) | (onLower & lowerBits);
			// A pattern that follows a run opens only where one ends.
			if (spaceFrom[j] < 0) m &= ~spaceBits;
			if (blankFrom[j] < 0) m &= ~blankBits;
			masks[j] = m;
			while (m) {
				const low = m & -m;
				cursor[31 - Math.clz32(low)]++;
				sum++;
				m ^= low;
			}
		}
		const list = new Int32Array(CANDIDATES_AT + sum);
		for (let b = 0, start = 0; b < PAGE; b++) {
			const c = cursor[b];
			list[b] = cursor[b] = start;
			start += c;
		}
		list[PAGE] = sum;
		list[SIZE_AT] = size;
		for (let j = 0; j < total; j++) {
			let m = masks[j];
			while (m) {
				const low = m & -m;
				list[CANDIDATES_AT + cursor[31 - Math.clz32(low)]++] = j;
				m ^= low;
			}
		}
		return list;
	}
}

/** Word starts of one side of a text: where a cue that begins a word (wordMatches) may match. */
export class WordStarts {
	constructor(
		readonly text: string,
		readonly anchors = new Anchors(text, text),
		readonly side: Side = 0
	) {}
}

/**
 * Runs of white space (\s) or of spaces and tabs ([ \t]) in one side of a text, anchored
 * where each run ends: a pattern that opens with such a run ("\s+(?:har fått|receives)") can
 * only match from a run's start (or from where its previous match ended inside it), and only
 * if what follows the pattern's run opens the text after the run.
 */
export class SpaceRuns {
	constructor(
		readonly text: string,
		readonly kind: RunKind,
		readonly anchors = new Anchors(text, text),
		readonly side: Side = 0
	) {}
}

/** The runs a pattern may open with, and their characters. */
export type RunKind = 'space' | 'blank';
const RUN_OPENERS: [RunKind, string][] = [
	['space', String.raw`\s+`],
	['blank', String.raw`[ \t]+`]
];

const openings = new WeakMap<RegExp, Openings | null>();
const runOpenings = new WeakMap<RegExp, Openings | null>();

/** What a global pattern's matches open with, or null where its source does not tell. */
function openingsOf(re: RegExp): Openings | null {
	let o = openings.get(re);
	if (o === undefined) {
		o = readOpenings(re);
		openings.set(re, o);
	}
	return o;
}

function readOpenings(re: RegExp): Openings | null {
	// Case folding and nested classes could match characters the source does not spell.
	if (re.ignoreCase || re.unicodeSets || !re.global) return null;
	return openingsFrom(re.source, re, null)?.openings ?? null;
}

/** The openings of a source, tried through a sticky copy of re. */
function openingsFrom(source: string, re: RegExp, run: RunKind | null): { openings: Openings; firstChars: number[] } | null {
	const prefixes = openingStrings(source, WIDTH);
	if (!prefixes) return null;
	const two = new Set<number>();
	const one = new Set<number>();
	const firstChars = new Set<number>();
	for (const p of prefixes) {
		if (p.length === 2 && p[1] !== ANY) two.add(hashOf(p.charCodeAt(0), p.charCodeAt(1)));
		else one.add(hashOf(p.charCodeAt(0), 0));
		firstChars.add(p.charCodeAt(0));
	}
	const sticky = new RegExp(re.source, re.flags.replace('g', '') + 'y');
	return {
		openings: { two: Int32Array.from(two), one: Int32Array.from(one), sticky, wide: prefixesOf(source), run, ids: [-1, -1] },
		firstChars: [...firstChars]
	};
}

/** The opening strings WIDE characters deep, by length, without the mark of "anything after". */
function prefixesOf(source: string): Prefixes | null {
	const strings = openingStrings(source, WIDE);
	if (!strings) return null;
	const bySize: Prefixes = Array.from({ length: WIDE + 1 }, () => null);
	for (const s of strings) {
		const p = s.endsWith(ANY) ? s.slice(0, -1) : s;
		let h = 0;
		for (let i = 0; i < p.length; i++) h = prefixHash(h, p.charCodeAt(i));
		const bits = (bySize[p.length] ??= new Uint32Array((HASH_MASK + 1) >>> 5));
		bits[h >>> 5] |= 1 << (h & 31);
	}
	return bySize;
}

/**
 * Whether text at pos may open with one of a pattern's openings read WIDE characters deep
 * (hashed: a collision only lets a try through). Candidates picked by two characters let through many
 * tries that fail (about 95 % of them on the seed documents).
 */
function opensAt(wide: Prefixes, text: string, pos: number): boolean {
	let h = 0;
	for (let k = 1; k <= WIDE && pos + k <= text.length; k++) {
		h = prefixHash(h, text.charCodeAt(pos + k - 1));
		const bits = wide[k];
		if (bits && bits[h >>> 5] & (1 << (h & 31))) return true;
	}
	return false;
}

const prefixHash = (h: number, c: number) => (Math.imul(h, 0x9e3779b1) + c) & HASH_MASK;

/** What follows a pattern's opening run ("\s+", "[ \t]+"), where that tells where it can match. */
function runOpeningsOf(re: RegExp): Openings | null {
	let o = runOpenings.get(re);
	if (o === undefined) {
		o = readRunOpenings(re);
		runOpenings.set(re, o);
	}
	return o;
}

function readRunOpenings(re: RegExp): Openings | null {
	if (re.ignoreCase || re.unicodeSets || !re.global) return null;
	const opener = RUN_OPENERS.find(([, src]) => re.source.startsWith(src) && !'?*+{'.includes(re.source[src.length]));
	// "\s+a|b": the run belongs to the first alternative only.
	if (!opener || hasTopLevelBar(re.source)) return null;
	const [run, src] = opener;
	const rest = openingsFrom(re.source.slice(src.length), re, run);
	// What follows must not open with the run's own characters, or the run could end earlier.
	if (!rest || rest.firstChars.some((c) => RUNS[run][c])) return null;
	return rest.openings;
}

/** Whether an alternation bar stands outside every group and class of the source. */
function hasTopLevelBar(source: string): boolean {
	let depth = 0;
	for (let i = 0; i < source.length; i++) {
		const c = source[i];
		if (c === '\\') i++;
		else if (c === '[') {
			for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
		} else if (c === '(') depth++;
		else if (c === ')') depth--;
		else if (c === '|' && depth === 0) return true;
	}
	return false;
}

/**
 * The matches of a global pattern that begin a word, as wordMatches(re, starts.text, alsoNotAfter)
 * finds them, or null where the pattern's openings are not known.
 */
export function matchesAtWordStarts(re: RegExp, starts: WordStarts, alsoNotAfter = ''): RegExpExecArray[] | null {
	const o = openingsOf(re);
	const picked = o && starts.anchors.candidates(o, starts.side);
	if (!o || !picked) return null;
	const { list, start, count } = picked;
	const text = starts.text;
	const words = starts.anchors.words;
	const out: RegExpExecArray[] = [];
	const sticky = o.sticky;
	let from = 0;
	for (let c = start; c < start + count; c++) {
		const pos = words[list[c]];
		if (pos < from) continue;
		if (alsoNotAfter && pos > 0 && alsoNotAfter.includes(text[pos - 1])) continue;
		if (o.wide && !opensAt(o.wide, text, pos)) continue;
		sticky.lastIndex = pos;
		const m = sticky.exec(text);
		if (!m) continue;
		out.push(m);
		from = m[0].length === 0 ? pos + 1 : pos + m[0].length;
	}
	return out;
}

/**
 * The matches of a global pattern that opens with a run of white space, as a scan of the
 * whole text finds them (re.exec from each match's end), or null where that is not known.
 */
export function matchesAfterRuns(re: RegExp, runsOf: (kind: RunKind) => SpaceRuns | null): RegExpExecArray[] | null {
	const o = runOpeningsOf(re);
	const runs = o && runsOf(o.run!);
	const picked = runs && runs.anchors.candidates(o, runs.side);
	if (!o || !runs || !picked) return null;
	const { list, start, count } = picked;
	const text = runs.text;
	const words = runs.anchors.words;
	const from = runs.anchors.runFrom[runs.kind];
	const out: RegExpExecArray[] = [];
	const sticky = o.sticky;
	let last = 0;
	for (let c = start; c < start + count; c++) {
		const begin = from[list[c]];
		const end = words[list[c]];
		if (end <= last) continue;
		// Inside a run every start reaches the same text after it: the leftmost allowed one matches first.
		const pos = Math.max(begin, last);
		// What follows the run opens where the run ends: its first characters are none of the run's.
		if (o.wide && !opensAt(o.wide, text, end)) continue;
		sticky.lastIndex = pos;
		const m = sticky.exec(text);
		if (!m) continue;
		out.push(m);
		last = m[0].length === 0 ? pos + 1 : pos + m[0].length;
	}
	return out;
}

/** Thrown for any construct the reader does not know: nothing is claimed then. */
class Unknown extends Error {}

/** Marks a string whose next characters may be anything: "a" then \p{L}. */
const ANY = '\uffff';
const LIMIT = 4000;
/** Characters of text one anchored try costs about as much as scanning (measured on the seed documents). */
const SCAN_COST = 12;
/** Candidates are picked by two characters of each opening, hashed. */
const WIDTH = 2;
/** Characters of each opening a candidate is checked against before the pattern is tried there. */
const WIDE = 4;

/**
 * Every string of width characters that a match of the source can open with, or null; a
 * match shorter, or one whose next character may be anything, gives what it opens with
 * ("a", or "a" and ANY). Null where a match may be empty or open with anything.
 */
function openingStrings(source: string, width: number): Set<string> | null {
	try {
		const reader = new Reader(source, width);
		const set = reader.alternation();
		if (!reader.done()) return null;
		for (const s of set) if (s.length === 0 || s[0] === ANY) return null;
		return set;
	} catch {
		return null;
	}
}

const closed = (s: string, width: number) => s.length >= width || s.endsWith(ANY);

function concat(a: Set<string>, b: Set<string>, width: number): Set<string> {
	const out = new Set<string>();
	for (const x of a) {
		if (closed(x, width)) {
			out.add(x);
			continue;
		}
		for (const y of b) out.add((x + y).slice(0, width));
	}
	if (out.size > LIMIT) throw new Unknown();
	return out;
}

/** Quantified atom: every number of repeats from min to max (no more than the width needs). */
function repeat(a: Set<string>, min: number, max: number, width: number): Set<string> {
	let power = new Set(['']);
	const out = new Set<string>();
	for (let n = 0; n <= Math.min(max, width + 1); n++) {
		if (n >= min) for (const s of power) out.add(s);
		power = concat(power, a, width);
	}
	// Beyond width + 1 repeats the openings are those of width + 1 repeats.
	if (max > width + 1 && min > width + 1) for (const s of power) out.add(s);
	return out;
}

const WHITE =
	' \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
const DIGITS = '0123456789';
/** Per UTF-16 unit, 1 where it belongs to the run. */
const RUNS: Record<RunKind, Uint8Array> = { space: unitSet(WHITE), blank: unitSet(' \t') };
function unitSet(chars: string): Uint8Array {
	const set = new Uint8Array(0x10000);
	for (let i = 0; i < chars.length; i++) set[chars.charCodeAt(i)] = 1;
	return set;
}
const SIMPLE_ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f', v: '\v', '0': '\0' };

class Reader {
	private pos = 0;

	constructor(
		private readonly src: string,
		private readonly width: number
	) {}

	done(): boolean {
		return this.pos === this.src.length;
	}

	alternation(): Set<string> {
		const out = new Set<string>();
		for (;;) {
			for (const s of this.sequence()) out.add(s);
			if (this.src[this.pos] !== '|') break;
			this.pos++;
		}
		if (out.size > LIMIT) throw new Unknown();
		return out;
	}

	private sequence(): Set<string> {
		let cur = new Set(['']);
		while (this.pos < this.src.length && this.src[this.pos] !== '|' && this.src[this.pos] !== ')') {
			const atom = this.atom();
			const [min, max] = this.quantifier();
			cur = concat(cur, repeat(atom, min, max, this.width), this.width);
		}
		return cur;
	}

	private atom(): Set<string> {
		const ch = this.src[this.pos];
		if (ch === '(') return this.group();
		if (ch === '[') return this.charClass();
		if (ch === '\\') return this.escape(false);
		const cp = this.src.codePointAt(this.pos)!;
		if (cp > 0xffff) throw new Unknown();
		this.pos++;
		if (ch === '^' || ch === '$') return new Set(['']);
		if (ch === '.') return new Set([ANY]);
		if ('*+?{}'.includes(ch)) throw new Unknown();
		return new Set([ch]);
	}

	private group(): Set<string> {
		const opening = groupOpening(this.src, this.pos + 1);
		if (!opening) throw new Unknown();
		this.pos = opening.pattern;
		const inner = this.alternation();
		if (this.src[this.pos] !== ')') throw new Unknown();
		this.pos++;
		// A look-around takes no characters: it narrows the openings, which may stay wider.
		return opening.look ? new Set(['']) : inner;
	}

	/** Members of a class of up to 64 characters; any other class may be anything. */
	private charClass(): Set<string> {
		this.pos++;
		let negated = false;
		if (this.src[this.pos] === '^') {
			negated = true;
			this.pos++;
		}
		const members = new Set<string>();
		let wide = false;
		let prev: string | null = null;
		while (this.pos < this.src.length && this.src[this.pos] !== ']') {
			if (this.src[this.pos] === '-' && prev !== null && this.src[this.pos + 1] !== ']') {
				this.pos++;
				const to = this.classChar();
				if (to === null || to.length !== 1) throw new Unknown();
				const from = prev.charCodeAt(0);
				if (to.charCodeAt(0) - from > 64) wide = true;
				else for (let c = from; c <= to.charCodeAt(0); c++) members.add(String.fromCharCode(c));
				prev = null;
				continue;
			}
			const c = this.classChar();
			if (c === null) {
				wide = true;
				prev = null;
				continue;
			}
			for (const m of c) members.add(m);
			prev = c.length === 1 ? c : null;
		}
		if (this.src[this.pos] !== ']') throw new Unknown();
		this.pos++;
		if (negated || wide || members.size > 64) return new Set([ANY]);
		return members;
	}

	/** One member of a class: its characters, or null for a wide class escape. */
	private classChar(): string | null {
		const ch = this.src[this.pos];
		if (ch === '\\') {
			const set = this.escape(true);
			if (set.has(ANY)) return null;
			return [...set].join('');
		}
		const cp = this.src.codePointAt(this.pos)!;
		if (cp > 0xffff) throw new Unknown();
		this.pos++;
		return ch;
	}

	private escape(inClass: boolean): Set<string> {
		const next = this.src[this.pos + 1];
		if (next === undefined) throw new Unknown();
		if (next === 'p' || next === 'P') {
			const close = this.src.indexOf('}', this.pos);
			if (this.src[this.pos + 2] !== '{' || close < 0) throw new Unknown();
			this.pos = close + 1;
			return new Set([ANY]);
		}
		if (next === 'u') {
			const hex = /^[0-9a-fA-F]{4}/.exec(this.src.slice(this.pos + 2, this.pos + 6));
			if (!hex) throw new Unknown();
			this.pos += 6;
			const c = String.fromCharCode(parseInt(hex[0], 16));
			if (c >= '\ud800' && c <= '\udfff') throw new Unknown();
			return new Set([c]);
		}
		if (next === 'x') {
			const hex = /^[0-9a-fA-F]{2}/.exec(this.src.slice(this.pos + 2, this.pos + 4));
			if (!hex) throw new Unknown();
			this.pos += 4;
			return new Set([String.fromCharCode(parseInt(hex[0], 16))]);
		}
		this.pos += 2;
		if (next === 'd') return new Set(DIGITS);
		if (next === 's') return inClass ? new Set(WHITE) : new Set([ANY]);
		if ('DSwW'.includes(next)) return new Set([ANY]);
		if (next === 'b' || next === 'B') {
			if (inClass) throw new Unknown();
			return new Set(['']);
		}
		if (SIMPLE_ESCAPES[next] !== undefined && !(next === '0' && /\d/.test(this.src[this.pos] ?? '')))
			return new Set([SIMPLE_ESCAPES[next]]);
		// Back-references, control letters and the like: not read.
		if (/[\dkcA-Za-z]/.test(next)) throw new Unknown();
		return new Set([next]);
	}

	/** [min, max] repeats; the quantifier and a lazy mark are consumed. */
	private quantifier(): [number, number] {
		const ch = this.src[this.pos];
		let q: [number, number] = [1, 1];
		if (ch === '?') q = [0, 1];
		else if (ch === '*') q = [0, Infinity];
		else if (ch === '+') q = [1, Infinity];
		else if (ch === '{') {
			const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.src.slice(this.pos));
			if (!m) throw new Unknown();
			this.pos += m[0].length - 1;
			q = [Number(m[1]), m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3])];
		} else return q;
		this.pos++;
		if (this.src[this.pos] === '?') this.pos++;
		return q;
	}
}

/** Below this length a text is scanned whole: reading its word starts would cost more than it saves. */
const MIN_INDEXED = 1_500;

/** The word starts and runs of a text and of its lower case, read when a pattern first asks; none for a short text. */
export class TextIndex {
	private anchors: Anchors | null = null;
	/** The word starts of the text and of its lower case. */
	private readonly words: (WordStarts | undefined)[] = [];
	/** The runs of each kind in the text and in its lower case. */
	private readonly runs: Record<RunKind, (SpaceRuns | undefined)[]> = { space: [], blank: [] };

	constructor(
		readonly text: string,
		readonly lower: string
	) {}

	private anchorsOrNull(): Anchors | null {
		if (this.text.length < MIN_INDEXED) return null;
		return (this.anchors ??= new Anchors(this.text, this.lower));
	}

	/** The word starts of the text or of its lower case, or null for a short text. */
	wordStarts(lower: boolean): WordStarts | null {
		const anchors = this.anchorsOrNull();
		if (!anchors) return null;
		return (this.words[+lower] ??= new WordStarts(lower ? this.lower : this.text, anchors, lower ? 1 : 0));
	}

	/** The runs of one kind in the text or its lower case, or null for a short text. */
	spaceRuns(lower: boolean, kind: RunKind): SpaceRuns | null {
		const anchors = this.anchorsOrNull();
		if (!anchors) return null;
		return (this.runs[kind][+lower] ??= new SpaceRuns(lower ? this.lower : this.text, kind, anchors, lower ? 1 : 0));
	}
}

/** wordMatches(re, text or its lower case, alsoNotAfter), tried only at the word starts re can open at where that is known. */
export function wordMatchesIn(re: RegExp, index: TextIndex, lower: boolean, alsoNotAfter = ''): Iterable<RegExpExecArray> {
	const starts = index.wordStarts(lower);
	return (starts && matchesAtWordStarts(re, starts, alsoNotAfter)) ?? wordMatches(re, lower ? index.lower : index.text, alsoNotAfter);
}

/** Every match of a global pattern from each match's end (re.exec), tried only after the runs before its words where that is known. */
export function matchesIn(re: RegExp, index: TextIndex, lower: boolean): Iterable<RegExpExecArray> {
	return matchesAfterRuns(re, (kind) => index.spaceRuns(lower, kind)) ?? allMatches(re, lower ? index.lower : index.text);
}

function* allMatches(re: RegExp, text: string): Generator<RegExpExecArray> {
	re.lastIndex = 0;
	let m: RegExpExecArray | null;
	while ((m = re.exec(text))) {
		if (m[0].length === 0) re.lastIndex++;
		yield m;
	}
}
