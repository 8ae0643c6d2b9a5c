/**
 * Where in a document a cue pattern can begin. A cue pattern is a long alternation of
 * lexicon words that only counts at the start of a word (wordMatches); the engine tries it
 * at every position of the text, and its alternatives one after another at each. From the
 * pattern's source this reads the two characters (or, failing that, the one) that every
 * match begins with; the document keeps its word starts with the two characters at each,
 * so the pattern is tried, anchored, only at the word starts it can begin at. The matches
 * are the same: a position whose characters no match begins with cannot hold one. Where
 * the source holds anything this reader does not know, it claims nothing and the pattern
 * scans the whole text as before.
 */
import { isWordUnit, wordMatches } from './text';

/**
 * Bits of the hashed opening characters, one set per pattern. A pattern keeps up to six sets
 * of 2^HASH_BITS bits, probed at random: at 11 bits a set is 256 bytes (2 KB at 14), and the
 * collisions let about a tenth more anchored tries through (259 instead of 239 per seed
 * document), each cheap and each giving the same matches.
 */
const HASH_BITS = 11;
const HASH_MASK = (1 << HASH_BITS) - 1;
const hashOf = (a: number, b: number) => (Math.imul(a, 0x9e3779b1) ^ b) & HASH_MASK;

/**
 * The opening characters of each match of a pattern: sets of the hashes of the two
 * characters most matches open with, and of the one character of those that are one
 * character long or go on with anything.
 */
interface Openings {
	two: Uint32Array;
	one: Uint32Array;
	/** The buckets of the first characters (see WordStarts). */
	buckets: number[];
	/** The same pattern, sticky: tried where a candidate word starts. */
	sticky: RegExp;
	/** The openings read WIDE characters deep, or null where too many: see opensAt. */
	wide: Prefixes | null;
}

/** Bit sets of the hashes of the opening strings by length (index 1..WIDE, null where none); a string shorter than WIDE may go on with anything. */
type Prefixes = (Uint32Array | null)[];

/** Anchors are filed by their first character's last six bits: a pattern reads only its own. */
const BUCKETS = 64;

/**
 * Where a pattern may match in one text: anchors in text order, and filed by their first
 * character with the hash of the one and two characters at each.
 */
interface Filed {
	readonly text: string;
	/** Positions where the pattern's openings are read, in text order. */
	readonly at: Int32Array;
	/** Where a match through each anchor would begin, if not at the anchor. */
	readonly from: Int32Array | null;
	/** Where each bucket's anchors begin in ranks and hashes (BUCKETS + 1 entries). */
	readonly bucketStart: Int32Array;
	/** The anchors by bucket (their indices in at), ascending within each. */
	readonly ranks: Int32Array;
	/** Per filed anchor, the hash of its two characters above the hash of its one (both HASH_BITS wide). */
	readonly hashes: Int32Array;
}

/** Counts per bucket while filing, reused. */
const cursor = new Int32Array(BUCKETS + 1);

/** Files positions by their first character; the three lists share one buffer. */
function file(filed: { -readonly [K in keyof Filed]: Filed[K] }, at: Int32Array, from: Int32Array | null) {
	const text = filed.text;
	const n = text.length;
	const total = at.length;
	const buf = new Int32Array(BUCKETS + 1 + 2 * total);
	const bucketStart = buf.subarray(0, BUCKETS + 1);
	const ranks = buf.subarray(BUCKETS + 1, BUCKETS + 1 + total);
	const hashes = buf.subarray(BUCKETS + 1 + total);
	for (let j = 0; j < total; j++) bucketStart[(text.charCodeAt(at[j]) & (BUCKETS - 1)) + 1]++;
	for (let b = 0; b < BUCKETS; b++) bucketStart[b + 1] += bucketStart[b];
	cursor.set(bucketStart);
	for (let j = 0; j < total; j++) {
		const i = at[j];
		const a = text.charCodeAt(i);
		const k = cursor[a & (BUCKETS - 1)]++;
		ranks[k] = j;
		// Past the end a pattern cannot match: any hash will do, the anchored try says no.
		hashes[k] = (hashOf(a, i + 1 < n ? text.charCodeAt(i + 1) : 0xffff) << HASH_BITS) | hashOf(a, 0);
	}
	filed.at = at;
	filed.from = from;
	filed.bucketStart = bucketStart;
	filed.ranks = ranks;
	filed.hashes = hashes;
}

