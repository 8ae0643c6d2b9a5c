/**
 * A cheap test that a pattern cannot match anywhere in a document, so that the scan can be
 * skipped. Most cue patterns are long alternations of lexicon words, tried at every space of
 * every document, and most documents hold none of their words. From a pattern's source this
 * reads literals that every match must contain (one of several, for an alternation), and the
 * document keeps a bit set of the three-letter sequences of its lower-cased text (and one of
 * its characters, for literals shorter than three): a literal one of whose sequences is
 * missing is not in the text. The test only ever says "cannot match" truly; where the source
 * is not understood it says "may match", and the scan runs.
 */
import { groupOpening } from './regex-source';

/** One bit per UTF-16 unit, then one per hashed three-unit sequence, in one buffer. */
const UNIT_WORDS = 0x10000 >>> 5;
const GRAM_MASK = 0xffff;

/** Small enough to stay an integer; spreads the sequences of Latin text well enough for a filter. */
const gram = (a: number, b: number, c: number) => (a * 961 + b * 31 + c) & GRAM_MASK;

/** "ſ" matches "s" in a case-insensitive pattern, yet is its own lower case: count it as "s". */
const fold = (c: number) => (c === 0x17f ? 0x73 : c);

/** The characters and three-character sequences of a document's lower-cased text (see lowerSameLength). */
export class Trigrams {
	private readonly bits = new Int32Array(UNIT_WORDS + ((GRAM_MASK + 1) >>> 5));
	/**
	 * mayMatch's answers for this text by the pattern's number (see requirementOf), 1 for may,
	 * 2 for cannot: rules ask about the same pattern sentence after sentence.
	 */
	readonly answers: number[] = [];

	constructor(lower: string) {
		const bits = this.bits;
		let a = 0;
		let b = 0;
		for (let i = 0; i < lower.length; i++) {
			const c = fold(lower.charCodeAt(i));
			bits[c >>> 5] |= 1 << (c & 31);
			if (i >= 2) {
				const h = gram(a, b, c);
				bits[UNIT_WORDS + (h >>> 5)] |= 1 << (h & 31);
			}
			a = b;
			b = c;
		}
	}

	/** Whether one bit (see probeOf) is set. */
	has(bit: number): boolean {
		return (this.bits[bit >>> 5] & (1 << (bit & 31))) !== 0;
	}

	/** Whether every bit of bits[from..to) is set (see probeOf): false only when the text cannot hold the literal they stand for. */
	hasAll(bits: Int32Array, from: number, to: number): boolean {
		const own = this.bits;
		for (let i = from; i < to; i++) {
			const b = bits[i];
			if (!(own[b >>> 5] & (1 << (b & 31)))) return false;
		}
		return true;
	}
}

/**
 * The bits a text holding s (in lower case) has set: its characters when shorter than
 * three, else its three-character sequences. Computed once per literal of a pattern, so
 * that a document's test is a loop over set bits, not a hashing of every literal again.
 */
function probeOf(s: string): Int32Array {
	if (s.length < 3) {
		const probe = new Int32Array(s.length);
		for (let i = 0; i < s.length; i++) probe[i] = fold(s.charCodeAt(i));
		return probe;
	}
	const probe = new Int32Array(s.length - 2);
	for (let i = 2; i < s.length; i++) {
		probe[i - 2] = (UNIT_WORDS << 5) + gram(fold(s.charCodeAt(i - 2)), fold(s.charCodeAt(i - 1)), fold(s.charCodeAt(i)));
	}
	return probe;
}

/** Literals every match holds: one of each list. */
type Requirement = string[][];

/**
 * One list of a requirement as probes, filed under their first bit: a text that lacks a
 * first character sequence lacks every literal opening with it, so a list of hundreds of
 * lexicon words costs a test per distinct opening, not per word. The probes lie end to end
 * in one array, group after group, so that a test reads memory in order.
 */
interface AnyOf {
	/** A literal of no characters: every text holds it. */
	always: boolean;
	/** The first bit of each group's probes. */
	firsts: Int32Array;
	/** Per group, the index in probeEnd after its last probe. */
	groupEnd: Int32Array;
	/** Per probe, the index in bits after its last bit. */
	probeEnd: Int32Array;
	bits: Int32Array;
}

