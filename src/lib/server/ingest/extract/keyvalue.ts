import { LEXICONS } from './lang';
import { memoized } from './memo';
import { NATIONALITIES } from './lexicon';
import { isSpace, spanIndexAt, trimSpan, type Line, type Span } from './text';

/**
 * "Key: value" entries of project banks and project pages. The key may share its line
 * with the value, end a line whose value follows on the next lines, or stand alone as a
 * heading above its value ("Norsk prosjekteier" / blank line / "Sør-Trøndelag fylkeskommune").
 */

export type KvField =
	| 'reference'
	| 'title'
	| 'acronym'
	| 'owner'
	| 'partners'
	| 'funder'
	| 'programme'
	| 'grant'
	| 'budget'
	| 'rate'
	| 'start'
	| 'end'
	| 'period'
	| 'country'
	| 'regions'
	| 'nuts'
	| 'participants'
	| 'companies'
	| 'summary';

export interface KeyValue {
	field: KvField;
	key: string;
	keyStart: number;
	keyEnd: number;
	/** One span per value line, trimmed. */
	values: Span[];
	start: number;
	end: number;
}

/** Field labels of every language (lang/*.ts): a key names the field of its value. */
const KEYS = new Map<KvField, string[]>();
for (const lex of LEXICONS) {
	for (const [field, labels] of Object.entries(lex.labels) as [KvField, string[]][]) {
		KEYS.set(field, [...(KEYS.get(field) ?? []), ...labels]);
	}
}

/** One-word keys that are also ordinary words or menu items: only trusted when followed by a colon. */
const COLON_ONLY = new Set(LEXICONS.flatMap((l) => l.colonOnlyLabels));

const LIST_FIELDS = new Set<KvField>(['partners', 'regions']);

const FIELD_OF = new Map<string, KvField>();
// The first field to claim a label keeps it: lexicons list a label under one field each.
for (const [field, keys] of KEYS) {
	for (const k of keys) if (!FIELD_OF.has(k)) FIELD_OF.set(k, field);
}

/** Nationality in front of a key ("Norsk prosjekteier", "Swedish lead partner") does not change its meaning. */
const NATIONALITY = new RegExp(String.raw`^(?:${NATIONALITIES})\s+`);

/** The field a key names: asked of every line and header cell, often of the same label. */
export function fieldOfKey(key: string): KvField | null {
	// Most lines open with no label's first four letters; looking a new string up in the cache
	// cost more than this test (about 2 % of a document, most of it lines that name no field).
	return mayNameField(key) ? fieldOfKeyCached(key) : null;
}

const fieldOfKeyCached = memoized(fieldOfKeyUncached);

/** How many characters of a key are compared. */
const OPENING = 4;
/**
 * The openings of every label and of every nationality before one, lower-cased: the first four
 * characters of those that long, the whole of shorter ones, hashed with their length into bits
 * (a collision only lets a key through). A label beyond Latin-1 or of one character lets every key through.
 */
const OPENING_BITS = new Uint32Array(1 << 11);
let everyOpening = false;
for (const w of [...FIELD_OF.keys(), ...LEXICONS.flatMap((l) => l.nationalities)]) {
	const opening = w.toLowerCase().slice(0, OPENING);
	if (opening.length < 2 || [...opening].some((c) => c.charCodeAt(0) > 0xff)) {
		everyOpening = true;
		continue;
	}
	let h = 0;
	for (let i = 0; i < opening.length; i++) h = step(h, opening.charCodeAt(i));
	const bit = openingBit(h, opening.length);
	OPENING_BITS[bit >>> 5] |= 1 << (bit & 31);
}

function step(h: number, c: number): number {
	return (Math.imul(h, 31) + c) | 0;
}

function openingBit(h: number, length: number): number {
	return Math.imul(h ^ (length << 24), 0x9e3779b1) >>> 16;
}

function hasOpening(h: number, length: number): boolean {
	const bit = openingBit(h, length);
	return (OPENING_BITS[bit >>> 5] & (1 << (bit & 31))) !== 0;
}