/**
 * Where a text's words start and its runs of white space (\s) and of spaces and tabs ([ \t])
 * begin and end, read in one pass. Lower-casing keeps every offset and never turns a letter or
 * digit into anything else, nor anything else into one, so a text and its lower case share them.
 */
export interface Anchors {
	words: Int32Array;
	runs: Record<RunKind, { from: Int32Array; at: Int32Array }>;
}

/**
 * Per UTF-16 unit, what anchorsOf asks of it, in one look-up: KNOWN once filled, then WORD
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

export function anchorsOf(text: string): Anchors {
	const n = text.length;
	if (scratch.length < 5 * n) scratch = new Int32Array(10 * n);
	// Five lists in one buffer: word starts, then where each kind of run begins and ends.
	const words = 0;
	const spaceFrom = n;
	const spaceAt = 2 * n;
	const blankFrom = 3 * n;
	const blankAt = 4 * n;
	const buf = scratch;
	let w = 0;
	let sp = 0;
	let bl = 0;
	let afterWord = false;
	let spaceBegin = -1;
	let blankBegin = -1;
	for (let i = 0; i < n; i++) {
		const kind = kindOf(text.charCodeAt(i));
		// A word starts where the unit before is no letter or digit (atWordStart).
		if (!afterWord) buf[words + w++] = i;
		afterWord = (kind & WORD) !== 0;
		if (kind & SPACE) {
			if (spaceBegin < 0) spaceBegin = i;
		} else if (spaceBegin >= 0) {
			buf[spaceFrom + sp] = spaceBegin;
			buf[spaceAt + sp++] = i;
			spaceBegin = -1;
		}
		if (kind & BLANK) {
			if (blankBegin < 0) blankBegin = i;
		} else if (blankBegin >= 0) {
			buf[blankFrom + bl] = blankBegin;
			buf[blankAt + bl++] = i;
			blankBegin = -1;
		}
	}
	// A run that ends the text has nothing after it to match: it is left out. One buffer holds the five lists.
	const size = w + 2 * sp + 2 * bl;
	const out = new Int32Array(size);
	out.set(buf.subarray(words, words + w), 0);
	out.set(buf.subarray(spaceFrom, spaceFrom + sp), w);
	out.set(buf.subarray(spaceAt, spaceAt + sp), w + sp);
	out.set(buf.subarray(blankFrom, blankFrom + bl), w + 2 * sp);
	out.set(buf.subarray(blankAt, blankAt + bl), w + 2 * sp + bl);
	return {
		words: out.subarray(0, w),
		runs: {
			space: { from: out.subarray(w, w + sp), at: out.subarray(w + sp, w + 2 * sp) },
			blank: { from: out.subarray(w + 2 * sp, w + 2 * sp + bl), at: out.subarray(w + 2 * sp + bl, size) }
		}
	};
}

/** Word starts of one text: where a cue that begins a word (wordMatches) may match. */
export class WordStarts implements Filed {
	readonly at!: Int32Array;
	readonly from!: null;
	readonly bucketStart!: Int32Array;
	readonly ranks!: Int32Array;
	readonly hashes!: Int32Array;

	constructor(
		readonly text: string,
		anchors = anchorsOf(text)
	) {
		file(this, anchors.words, null);
	}
}

/**
 * Runs of white space (\s) or of spaces and tabs ([ \t]) in one text, anchored where each run
 * ends: a pattern that opens with such a run ("\s+(?:har fått|receives)") can only match from
 * a run's start (or from where its previous match ended inside it), and only if what
 * follows the pattern's run opens the text after the run.
 */
export class SpaceRuns implements Filed {
	readonly at!: Int32Array;
	readonly from!: Int32Array;
	readonly bucketStart!: Int32Array;
	readonly ranks!: Int32Array;
	readonly hashes!: Int32Array;