function anyOf(literals: string[]): AnyOf {
	const byFirst = new Map<number, Int32Array[]>();
	let always = false;
	for (const l of literals) {
		const probe = probeOf(l);
		if (!probe.length) always = true;
		else {
			const group = byFirst.get(probe[0]);
			if (group) group.push(probe);
			else byFirst.set(probe[0], [probe]);
		}
	}
	const groups = [...byFirst.values()];
	const probes = groups.flat();
	const groupEnd = new Int32Array(groups.length);
	const probeEnd = new Int32Array(probes.length);
	const bits = new Int32Array(probes.reduce((n, p) => n + p.length, 0));
	let p = 0;
	let b = 0;
	groups.forEach((group, k) => {
		for (const probe of group) {
			bits.set(probe, b);
			b += probe.length;
			probeEnd[p++] = b;
		}
		groupEnd[k] = p;
	});
	return { always, firsts: Int32Array.from(byFirst.keys()), groupEnd, probeEnd, bits };
}

function holdsAny(grams: Trigrams, list: AnyOf): boolean {
	if (list.always) return true;
	const { firsts, groupEnd, probeEnd, bits } = list;
	let p = 0;
	for (let k = 0; k < firsts.length; k++) {
		const end = groupEnd[k];
		if (grams.has(firsts[k])) {
			// Each probe's first bit is the group's, tested already.
			for (let from = p ? probeEnd[p - 1] : 0; p < end; from = probeEnd[p++]) if (grams.hasAll(bits, from + 1, probeEnd[p])) return true;
		}
		p = end;
	}
	return false;
}

/** Each pattern's requirement as probes (one of each list must be present), and its number among them. */
const requirements = new WeakMap<RegExp, { id: number; lists: AnyOf[] }>();
let patterns = 0;

function requirementOf(re: RegExp): { id: number; lists: AnyOf[] } {
	let req = requirements.get(re);
	if (!req) requirements.set(re, (req = { id: patterns++, lists: requiredLiterals(re).map(anyOf) }));
	return req;
}

/**
 * False only when re cannot match in the document these trigrams were read from, nor in any
 * part of it, its text or its lower-cased text alike.
 */
export function mayMatch(re: RegExp, grams: Trigrams): boolean {
	const { id, lists } = requirementOf(re);
	let answer = grams.answers[id];
	if (answer === undefined) {
		answer = 1;
		for (const list of lists) {
			if (holdsAny(grams, list)) continue;
			answer = 2;
			break;
		}
		grams.answers[id] = answer;
	}
	return answer === 1;
}

/**
 * Lists of lower-case strings such that every match of re
 * contains one string of each list; none where the source gives none, or holds something
 * this reader does not know.
 */
export function requiredLiterals(re: RegExp): Requirement {
	// Classes of the v flag nest and subtract, which this reader does not follow.
	if (re.unicodeSets) return [];
	try {
		const parser = new Parser(re.source, re.flags.includes('i'));
		const r = parser.alternation();
		return parser.done() ? r : [];
	} catch {
		return [];
	}
}

/** Thrown for any construct the reader does not know: no literals are claimed then. */
class Unknown extends Error {}

/** Escaped characters that stand for themselves. */
const SYNTAX = new Set('^$\\.*+?()[]{}|/-,:;!=<>#&~@%\'"`'.split(''));
const CLASS_ESCAPES = new Set('dDwWsSbBpP'.split(''));

class Parser {
	private pos = 0;

	constructor(
		private readonly src: string,
		private readonly ignoreCase: boolean
	) {}

	done(): boolean {
		return this.pos === this.src.length;
	}

	/** Alternatives up to a closing parenthesis or the end: one literal of each alternative's best list. */
	alternation(): Requirement {
		const alternatives: Requirement[] = [];
		for (;;) {
			alternatives.push(this.sequence());
			if (this.src[this.pos] !== '|') break;
			this.pos++;
		}
		if (alternatives.length === 1) return alternatives[0];
		if (alternatives.some((r) => !r.length)) return [];
		return [[...new Set(alternatives.flatMap((r) => r.reduce((a, b) => (score(b) > score(a) ? b : a))))]];
	}

	/** What a sequence requires: its runs of plain characters and its groups, all of them. */
	private sequence(): Requirement {
		const all: Requirement = [];
		let run = '';
		const endRun = () => {
			if (run) all.push([run]);
			run = '';
		};
		while (this.pos < this.src.length && this.src[this.pos] !== '|' && this.src[this.pos] !== ')') {
			const atom = this.atom();
			const q = this.quantifier();
			if (atom.kind === 'char' && q === 'one') {
				run += atom.char;
				continue;
			}
			endRun();
			if (atom.kind === 'group' && q !== 'optional') all.push(...atom.literals);
		}
		endRun();
		// The most telling first; a few lists say enough.
		return all.sort((a, b) => score(b) - score(a)).slice(0, 3);
	}