/**
 * False only where fieldOfKeyUncached surely finds nothing: every key it maps opens, once
 * lower-cased and trimmed with its white space collapsed, with a label or a nationality, unless
 * parentheses are taken out of it or an acronym leads it ("NPA funding").
 */
function mayNameField(key: string): boolean {
	if (everyOpening || key.includes('(')) return true;
	let i = 0;
	while (i < key.length && isSpace(key.charCodeAt(i))) i++;
	const a = key.charCodeAt(i);
	const b = key.charCodeAt(i + 1);
	if (isLatin1Upper(a) && (isLatin1Upper(b) || (b >= 0x30 && b <= 0x39) || b === 0x2b || b === 0x2d)) return true;
	let h = 0;
	let n = 0;
	let space = false;
	for (; i < key.length && n < OPENING; i++) {
		const c = key.charCodeAt(i);
		if (c > 0xff) return true;
		if (isSpace(c)) {
			// A run of white space reads as one space.
			if (space) continue;
			space = true;
			h = step(h, 0x20);
		} else {
			space = false;
			h = step(h, latin1Lower(c));
		}
		n++;
		if (n >= 2 && hasOpening(h, n)) return true;
	}
	return n < OPENING;
}

/** A-Z and À-Þ but ×: the Latin-1 capitals, each 0x20 below its small letter. */
function isLatin1Upper(c: number): boolean {
	return (c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0xde && c !== 0xd7);
}

function latin1Lower(c: number): number {
	return isLatin1Upper(c) ? c + 0x20 : c;
}

/** The lexicons' reading of a key, before the test and the cache (exported for the test that they agree). */
export function fieldOfKeyUncached(key: string): KvField | null {
	const k = key.toLowerCase().replace(/\s+/g, ' ').replace(/\s*:$/, '').trim();
	// "EU funding (ERDF)", "Beviljat belopp (kr)": the qualifier does not change the key.
	const bare = k.includes('(') ? k.replace(/\s*\([^)]*\)\s*/g, ' ').trim() : k;
	const field =
		FIELD_OF.get(k) ??
		FIELD_OF.get(k.replace(NATIONALITY, '')) ??
		FIELD_OF.get(bare) ??
		FIELD_OF.get(bare.replace(NATIONALITY, '')) ??
		null;
	if (field) return field;
	// "NPA funding", "EEA grant": a programme's acronym before a grant label still names the grant.
	const acronym = ACRONYM_LEAD.exec(key);
	if (acronym && FIELD_OF.get(bare.slice(acronym[0].length)) === 'grant') return 'grant';
	// "Tilskudd fra Nordland fylkeskommune", "Stöd från Tillväxtverket": a grant label that names its source.
	const source = bare.includes(' fr') ? GRANT_SOURCE.exec(bare) : null;
	return source && FIELD_OF.get(bare.slice(0, source.index)) === 'grant' ? 'grant' : null;
}

const ACRONYM_LEAD = /^\s*\p{Lu}[\p{Lu}\d+-]{1,9}\s+(?=\p{L})/u;
const GRANT_SOURCE = /\s+(?:fra|frå|från|from)\s+\S.*$/u;

const COLON_LINE = /^[ \t]*([\p{L}][^:\n]{0,60}?)[ \t]*:(?!\/\/)[ \t]*(.*)$/u;
const TAB_LINE = /^[ \t]*([\p{L}][^\t\n]{0,60}?)\t+(.+)$/u;
const BULLET = /^[ \t]*(?:[•·▪○◦‣∙*]|[-–—](?=\s)|\d{1,2}[.)](?=\s))/u;

interface KeyLine {
	field: KvField | null;
	keyStart: number;
	keyEnd: number;
	inline: Span | null;
	header: boolean;
}