	constructor(
		readonly text: string,
		readonly kind: RunKind,
		anchors = anchorsOf(text)
	) {
		const runs = anchors.runs[kind];
		file(this, runs.at, runs.from);
	}
}

/** The runs a pattern may open with, and their characters. */
export type RunKind = 'space' | 'blank';
const RUN_OPENERS: [RunKind, string][] = [
	['space', String.raw`\s+`],
	['blank', String.raw`[ \t]+`]
];

/** Reused between documents: anchors in text order, a pattern's candidates (indices of anchors) and their set. */
let scratch = new Int32Array(4096);
let candidates = new Int32Array(1024);
let chosen = new Int32Array(32);

const openings = new WeakMap<RegExp, Openings | null>();
const runOpenings = new WeakMap<RegExp, (Openings & { run: RunKind }) | null>();

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
	return openingsFrom(re.source, re)?.openings ?? null;
}

/** The openings of a source, tried through a sticky copy of re. */
function openingsFrom(source: string, re: RegExp): { openings: Openings; firstChars: number[] } | null {
	const prefixes = openingStrings(source, WIDTH);
	if (!prefixes) return null;
	const two = new Uint32Array((HASH_MASK + 1) >>> 5);
	const one = new Uint32Array((HASH_MASK + 1) >>> 5);
	const buckets = new Set<number>();
	const firstChars = new Set<number>();
	for (const p of prefixes) {
		const h = p.length === 2 && p[1] !== ANY ? hashOf(p.charCodeAt(0), p.charCodeAt(1)) : hashOf(p.charCodeAt(0), 0);
		(p.length === 2 && p[1] !== ANY ? two : one)[h >>> 5] |= 1 << (h & 31);
		buckets.add(p.charCodeAt(0) & (BUCKETS - 1));
		firstChars.add(p.charCodeAt(0));
	}
	const sticky = new RegExp(re.source, re.flags.replace('g', '') + 'y');
	return {
		openings: { two, one, buckets: [...buckets].sort((a, b) => a - b), sticky, wide: prefixesOf(source) },
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
 * (hashed: a collision only lets a try through). The two characters filed let through many
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
function runOpeningsOf(re: RegExp): (Openings & { run: RunKind }) | null {
	let o = runOpenings.get(re);
	if (o === undefined) {
		o = readRunOpenings(re);
		runOpenings.set(re, o);
	}
	return o;
}

function readRunOpenings(re: RegExp): (Openings & { run: RunKind }) | null {
	if (re.ignoreCase || re.unicodeSets || !re.global) return null;
	const opener = RUN_OPENERS.find(([, src]) => re.source.startsWith(src) && !'?*+{'.includes(re.source[src.length]));
	// "\s+a|b": the run belongs to the first alternative only.
	if (!opener || hasTopLevelBar(re.source)) return null;
	const [run, src] = opener;
	const rest = openingsFrom(re.source.slice(src.length), re);
	// What follows must not open with the run's own characters, or the run could end earlier.
	if (!rest || rest.firstChars.some((c) => RUNS[run][c])) return null;
	return { ...rest.openings, run };
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
	const n = o ? collect(o, starts) : -1;
	if (!o || n < 0) return null;
	const text = starts.text;
	const at = starts.at;
	const out: RegExpExecArray[] = [];
	const sticky = o.sticky;
	let from = 0;
	for (let c = 0; c < n; c++) {
		const pos = at[candidates[c]];
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
	const runs = o && runsOf(o.run);
	if (!o || !runs) return null;
	const n = collect(o, runs);
	if (n < 0) return null;
	const text = runs.text;
	const { at, from } = runs;
	const out: RegExpExecArray[] = [];
	const sticky = o.sticky;
	let last = 0;
	for (let c = 0; c < n; c++) {
		const begin = from[candidates[c]];
		const end = at[candidates[c]];
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

/**
 * Gathers into candidates, in text order, the anchors whose characters a match may open
 * with; -1 where the pattern may open at most of them, so that one scan of the text costs
 * less than a try at each. The buckets are read one after another, so the anchors are
 * marked in a bit set and read back from it in order.
 */
function collect(o: Openings, filed: Filed): number {
	const { bucketStart, ranks, hashes } = filed;
	const { one, two } = o;
	const total = ranks.length;
	const words = (total + 31) >>> 5;
	if (chosen.length < words) chosen = new Int32Array(words * 2);
	let n = 0;
	for (const b of o.buckets) {
		for (let k = bucketStart[b], end = bucketStart[b + 1]; k < end; k++) {
			const h = hashes[k];
			const h2 = h >>> HASH_BITS;
			const h1 = h & HASH_MASK;
			if (two[h2 >>> 5] & (1 << (h2 & 31)) || one[h1 >>> 5] & (1 << (h1 & 31))) {
				const j = ranks[k];
				chosen[j >>> 5] |= 1 << (j & 31);
				n++;
			}
		}
	}
	if (n * SCAN_COST > filed.text.length) {
		chosen.fill(0, 0, words);
		return -1;
	}
	if (candidates.length < n) candidates = new Int32Array(n * 2);
	let c = 0;
	for (let w = 0; c < n; w++) {
		let bits = chosen[w];
		if (!bits) continue;
		chosen[w] = 0;
		while (bits) {
			const low = bits & -bits;
			candidates[c++] = (w << 5) + 31 - Math.clz32(low);
			bits ^= low;
		}
	}
	return n;
}

/** Thrown for any construct the reader does not know: nothing is claimed then. */
class Unknown extends Error {}

/** Marks a string whose next characters may be anything: "a" then \p{L}. */
const ANY = '\uffff';
const LIMIT = 4000;
/** Characters of text one anchored try costs about as much as scanning (measured on the seed documents). */
const SCAN_COST = 12;
/** Two characters of each opening are hashed and filed. */
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
		this.pos++;
		let look = false;
		if (this.src.startsWith('?:', this.pos)) this.pos += 2;
		else if (/^\?<?[=!]/.test(this.src.slice(this.pos, this.pos + 3))) {
			look = true;
			this.pos += this.src[this.pos + 1] === '<' ? 3 : 2;
		} else if (this.src.startsWith('?<', this.pos)) {
			const close = this.src.indexOf('>', this.pos);
			if (close < 0) throw new Unknown();
			this.pos = close + 1;
		} else if (this.src[this.pos] === '?') throw new Unknown();
		const inner = this.alternation();
		if (this.src[this.pos] !== ')') throw new Unknown();
		this.pos++;
		// A look-around takes no characters: it narrows the openings, which may stay wider.
		return look ? new Set(['']) : inner;
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

/** Below this length a text is scanned whole: filing its word starts would cost more than it saves. */
const MIN_INDEXED = 1_500;

/** The word starts and runs of a text and of its lower case, filed when a pattern first asks; none for a short text. */
export class TextIndex {
	private anchors: Anchors | null = null;
	private readonly words: { text: WordStarts | null; lower: WordStarts | null } = { text: null, lower: null };
	private readonly runs = new Map<string, SpaceRuns>();

	constructor(
		readonly text: string,
		readonly lower: string
	) {}

	private anchorsOrNull(): Anchors | null {
		if (this.text.length < MIN_INDEXED) return null;
		return (this.anchors ??= anchorsOf(this.text));
	}

	/** The word starts of the text or of its lower case, or null for a short text. */
	wordStarts(lower: boolean): WordStarts | null {
		const anchors = this.anchorsOrNull();
		if (!anchors) return null;
		const key = lower ? 'lower' : 'text';
		return (this.words[key] ??= new WordStarts(lower ? this.lower : this.text, anchors));
	}

	/** The runs of one kind in the text or its lower case, or null for a short text. */
	spaceRuns(lower: boolean, kind: RunKind): SpaceRuns | null {
		const anchors = this.anchorsOrNull();
		if (!anchors) return null;
		const key = `${lower ? 'lower' : 'text'} ${kind}`;
		let runs = this.runs.get(key);
		if (!runs) this.runs.set(key, (runs = new SpaceRuns(lower ? this.lower : this.text, kind, anchors)));
		return runs;
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