	private atom(): { kind: 'char'; char: string } | { kind: 'group'; literals: Requirement } | { kind: 'other' } {
		const c = this.src.codePointAt(this.pos)!;
		const ch = String.fromCodePoint(c);
		if (ch === '(') return this.group();
		if (ch === '[') return this.charClass();
		if (ch === '\\') return this.escape();
		this.pos += ch.length;
		if (ch === '.' || ch === '^' || ch === '$') return { kind: 'other' };
		if ('*+?{}'.includes(ch)) throw new Unknown();
		return this.literal(ch);
	}

	/** A literal as it stands in the lower-cased text; a case-insensitive one only where that is certain. */
	private literal(ch: string): { kind: 'char'; char: string } | { kind: 'other' } {
		const lower = ch.toLowerCase();
		if (lower.length !== ch.length) return { kind: 'other' };
		// Beyond Latin-1 (and "µ", which matches "μ") a letter may match one of another lower case.
		const cp = ch.codePointAt(0)!;
		if (this.ignoreCase && (cp > 0xff || cp === 0xb5)) return { kind: 'other' };
		return { kind: 'char', char: lower };
	}

	private group(): { kind: 'group'; literals: Requirement } | { kind: 'other' } {
		const opening = groupOpening(this.src, this.pos + 1);
		if (!opening) throw new Unknown();
		this.pos = opening.pattern;
		const literals = this.alternation();
		if (this.src[this.pos] !== ')') throw new Unknown();
		this.pos++;
		return opening.look ? { kind: 'other' } : { kind: 'group', literals };
	}

	/** "[sS]" is one letter in either case; any other class is no literal. */
	private charClass(): { kind: 'char'; char: string } | { kind: 'other' } {
		let i = this.pos + 1;
		const members: string[] = [];
		let plain = true;
		while (i < this.src.length && this.src[i] !== ']') {
			if (this.src[i] === '\\') {
				plain = false;
				i += 2;
				continue;
			}
			const ch = String.fromCodePoint(this.src.codePointAt(i)!);
			members.push(ch);
			i += ch.length;
		}
		if (i >= this.src.length) throw new Unknown();
		this.pos = i + 1;
		if (plain && members.length === 2 && members[0] !== members[1] && members[0].toLowerCase() === members[1].toLowerCase()) {
			return this.literal(members[0]);
		}
		return { kind: 'other' };
	}

	private escape(): { kind: 'char'; char: string } | { kind: 'other' } {
		const next = this.src[this.pos + 1];
		if (next === undefined) throw new Unknown();
		if (next === 'p' || next === 'P') {
			const close = this.src.indexOf('}', this.pos);
			if (this.src[this.pos + 2] !== '{' || close < 0) throw new Unknown();
			this.pos = close + 1;
			return { kind: 'other' };
		}
		this.pos += 2;
		if (CLASS_ESCAPES.has(next)) return { kind: 'other' };
		if (SYNTAX.has(next)) return this.literal(next);
		// \n, \t, \u00a0, back-references and the rest: nothing claimed.
		if (next === 'u' || next === 'x' || next === 'k' || next === 'c') throw new Unknown();
		return { kind: 'other' };
	}

	/** One, optional (may be absent) or repeated at least once; the quantifier is consumed. */
	private quantifier(): 'one' | 'optional' | 'repeated' {
		const ch = this.src[this.pos];
		let kind: 'one' | 'optional' | 'repeated' = 'one';
		if (ch === '?' || ch === '*') {
			this.pos++;
			kind = 'optional';
		} else if (ch === '+') {
			this.pos++;
			kind = 'repeated';
		} else if (ch === '{') {
			const m = /^\{(\d+)(,\d*)?\}/.exec(this.src.slice(this.pos));
			if (!m) throw new Unknown();
			this.pos += m[0].length;
			kind = Number(m[1]) === 0 ? 'optional' : m[2] === undefined && m[1] === '1' ? 'one' : 'repeated';
		}
		if (kind !== 'one' && this.src[this.pos] === '?') this.pos++;
		// A lazy or repeated single character still stands once, but no longer joins its neighbours.
		else if (kind === 'one' && ch === '{' && this.src[this.pos] === '?') this.pos++;
		return kind;
	}
}

/** A requirement is better the longer its shortest literal, and the fewer literals it has. */
function score(literals: string[]): number {
	return Math.min(...literals.map((l) => l.length)) * 1000 - literals.length;
}