function keyLine(line: Line): KeyLine | null {
	if (line.blank) return null;
	const bullet = BULLET.exec(line.text);
	if (bullet) return bulletLabel(line, bullet[0].length);
	// Most lines hold no colon and no tab: the patterns that need one are not tried on them.
	const colon = line.text.includes(':') ? COLON_LINE.exec(line.text) : null;
	if (colon && colon[1].trim().split(/\s+/).length <= 6 && !/[.!?]\s/.test(colon[1])) {
		const keyStart = line.start + colon.index + colon[0].indexOf(colon[1]);
		const valueText = colon[2];
		const inline = valueText.trim() ? trimSpan(line.text, colon[0].length - valueText.length, colon[0].length) : null;
		return {
			field: fieldOfKey(colon[1]),
			keyStart,
			keyEnd: keyStart + colon[1].length,
			inline: inline ? { start: line.start + inline.start, end: line.start + inline.end } : null,
			header: false
		};
	}
	const tab = line.text.includes('\t') ? TAB_LINE.exec(line.text) : null;
	if (tab) {
		const field = fieldOfKey(tab[1]);
		if (!field) return null;
		const keyStart = line.start + line.text.indexOf(tab[1]);
		const valueOffset = line.text.length - tab[2].length;
		const v = trimSpan(line.text, valueOffset, line.text.length);
		return {
			field,
			keyStart,
			keyEnd: keyStart + tab[1].length,
			inline: { start: line.start + v.start, end: line.start + v.end },
			header: false
		};
	}
	const glued = gluedKey(line);
	if (glued) return glued;
	const header = headerKey(line);
	return header && !COLON_ONLY.has(header.key) ? header.line : null;
}

/** A line that holds nothing but a label: a heading over its value. */
function headerKey(line: Line): { key: string; line: KeyLine } | null {
	const whole = line.text.trim();
	if (whole.length > 60) return null;
	const field = fieldOfKey(whole);
	if (!field) return null;
	const keyStart = line.start + line.text.indexOf(whole);
	return { key: whole.toLowerCase(), line: { field, keyStart, keyEnd: keyStart + whole.length, inline: null, header: true } };
}

/** How many lines away another heading makes a lone ordinary-word label ("Period", "Beneficiary") a heading too. */
const STACKED_REACH = 4;

/** Labels longest first, for keys glued to their value. */
const GLUE_LABELS = [...FIELD_OF.keys()].filter((k) => k.length >= 4).sort((a, b) => b.length - a.length);
/** The labels under their first four letters, still longest first: a line is only tried against labels it can start with. */
const GLUE_BY_HEAD = new Map<string, string[]>();
for (const k of GLUE_LABELS) GLUE_BY_HEAD.set(k.slice(0, 4), [...(GLUE_BY_HEAD.get(k.slice(0, 4)) ?? []), k]);

/**
 * A fact box whose cells lost their separator when the page was flattened to text:
 * "ProjektägareKommunledningskontoret", "Beviljat ESF-stöd4 011 807 kr". The label must
 * open the line and the value start with a capital or a digit right after it.
 */
function gluedKey(line: Line, inBox = false): KeyLine | null {
	// Most lines open with a printable ASCII character: only the others are trimmed to find their text.
	const c0 = line.text.charCodeAt(0);
	const lead = c0 > 0x20 && c0 < 0x7f ? 0 : line.text.length - line.text.trimStart().length;
	// Most lines open with no label: their head alone is lower-cased to tell.
	const labels = GLUE_BY_HEAD.get(line.text.slice(lead, lead + 4).toLowerCase());
	if (!labels) return null;
	const t = line.text.slice(lead, lead + 64).toLowerCase();
	// Longest first, but a longer label may swallow the value's first letter ("RegionSogn", not "Regions|ogn").
	for (const label of labels) {
		if (!t.startsWith(label)) continue;
		const next = line.text.slice(lead + label.length);
		if (!/^[\p{Lu}\d€£$]/u.test(next) || !/\p{Ll}/u.test(line.text[lead + label.length - 1])) continue;
		// A short label ("Grant€450,000", "Stöd1 200 000") is glued only to a sum.
		if (label.length < 6 && !/^[\d€£$]/u.test(next)) continue;
		// A label that is also an ordinary word ("Tilskud") counts glued only to a number, or
		// inside a box of glued keys ("Projektperiod2010-08-02 …" / "RegionNorra Mellansverige").
		if (COLON_ONLY.has(label) && !/^\d/.test(next) && !inBox) continue;
		const keyStart = line.start + lead;
		const v = trimSpan(line.text, lead + label.length, line.text.length);
		if (v.end <= v.start) continue;
		return {
			field: FIELD_OF.get(label)!,
			keyStart,
			keyEnd: keyStart + label.length,
			inline: { start: line.start + v.start, end: line.start + v.end },
			header: false
		};
	}
	return null;
}

/**
 * A fact box written as a list: "• Startdato" with its value on the next line. Only a
 * bullet that holds nothing but a known label is a key; any other list item is content.
 */
function bulletLabel(line: Line, skip: number): KeyLine | null {
	const whole = line.text.slice(skip).trim().replace(/\s*:$/, '');
	if (!whole || whole.length > 60) return null;
	const field = fieldOfKey(whole);
	if (!field) return null;
	const keyStart = line.start + line.text.indexOf(whole, skip);
	return { field, keyStart, keyEnd: keyStart + whole.length, inline: null, header: true };
}

function looksLikeListLine(line: Line): boolean {
	const t = line.text.trim();
	return t.length > 0 && t.length <= 200 && !/[.!?]$/.test(t.replace(/\b(?:Ltd|Inc|Co|S\.A|a\.s)\.$/i, 'x')) && !/^\p{Ll}/u.test(t);
}

/** Fields whose label may also head a sum ("Finansiering: Regionalfonden" / "Finansiering: 19 500 000"). */
const NAME_OR_SUM = new Set<KvField>(['programme', 'funder']);

/** Every recognised key with its value lines. Unrecognised "Key:" lines only end a value. */
export function parseKeyValues(lines: Line[]): KeyValue[] {
	return readKeyValues(lines).map((e) => (NAME_OR_SUM.has(e.field) && isSum(lines, e) ? { ...e, field: 'grant' } : e));
}

/** Whether an entry's value is a number, not a name: then its label named the sum granted. */
function isSum(lines: Line[], e: KeyValue): boolean {
	const v = e.values[0];
	const line = lines[spanIndexAt(lines, v.start)];
	const value = line ? line.text.slice(v.start - line.start, v.end - line.start) : '';
	// "Program: 2014–2020" names a period, not a sum.
	return /^\d/.test(value) && !/^(?:19|20)\d{2}(?:\s*[-–—/]\s*(?:19|20)?\d{2})?\b/.test(value);
}

function readKeyValues(lines: Line[]): KeyValue[] {
	const keys = lines.map(keyLine);
	const glued = (k: KeyLine | null | undefined, l: Line | undefined) => !!k?.inline && !!l && !/:/.test(l.text.slice(0, 64));
	for (let i = 0; i < lines.length; i++) {
		if (keys[i] || !(glued(keys[i - 1], lines[i - 1]) || glued(keys[i + 1], lines[i + 1]))) continue;
		keys[i] = gluedKey(lines[i], true);
	}
	// Kohesio-style pages stack every label over its value: there "Beneficiary" alone on a
	// line is a heading as surely as "Total budget" is.
	const headers = keys.map((k) => !!k?.header && !!k.field);
	for (let i = 0; i < lines.length; i++) {
		if (keys[i]) continue;
		let near = false;
		for (let j = Math.max(0, i - STACKED_REACH); j <= i + STACKED_REACH && j < lines.length && !near; j++) near = headers[j];
		if (near) keys[i] = headerKey(lines[i])?.line ?? null;
		// A box read so far reaches on: "Fund" over its value makes "Programme" below it a heading too.
		if (keys[i]?.header && keys[i]?.field) headers[i] = true;
	}
	const out: KeyValue[] = [];
	for (let i = 0; i < lines.length; i++) {
		const k = keys[i];
		if (!k || !k.field) continue;
		const values: Span[] = [];
		let end = k.keyEnd;
		if (k.inline) {
			values.push(k.inline);
			end = k.inline.end;
		} else {
			let j = i + 1;
			let blanks = 0;
			const list = LIST_FIELDS.has(k.field);
			let afterLead = false;
			for (; j < lines.length; j++) {
				const line = lines[j];
				// An unknown "Key:" line ends a value, but can itself be the value ("Namn:" / "X: Subtitle").
				if (keys[j] && (keys[j]!.field || values.length || afterLead)) {
					// "Partners" / "Lead Partner: X (Finland)" / "Y (Norway)": the lead's own line opens the list, the rest are partners.
					if (k.field === 'partners' && !values.length && !afterLead && keys[j]!.field === 'owner' && keys[j]!.inline) {
						afterLead = true;
						continue;
					}
					break;
				}
				if (line.blank) {
					blanks++;
					// Values sit right below their key or after one blank line; a list may be spaced out.
					if (values.length && !list && k.field !== 'summary') break;
					if (blanks > 2 && !values.length) break;
					continue;
				}
				if (values.length && blanks && list && (!looksLikeListLine(line) || endsBulletList(lines, values, line))) break;
				if (values.length && blanks && k.field === 'summary') break;
				if (values.length && !list && k.field !== 'summary') break;
				const v = trimSpan(line.text, 0, line.text.length);
				// "Lead partner" / "Project partner marker": a page's legend under a label is no value.
				if (isLabelLike(line.text.slice(v.start, v.end))) break;
				values.push({ start: line.start + v.start, end: line.start + v.end });
				end = line.end;
				blanks = 0;
			}
			if (!values.length) continue;
		}
		const key = lines[i].text.slice(k.keyStart - lines[i].start, k.keyEnd - lines[i].start);
		if (k.inline) out.push(...inlinePairs(lines[i], k.field, k.keyStart, k.keyEnd, k.inline));
		else out.push({ field: k.field, key, keyStart: k.keyStart, keyEnd: k.keyEnd, values, start: k.keyStart, end });
	}
	return out;
}

/** A list written as bullets ends at the first line after a blank that is no bullet ("Contact"). */
function endsBulletList(lines: Line[], values: Span[], line: Line): boolean {
	const first = lines[spanIndexAt(lines, values[0].start)];
	return !!first && BULLET.test(first.text) && !BULLET.test(line.text);
}

function isLabelLike(value: string): boolean {
	const words = value.split(/\s+/);
	return words.length <= 4 && (!!fieldOfKey(value) || (words.length > 1 && !!fieldOfKey(words.slice(0, -1).join(' '))));
}

const NEXT_PAIR = /[ \t]+[–—|;][ \t]+([\p{L}][^:–—|;\n]{0,40}?)[ \t]*:[ \t]+/gu;
/** "Teknopol ABFinansiering: 19 500 000": a fact box flattened without cell separators glues the next key to the value. */
const GLUED_PAIR = /(?<=[\p{L}\d.)])(\p{Lu}\p{Ll}[^:–—|;\n]{0,40}?)[ \t]*:[ \t]+/gu;

/**
 * "Totalbudsjett: 1 704 753 EUR – EU-midler: 706 390 EUR – IR-midler: 3 090 000 NOK": a fact
 * box written on one line holds several pairs; each known key starts a value of its own.
 */
function inlinePairs(line: Line, field: KvField, keyStart: number, keyEnd: number, inline: Span): KeyValue[] {
	const out: KeyValue[] = [];
	const from = inline.start - line.start;
	const rest = line.text.slice(from, inline.end - line.start);
	let current = { field, keyStart, keyEnd, valueStart: inline.start };
	const close = (valueEnd: number) => {
		const v = trimSpan(line.text, current.valueStart - line.start, valueEnd - line.start);
		const start = line.start + v.start;
		const end = line.start + v.end;
		if (end > start) {
			const key = line.text.slice(current.keyStart - line.start, current.keyEnd - line.start);
			out.push({
				field: current.field,
				key,
				keyStart: current.keyStart,
				keyEnd: current.keyEnd,
				values: [{ start, end }],
				start: current.keyStart,
				end
			});
		}
	};
	const pairs = [...rest.matchAll(NEXT_PAIR), ...rest.matchAll(GLUED_PAIR)].sort((a, b) => a.index - b.index);
	for (const m of pairs) {
		const next = fieldOfKey(m[1]);
		if (!next) continue;
		const at = inline.start + m.index;
		if (at < current.valueStart) continue;
		close(at);
		const ks = at + m[0].indexOf(m[1]);
		current = { field: next, keyStart: ks, keyEnd: ks + m[1].length, valueStart: at + m[0].length };
	}
	close(inline.end);
	return out;
}
