import { judgeAmount } from './aggregates';
import { defaultCurrency, labelMoney, parseNumber, type AmountMention } from './amounts';
import type { Doc } from './doc';
import { foundBy, type Found } from './found';
import { RULES } from './rules';
import { fieldOfKey, type KeyValue, type KvField } from './keyvalue';
import { isOrgWord, orgScore } from './names';
import { findOwners } from './organisations';
import { COUNTRY_NAMES, countryOfNameOrCode, isPlaceName } from './places';
import {
	AMOUNT_FILLERS,
	FUNCTION_WORDS,
	LEGAL_FORMS,
	NAME_CONNECTORS,
	OWNER_ROLES,
	PARTNER_CUES,
	PROJECT_MARKERS,
	RECEIVE_VERBS,
	TABLE_HEADERS,
	COUNTY_WORDS
} from './lexicon';
import { acceptableTitle, chooseTitle, findTitleMentions, isTotalLabel } from './titles';
import { collapse, countParts, norm, spanIndexAt, testNotAfterLetter, trimSpan, type Line, type Span } from './text';

/**
 * The shape of a document decides how it splits into projects: one project described in
 * prose or key:value form, several key:value entries, a list or table of granted projects,
 * or several grant sentences ("X kommun får 6,5 miljoner kronor till projektet Y").
 */

export type Unit =
	| { kind: 'single' }
	| { kind: 'entry'; span: Span; entries: KeyValue[]; heading: Found<string> | null }
	| {
			kind: 'item';
			span: Span;
			title: Found<string>;
			owner: Found<string> | null;
			amount: AmountMention | null;
			/** Names in a table's further name columns ("Leadpartner | Norsk prosjekteier | Partner"). */
			partners?: Found<string>[];
			/** A table's country column ("Country | DK"): where this row's project runs. */
			country?: Found<string>;
	  };

export function splitProjects(doc: Doc): Unit[] {
	const entries = entryBlocks(doc);
	if (entries.length >= 2) return entries;
	// A project page or project-bank entry describes one project, whatever lists it holds.
	if (new Set(doc.kv.map((e) => e.field)).size >= 3) return [{ kind: 'single' }];
	const items = listItems(doc);
	if (items.length >= 2) return items;
	const grants = grantSentences(doc);
	if (grants.length >= 2) return grants;
	const sections = headedSections(doc);
	if (sections.length >= 2) return sections;
	return [{ kind: 'single' }];
}

const IDENTIFYING = new Set(['title', 'reference', 'owner', 'acronym']);

/**
 * Key:value entries start over when the same key comes again, or a second name or case
 * number: "Norsk prosjekteier" and "Svensk projektägare" are two keys of one entry.
 */
function entryBlocks(doc: Doc): Unit[] {
	const blocks: KeyValue[][] = [];
	let current: KeyValue[] = [];
	let seen = new Set<string>();
	for (const e of doc.kv) {
		const key = e.key.toLowerCase();
		// "Project name (SV)" / "Project name (EN)": one name in two languages, not a second entry.
		const translation = current.some((c) => c.field === e.field && bareKey(c.key) === bareKey(e.key) && c.key !== e.key);
		if (seen.has(key) || (!translation && (e.field === 'title' || e.field === 'reference') && current.some((c) => c.field === e.field))) {
			blocks.push(current);
			current = [];
			seen = new Set();
		}
		current.push(e);
		seen.add(key);
	}
	if (current.length) blocks.push(current);
	// Where entries are named, a block without a name is part of the next (or last) entry:
	// a page's partner box above its project box, not a project of its own.
	const named = (b: KeyValue[]) => b.some((e) => e.field === 'title' || e.field === 'acronym' || e.field === 'reference');
	if (blocks.some(named)) {
		for (let b = blocks.length - 1; b >= 0; b--) {
			if (named(blocks[b]) || blocks.length < 2) continue;
			const [block] = blocks.splice(b, 1);
			if (b < blocks.length) blocks[b] = [...block, ...blocks[b]];
			else blocks[b - 1] = [...blocks[b - 1], ...block];
		}
	}
	if (blocks.length < 2) return [];
	const units: Unit[] = [];
	let prevEnd = 0;
	for (let b = 0; b < blocks.length; b++) {
		const block = blocks[b];
		if (!block.some((e) => IDENTIFYING.has(e.field))) return [];
		const end = b + 1 < blocks.length ? sectionStart(doc, block[block.length - 1].end, blocks[b + 1][0].start) : doc.text.length;
		const heading = block.some((e) => e.field === 'title') ? null : headingBefore(doc, prevEnd, block[0].start);
		const start = heading ? heading.start : sectionStart(doc, prevEnd, block[0].start);
		units.push({ kind: 'entry', span: { start, end }, entries: block, heading });
		prevEnd = block[block.length - 1].end;
	}
	return units;
}

function bareKey(key: string): string {
	return key
		.toLowerCase()
		.replace(/\s*\([^)]*\)\s*/g, ' ')
		.trim();
}

/**
 * Where the section of a fact box begins: the heading right above it, or a heading above the
 * prose that introduces it ("Fler entreprenörer" / "… projektet Business Incubation 2020 …" /
 * "Projektägare: Teknopol AB"), so that the prose belongs to its own fact box.
 */
function sectionStart(doc: Doc, floor: number, pos: number): number {
	const direct = headingBefore(doc, floor, pos);
	if (direct) return direct.start;
	const lines = doc.seg.lines;
	for (let i = spanIndexAt(lines, pos) - 1; i > 0; i--) {
		const line = lines[i];
		if (line.start < floor) break;
		if (line.blank || !lines[i - 1].blank) continue;
		const value = line.text.trim();
		if (value && value.length <= 120 && !/[.!?:]$/.test(value) && !/^\p{Ll}/u.test(value)) return line.start + line.text.indexOf(value);
	}
	return pos;
}

/** The line just above pos, after floor, if it reads as a heading (a short line without a full stop). */
function headingBefore(doc: Doc, floor: number, pos: number): Found<string> | null {
	const lines = doc.seg.lines;
	for (let i = spanIndexAt(lines, pos) - 1; i >= 0; i--) {
		const line = lines[i];
		if (line.start < floor) return null;
		if (line.blank) continue;
		const t = trimSpan(doc.text, line.start, line.end);
		const value = doc.text.slice(t.start, t.end);
		if (value.length > 120 || /[.!?:]$/.test(value)) return null;
		return foundBy(value, t.start, t.end, 'title.heading');
	}
	return null;
}

const BULLET = /^[ \t]*(?:[•·▪○◦‣∙*]|[-–—](?=\s)|\(?\d{1,2}[.)](?=\s))[ \t]*/u;
const MARKER = new RegExp(String.raw`^(?:${PROJECT_MARKERS})(?:[ \t]*:[ \t]*|[ \t]+)`, 'iu');
const STRONG_SEPARATOR = /:[ \t]+|\t+|[ \t]+\|[ \t]+/;
const DASH_SEPARATOR = /[ \t]+[–—-][ \t]+/;
const TRAILING_PAREN = /\s*\(([^()]{2,80})\)\s*$/u;
const COUNTRY_PAREN = new RegExp(String.raw`\s*\((?:${COUNTRY_NAMES})\)\s*$`, 'u');

interface Part {
	start: number;
	end: number;
}

function clean(doc: Doc, p: Part): Part {
	let { start, end } = p;
	const text = doc.text;
	while (start < end && /[\s,;:–—(-]/.test(text[start])) start++;
	while (end > start && /[\s,;:–—(-]/.test(text[end - 1])) end--;
	return { start, end };
}

type ItemUnit = Extract<Unit, { kind: 'item' }>;

const QUOTED_PART = /^[«"“„'‘][^«»"“”„]+["»”“'’]$/u;

function unquote(p: Part): Part {
	return { start: p.start + 1, end: p.end - 1 };
}

const PAREN_ROLE = new RegExp(String.raw`^(?:${OWNER_ROLES})\s+`, 'iu');
const TRAILING_RECEIVE = new RegExp(String.raw`[ \t]+(?:${RECEIVE_VERBS})(?:[ \t]+(?:${AMOUNT_FILLERS}))*[ \t]*$`, 'iu');
const RECEIVE_WORD = new RegExp(String.raw`(?:${RECEIVE_VERBS})(?![\p{L}])`, 'giu');

/**
 * One line of a list or table of granted projects: "Owner: Prosjekt Name",
 * "Name – Owner, 2,5 mill. kr", "Name (led by Owner) – NOK 3 million", or a grant
 * sentence in a bullet. Returns null for ordinary bullets and running text.
 */
function parseItem(doc: Doc, line: Line, order: ListOrder): ItemUnit | null {
	const text = doc.text;
	const bullet = BULLET.exec(line.text);
	const content = trimSpan(text, line.start + (bullet ? bullet[0].length : 0), line.end);
	if (content.end - content.start < 3 || content.end - content.start > 300) return null;
	const amount = doc.amounts.find((a) => a.start >= content.start && a.end <= content.end && !judgeAmount(doc, a, null).aggregate) ?? null;
	const structured = splitItem(doc, bullet ? namingSentence(doc, content) : content, amount, !!bullet, order, content);
	if (structured || (structured === null && !bullet)) return structured;
	if (!bullet) return null;
	const described = nameThenSentences(doc, content);
	if (described) return described;
	// A grant sentence in a bullet: "Luleå kommun får 6,5 miljoner kronor till projektet Y".
	const title = chooseTitle(doc, findTitleMentions({ doc, scope: content }));
	const owner = bestOwner(doc, content);
	return title && (amount || owner) ? { kind: 'item', span: content, title, owner, amount } : null;
}

/**
 * "Grønn grense – prosjekteier: Nord universitet. EU-midler: 640 000 euro.": a short name, a
 * dash, then sentences about the project that name its owner and its sum.
 */
function nameThenSentences(doc: Doc, content: Span): ItemUnit | null {
	const text = doc.text;
	const dash = DASH_SEPARATOR.exec(text.slice(content.start, content.end));
	if (!dash || dash.index === 0) return null;
	const titlePart = clean(doc, { start: content.start, end: content.start + dash.index });
	const titleText = collapse(text.slice(titlePart.start, titlePart.end));
	if (titleText.split(/\s+/).length > 8 || !acceptableTitle(doc, titleText) || testNotAfterLetter(RECEIVE_WORD, titleText)) return null;
	// "Skog og tre i skolen" holds a kind word but reads as a name in sentence case, not a body.
	if (orgScore(titleText, doc.judge) >= 0.7 && !sentenceCaseWords(titleText)) return null;
	const rest = { start: content.start + dash.index + dash[0].length, end: content.end };
	const owner = bestOwner(doc, rest);
	const amount = doc.amounts.find((a) => a.start >= rest.start && a.end <= rest.end && !judgeAmount(doc, a, titleText).aggregate) ?? null;
	if (!owner || !amount) return null;
	return { kind: 'item', span: content, title: foundBy(titleText, titlePart.start, titlePart.end, 'title.list'), owner, amount };
}

/**
 * The parts of an item separated by ": ", a tab or a dash, once its amount is taken out.
 * Undefined when the line has no such structure, null when it has one but is no project.
 */
function splitItem(
	doc: Doc,
	content: Span,
	amount: AmountMention | null,
	bullet: boolean,
	order: ListOrder,
	span: Span = content
): ItemUnit | null | undefined {
	const text = doc.text;
	let body: Part = content;
	if (amount && amount.start >= content.start && amount.end <= content.end) {
		const before = clean(doc, { start: content.start, end: amount.start });
		body = before.end - before.start >= 3 ? before : clean(doc, { start: amount.end, end: content.end });
		// "Malmö stad får 2,4 miljoner": the verb that led to the amount belongs to neither name.
		// Only where a separator splits the rest: a bare "X får 6 miljoner till projektet Y" is a grant sentence.
		const rest = text.slice(body.start, body.end);
		const tail = TRAILING_RECEIVE.exec(rest);
		// "Matlandet Ydre (Ydre kommun) får 800 000 kronor": an owner in parentheses is such a split too.
		if (
			tail &&
			tail.index > 0 &&
			(STRONG_SEPARATOR.test(rest) || DASH_SEPARATOR.test(rest) || TRAILING_PAREN.test(rest.slice(0, tail.index)))
		)
			body = clean(doc, { start: body.start, end: body.start + tail.index });
	}
	const bodyText = text.slice(body.start, body.end);
	const strong = STRONG_SEPARATOR.exec(bodyText);
	// Outside bullets only "Owner: Name" lines count; a dash is too common in running text.
	if (!bullet && !strong) return undefined;
	const dash = DASH_SEPARATOR.exec(bodyText);
	// "Grenseløs helse – prosjekteier: Høgskolen i Innlandet": the dash parts name and owner; the colon is the role's.
	const roleAfterDash = !!dash && (!strong || dash.index < strong.index) && PAREN_ROLE.test(bodyText.slice(dash.index + dash[0].length));
	const sep = (roleAfterDash ? dash : strong) ?? dash ?? commaBetweenNameAndOwner(doc, body, !!order.known);
	const parts: Part[] = sep
		? [
				{ start: body.start, end: body.start + sep.index },
				{ start: body.start + sep.index + sep[0].length, end: body.end }
			]
		: [body];
	const cleaned = parts.map((p) => clean(doc, withoutPartners(doc, p))).filter((p) => p.end > p.start);
	if (!cleaned.length) return null;
	// Running text is no list item: no part of an item holds a sentence break or a grant verb.
	if (cleaned.some((p) => /[.!?]\s+\p{Lu}/u.test(text.slice(p.start, p.end)))) return null;

	const judge = doc.judge;
	const marked = cleaned.findIndex((p) => {
		const m = MARKER.exec(text.slice(p.start, p.end));
		return !!m && /^[\p{Lu}\d«"“]/u.test(text.slice(p.start + m[0].length, p.end));
	});
	let titlePart: Part;
	let ownerPart: Part | null = null;
	let owner: Found<string> | null = null;
	// A part that states its role ("led by X", "Lead partner: X") is the owner.
	const roled = cleaned.length === 2 ? cleaned.findIndex((p) => PAREN_ROLE.test(text.slice(p.start, p.end))) : -1;
	// "prosjekteier er X, som får …": a role that opens a clause rather than a name.
	const roledClause =
		roled >= 0 && /^[ \t]*\p{Ll}|[,;]/u.test(text.slice(cleaned[roled].start, cleaned[roled].end).replace(PAREN_ROLE, ''));
	const clause = cleaned.length === 2 && marked < 0 && (roled < 0 || roledClause) ? ownerClause(doc, cleaned) : null;
	if (clause) {
		owner = clause.owner;
		titlePart = cleaned[1 - clause.part];
	} else if (roled >= 0 && marked < 0) {
		const p = cleaned[roled];
		const role = PAREN_ROLE.exec(text.slice(p.start, p.end))!;
		ownerPart = { start: p.start + role[0].length, end: p.end };
		titlePart = cleaned[1 - roled];
	} else if (marked >= 0) {
		const p = cleaned[marked];
		const marker = MARKER.exec(text.slice(p.start, p.end))!;
		titlePart = { start: p.start + marker[0].length, end: p.end };
		ownerPart = cleaned.length > 1 ? cleaned[marked === 0 ? 1 : 0] : null;
	} else if (cleaned.length === 1) {
		if (!amount || !bullet) return undefined;
		titlePart = cleaned[0];
		const paren = TRAILING_PAREN.exec(text.slice(titlePart.start, titlePart.end));
		if (paren) {
			const role = PAREN_ROLE.exec(paren[1]);
			const inner = paren[1].slice(role ? role[0].length : 0);
			// "Turisme hele året (VisitNordjylland)": one capitalised word in parentheses after a name is its owner, unless a place.
			if (role || orgScore(inner, judge) >= 0.3) {
				const innerStart = titlePart.start + paren.index + paren[0].indexOf(paren[1]) + (role ? role[0].length : 0);
				ownerPart = { start: innerStart, end: innerStart + inner.length };
				titlePart = clean(doc, { start: titlePart.start, end: titlePart.start + paren.index });
			}
		}
	} else {
		const [a, b] = cleaned;
		const sa = orgScore(text.slice(a.start, a.end), judge);
		const sb = orgScore(text.slice(b.start, b.end), judge);
		// A quoted part is the name. Names of projects are written in sentence case ("Digital
		// fiskeoppdrett"), names of organisations in capitals ("Havbruksklynga Vest"); then a
		// clearly organisation-like part is the owner; then the writer's habit decides:
		// "Owner: Name" with a colon, "Name – Owner" with a dash.
		const la = sentenceCaseWords(text.slice(a.start, a.end));
		const lb = sentenceCaseWords(text.slice(b.start, b.end));
		const ownerFirst = !!strong && strong[0].startsWith(':');
		const byComma = !strong && !DASH_SEPARATOR.test(bodyText);
		if (QUOTED_PART.test(text.slice(a.start, a.end))) [titlePart, ownerPart] = [unquote(a), b];
		else if (QUOTED_PART.test(text.slice(b.start, b.end))) [ownerPart, titlePart] = [a, unquote(b)];
		else if (la !== lb) {
			[titlePart, ownerPart] = la > lb ? [a, b] : [b, a];
			if (byComma) order.votes.push(la > lb ? 'title-first' : 'owner-first');
		} else if (byComma && order.known) [titlePart, ownerPart] = order.known === 'title-first' ? [a, b] : [b, a];
		else if (sb > sa + 0.2 || (!ownerFirst && sb >= sa - 0.2)) [titlePart, ownerPart] = [a, b];
		else [ownerPart, titlePart] = [a, b];
		if (!amount && Math.max(sa, sb) < 0.7) return null;
	}
	if (ownerPart) {
		const country = COUNTRY_PAREN.exec(text.slice(ownerPart.start, ownerPart.end));
		if (country) ownerPart = clean(doc, { start: ownerPart.start, end: ownerPart.start + country.index });
	}
	titlePart = clean(doc, titlePart);
	const titleText = collapse(text.slice(titlePart.start, titlePart.end));
	if (!acceptableTitle(doc, titleText, marked >= 0) || testNotAfterLetter(RECEIVE_WORD, titleText)) return null;
	if (ownerPart && ownerPart.end > ownerPart.start) {
		const value = collapse(text.slice(ownerPart.start, ownerPart.end));
		// An owner is a name: no list of details ("Eva Nilsson, handläggare, 08-...").
		if (/[,;]|\d{3}/.test(value) || orgScore(value, judge) === 0) return null;
		owner = foundBy(value, ownerPart.start, ownerPart.end, 'owner.list');
	}
	if (marked < 0 && !amount && !owner) return null;
	const title = foundBy(titleText, titlePart.start, titlePart.end, marked >= 0 ? 'title.list.marker' : 'title.list');
	return { kind: 'item', span, title, owner, amount };
}

const SENTENCE_BREAK = /[.!?]\s+(?=\p{Lu})/u;

/**
 * "• Grenseløs helse – prosjekteier: X. EU-midler: 820 000 euro. Svensk partner: Y.": a bullet
 * of sentences names its project and owner in the first; the rest tells more about it.
 */
function namingSentence(doc: Doc, content: Span): Span {
	const text = doc.text.slice(content.start, content.end);
	const end = SENTENCE_BREAK.exec(text);
	if (!end || !DASH_SEPARATOR.test(text.slice(0, end.index))) return content;
	return { start: content.start, end: content.start + end.index };
}

/**
 * "Skog og tre i skolen – Karlstads universitet leder prosjektet, med …": one part of an
 * item is a clause that names the owner by its role; the other part is the project's name.
 */
function ownerClause(doc: Doc, parts: Part[]): { owner: Found<string>; part: number } | null {
	const found = parts.map((p) => {
		const o = bestOwner(doc, p);
		return o && o.confidence >= RULES['owner.runs-project'] && o.end - o.start < p.end - p.start - 3 ? o : null;
	});
	if (!!found[0] === !!found[1]) return null;
	const part = found[0] ? 0 : 1;
	return { owner: found[part]!, part };
}

/**
 * "Dala Kompetenslyft, Region Dalarna": a single comma separates a name from its owner when
 * one side is clearly an organisation.
 */
function commaBetweenNameAndOwner(doc: Doc, body: Part, listSplits: boolean): RegExpExecArray | null {
	const text = doc.text.slice(body.start, body.end);
	const m = /,\s+/.exec(text);
	if (!m || text.indexOf(',', m.index + 1) >= 0) return null;
	if (listSplits) return m;
	const left = orgScore(text.slice(0, m.index), doc.judge);
	const right = orgScore(text.slice(m.index + m[0].length), doc.judge);
	return Math.max(left, right) >= 0.7 ? m : null;
}

/** Lower-case words other than connectors, kind words ("kommun", "universitet") and the adjectives before them ("tekniska universitet"). */
function sentenceCaseWords(s: string): number {
	const words = s.split(/\s+/);
	return words.filter((w, i) => /^\p{Ll}/u.test(w) && !NAME_CONNECTORS.has(w) && !isOrgWord(w) && !isOrgWord(words[i + 1] ?? '')).length;
}

const PARTNERS_AFTER = new RegExp(String.raw`,[ \t]*(?:${PARTNER_CUES})[ \t]`, 'u');

/** "Kiruna kommun, i samverkan med Gällivare kommun": the partners after the owner are no part of it (the item's partners read them). */
function withoutPartners(doc: Doc, p: Part): Part {
	const m = PARTNERS_AFTER.exec(doc.lower.slice(p.start, p.end));
	return m ? { start: p.start, end: p.start + m.index } : p;
}

function bestOwner(doc: Doc, scope: Span, title?: string): Found<string> | null {
	let top: Found<string> | null = null;
	for (const o of findOwners({ doc, scope })) {
		if (title && norm(o.value) === norm(title)) continue;
		if (!top || o.confidence > top.confidence) top = o;
	}
	return top;
}

const HEADER_ROLE: [RegExp, string][] = [
	[new RegExp(String.raw`^(?:${TABLE_HEADERS.title})$`, 'i'), 'title'],
	[new RegExp(String.raw`^(?:${TABLE_HEADERS.owner})$`, 'i'), 'owner'],
	[new RegExp(String.raw`(?:${TABLE_HEADERS.amount})`, 'i'), 'amount']
];

const ROLE_OF_FIELD: Partial<Record<KvField, string>> = {
	title: 'title',
	acronym: 'title',
	owner: 'owner',
	grant: 'amount',
	budget: 'budget',
	country: 'country'
};

/**
 * What each header cell names, through the lexicons' field labels ("Prosjektnavn",
 * "Lead partner", "Tilskudd (kNOK)", "EU funding"), else through the kind of word it is.
 * The grant column wins over a total budget column; only one column per role counts.
 */
function headerRoles(cells: string[]): string[] {
	const roles = cells.map((c) => {
		const field = fieldOfKey(c);
		const role = field ? ROLE_OF_FIELD[field] : undefined;
		return role ?? HEADER_ROLE.find(([re]) => re.test(c))?.[1] ?? '';
	});
	const seen = new Set<string>();
	const out = roles.map((r) => {
		if (!r || seen.has(r)) return '';
		seen.add(r);
		return r;
	});
	if (!out.includes('amount')) {
		const budget = out.indexOf('budget');
		if (budget >= 0) out[budget] = 'amount';
	}
	return out;
}

/** Rows of a tab- or pipe-separated table whose header names the columns. */
function tableItems(doc: Doc, lines: Line[]): Unit[] {
	const units: Unit[] = [];
	let roles: string[] | null = null;
	let headings: string[] = [];
	// The line over a table may give its sums' scale for every column: "Beviljade projekt (belopp i tkr)".
	let caption = '';
	let previous = '';
	for (const line of lines) {
		if (line.blank) {
			roles = null;
			continue;
		}
		const above = previous;
		previous = line.text.length <= 80 ? line.text : '';
		const cells = splitCells(line);
		// The rule under a Markdown header ("|---|---|").
		if (cells.length && cells.every((c) => /^[\s:|-]*$/.test(doc.text.slice(c.start, c.end)))) continue;
		if (cells.length < 2) {
			roles = null;
			continue;
		}
		const header = headerRoles(cells.map((c) => doc.text.slice(c.start, c.end).trim()));
		if (header.filter(Boolean).length >= 2 && header.includes('title')) {
			roles = header;
			headings = cells.map((c) => doc.text.slice(c.start, c.end));
			caption = /[|\t]/.test(above) ? '' : above;
			continue;
		}
		if (!roles) continue;
		const cell = (role: string) => {
			const i = roles!.indexOf(role);
			return i >= 0 && cells[i] ? cells[i] : null;
		};
		const t = cell('title');
		// The total row ("I alt | | | 17.137.500") sums the projects above it.
		if (!t || t.end <= t.start || cells.some((c) => isTotalLabel(doc.text.slice(c.start, c.end)))) continue;
		const o = cell('owner');
		const a = cell('amount');
		const c = cell('country');
		const code = c ? countryOfNameOrCode(doc.text.slice(c.start, c.end)) : null;
		const heading = headings[roles.indexOf('amount')] ?? '';
		// A bare number under a scale ("Tilskud" under "beløb i 1.000 kr.") is read in that scale first.
		const scaled = !!a && (labelMoney(heading, doc.currency).scale > 1 || labelMoney(caption, doc.currency).scale > 1);
		const amount = a
			? ((scaled ? bareAmount(doc, a, heading, caption) : null) ??
				doc.amounts.find((m) => m.start >= a.start && m.end <= a.end) ??
				bareAmount(doc, a, heading, caption))
			: null;
		units.push({
			kind: 'item',
			span: { start: line.start, end: line.end },
			title: foundBy(doc.text.slice(t.start, t.end), t.start, t.end, 'title.table'),
			owner: o && o.end > o.start ? foundBy(doc.text.slice(o.start, o.end), o.start, o.end, 'owner.table') : null,
			amount,
			...(c && code ? { country: foundBy(code, c.start, c.end, 'country.table') } : {})
		});
	}
	return units;
}

/** A number alone in an amount column, in the currency its header names ("Beviljat belopp (kr)"). */
function bareAmount(doc: Doc, cell: Span, heading: string, caption = ''): AmountMention | null {
	const m = /^\d{1,3}(?:[ \u00a0.,]\d{3})+(?:[.,]\d{1,2})?$|^\d+(?:[.,]\d+)?$/.exec(doc.text.slice(cell.start, cell.end));
	if (!m) return null;
	const own = labelMoney(heading, doc.currency);
	const { currency, scale } = own.scale > 1 || own.currency || !caption ? own : labelMoney(caption, doc.currency);
	// In thousands "1.850" groups digits (1 850 000); in millions "1.25" may be a decimal mark.
	const value = Math.round(parseNumber(m[0], scale >= 1e6) * scale);
	return value > 0
		? { start: cell.start, end: cell.end, value, currency: currency ?? defaultCurrency(doc.currency), rule: `amount.${doc.lang}.table` }
		: null;
}

function splitCells(line: Line): Span[] {
	const sep = line.text.includes('\t') ? /\t+/g : line.text.includes('|') ? /\s*\|\s*/g : null;
	if (!sep) return [];
	const cells: Span[] = [];
	let from = 0;
	const push = (a: number, b: number) => {
		const t = trimSpan(line.text, a, b);
		cells.push({ start: line.start + t.start, end: line.start + t.end });
	};
	for (const m of line.text.matchAll(sep)) {
		push(from, m.index);
		from = m.index + m[0].length;
	}
	push(from, line.text.length);
	return cells.filter((c, i) => c.end > c.start || (i > 0 && i < cells.length - 1));
}

interface FlatHeader {
	/** The role of each column, '' where the header word names none. */
	roles: string[];
	labels: string[];
}

/**
 * A header row whose cell separators were lost ("Prosjektnavn Leadpartner Norsk prosjekteier
 * Totalbudsjett"): every word belongs to a lexicon label, read longest first; at most two
 * words are unknown (each its own column). It must name the title column and two others.
 */
function flatHeader(line: string): FlatHeader | null {
	if (line.length > 160 || /[.:;!?|\t]/.test(line)) return null;
	const words = line.trim().split(/\s+/);
	if (words.length < 3 || words.length > 14) return null;
	// The first cell names the title ("Project"), however a longer label could read on ("Project Lead").
	for (let first = 1; first <= Math.min(4, words.length - 2); first++) {
		if (cellRole(words, 0, first) !== 'title') continue;
		const rest = flatCells(words, first);
		if (!rest) continue;
		const roles = ['title', ...rest.roles];
		if (roles.filter(Boolean).length >= 3) return { roles, labels: [words.slice(0, first).join(' '), ...rest.labels] };
	}
	return null;
}

/** The role a header cell of words [i, i+n) names, if it is one cell. */
function cellRole(words: string[], i: number, n: number): string | undefined {
	const label = words.slice(i, i + n).join(' ');
	const field = fieldOfKey(label);
	if (field) return ROLE_OF_FIELD[field] ?? 'other';
	// One cell's words after its first are lower case ("Beviljat stöd"); a capital starts the next cell.
	const oneCell = words.slice(i + 1, i + n).every((w) => !/^\p{Lu}/u.test(w));
	return oneCell ? HEADER_ROLE.find(([re]) => re.test(label))?.[1] : undefined;
}

/** The cells from word `from` on, longest label first; at most two unknown capitalised words. */
function flatCells(words: string[], from: number): FlatHeader | null {
	const roles: string[] = [];
	const labels: string[] = [];
	let unknown = 0;
	for (let i = from; i < words.length;) {
		let taken = 0;
		for (let n = Math.min(4, words.length - i); n >= 1 && !taken; n--) {
			const role = cellRole(words, i, n);
			if (role) {
				roles.push(role);
				labels.push(words.slice(i, i + n).join(' '));
				taken = n;
			}
		}
		if (!taken) {
			if (++unknown > 2 || !/^\p{Lu}/u.test(words[i])) return null;
			roles.push('');
			labels.push(words[i]);
			taken = 1;
		}
		i += taken;
	}
	return { roles, labels };
}

/**
 * Rows under a flattened header: trailing amounts fill the money columns from the right;
 * the words before them are the title and then one organisation per name column, split
 * where the parts read most like organisations (a kind word or legal form at their edge).
 */
function flatTableItems(doc: Doc): Unit[] {
	const lines = doc.seg.lines;
	const units: Unit[] = [];
	for (let i = 0; i < lines.length; i++) {
		const header = lines[i].blank ? null : flatHeader(lines[i].text);
		if (!header) continue;
		for (let j = i + 1; j < lines.length && !lines[j].blank; j++) {
			const unit = flatRow(doc, lines[j], header);
			if (unit) units.push(unit);
		}
		if (units.length >= 2) return units;
		units.length = 0;
	}
	return [];
}

/** A word that marks the edge of an organisation's name: a kind word or a legal form. */
function orgEdgeWord(word: string): boolean {
	const w = word.replace(/[.,]$/, '');
	return isOrgWord(w) || LEGAL_FORMS.has(w);
}

function flatRow(doc: Doc, line: Line, header: FlatHeader): ItemUnit | null {
	const text = doc.text;
	const content = trimSpan(text, line.start, line.end);
	const money: AmountMention[] = [];
	let end = content.end;
	for (;;) {
		const a = doc.amounts.find((m) => m.end === end || (m.end < end && /^\s*$/.test(text.slice(m.end, end))));
		if (!a || a.start < content.start) break;
		money.unshift(a);
		end = clean(doc, { start: content.start, end: a.start }).end;
	}
	const moneyColumns = header.roles.slice(header.roles.length - money.length);
	const grant = moneyColumns.findIndex(
		(r, k) => r === 'amount' && fieldOfKey(header.labels[header.roles.length - money.length + k]) !== 'budget'
	);
	const nameColumns = header.roles.length - money.length - 1;
	if (nameColumns < 1 || nameColumns > 2) return null;
	const words = [...text.slice(content.start, end).matchAll(/\S+/g)].map((m) => ({
		start: content.start + m.index,
		end: content.start + m.index + m[0].length
	}));
	if (words.length < nameColumns + 1) return null;
	const slice = (a: number, b: number) => text.slice(words[a].start, words[b - 1].end);
	const word = (i: number) => text.slice(words[i].start, words[i].end);
	// A legal form ends a name and never starts one; a kind word may stand at either edge.
	// Inside a part, a name that ends ("län", "Oy", "(NIBIO)"; a county noun in lower case, not
	// "Donegal County Council") right before another starts
	// ("Stiftelsen") means two names were joined.
	// Every split of the row asks about the same few spans and prefixes: each is scored once.
	const edge = words.map((w) => orgEdgeWord(text.slice(w.start, w.end)));
	const county = words.map((_, i) => COUNTY_WORDS.has(word(i)));
	const parts = new Map<number, number>();
	const orgPart = (a: number, b: number) => {
		const key = a * (words.length + 1) + b;
		let score = parts.get(key);
		if (score === undefined) parts.set(key, (score = orgPartOf(a, b)));
		return score;
	};
	const orgPartOf = (a: number, b: number) => {
		const first = word(a);
		if (!/^[\p{Lu}\d]/u.test(first) || LEGAL_FORMS.has(first)) return -Infinity;
		let score = orgScore(slice(a, b), doc.judge) + +(isOrgWord(first) || edge[b - 1] || county[b - 1]);
		for (let i = a + 1; i < b; i++) {
			const ended = edge[i - 1] || county[i - 1] || /^\(\p{Lu}[\p{Lu}\d&-]+\)$/u.test(word(i - 1));
			if (ended && /^\p{Lu}/u.test(word(i))) score -= 1;
		}
		return score;
	};
	// A title in sentence case ("Kystfiske for framtida") ends before a capitalised word that is
	// no place ("Fiskeriforum"); no title ends with a connector ("Grön omställning i").
	const penalties = new Map<number, number>();
	const titleSplitPenalty = (k: number) => {
		let penalty = penalties.get(k);
		if (penalty === undefined) penalties.set(k, (penalty = titleSplitPenaltyOf(k)));
		return penalty;
	};
	const titleSplitPenaltyOf = (k: number) => {
		const last = word(k - 1);
		let penalty = NAME_CONNECTORS.has(last.toLowerCase()) ? 1 : 0;
		let lower = false;
		for (let i = 0; i < k; i++) {
			const w = word(i);
			if (/^\p{Ll}/u.test(w) && !NAME_CONNECTORS.has(w) && !FUNCTION_WORDS.has(w)) lower = true;
			else if (lower && /^\p{Lu}/u.test(w) && !isPlaceName(w)) penalty += 0.5;
		}
		return penalty;
	};
	let best: { score: number; cuts: number[] } | null = null;
	const n = words.length;
	const edgesBefore = [0];
	for (let i = 0; i < n; i++) edgesBefore.push(edgesBefore[i] + +edge[i]);
	for (let k = 1; k < n; k++) {
		const cuts = nameColumns === 1 ? [[k, n]] : Array.from({ length: Math.max(0, n - k - 1) }, (_, d) => [k, k + 1 + d, n]);
		for (const c of cuts) {
			// A kind word or legal form in the title means an organisation's name was cut into it.
			let score = -edgesBefore[c[0]] - titleSplitPenalty(c[0]);
			for (let p = 0; p + 1 < c.length; p++) score += orgPart(c[p], c[p + 1]);
			// Ties go to the longer title: organisation names rarely take a project's last word.
			if (!best || score >= best.score) best = { score, cuts: c };
		}
	}
	if (!best || best.score <= 0) return null;
	const titleSpan = { start: words[0].start, end: words[best.cuts[0] - 1].end };
	const titleText = text.slice(titleSpan.start, titleSpan.end);
	if (!acceptableTitle(doc, titleText, true)) return null;
	const ownerSpan = { start: words[best.cuts[0]].start, end: words[best.cuts[1] - 1].end };
	const partners = best.cuts.slice(1, -1).map((cut, p) => {
		const start = words[cut].start;
		const end = words[best!.cuts[p + 2] - 1].end;
		return foundBy(text.slice(start, end), start, end, 'partner.table');
	});
	return {
		kind: 'item',
		span: content,
		title: foundBy(titleText, titleSpan.start, titleSpan.end, 'title.table'),
		owner: foundBy(text.slice(ownerSpan.start, ownerSpan.end), ownerSpan.start, ownerSpan.end, 'owner.table'),
		amount: grant >= 0 ? money[grant] : null,
		partners
	};
}

/**
 * How a page's list items order name and owner around a comma (pages keep one habit). Items whose parts differ in
 * case ("Nya steg, Botkyrka kommun") vote; when they agree, items whose parts read alike
 * ("Teknikcollege Stockholm, KTH") follow them.
 */
interface ListOrder {
	votes: ('title-first' | 'owner-first')[];
	known: 'title-first' | 'owner-first' | null;
}

function listItems(doc: Doc): Unit[] {
	const table = tableItems(doc, doc.seg.lines);
	if (table.length >= 2) return table;
	const flat = flatTableItems(doc);
	if (flat.length >= 2) return flat;
	// Tables do not depend on the order of name and owner: only the lines are read again once it is agreed.
	const first: ListOrder = { votes: [], known: null };
	const units = lineItems(doc, first);
	const agreed = first.votes.length && first.votes.every((v) => v === first.votes[0]) ? first.votes[0] : null;
	return agreed ? lineItems(doc, { votes: [], known: agreed }) : units;
}

function lineItems(doc: Doc, order: ListOrder): Unit[] {
	const kvLines = new Set<number>();
	for (const e of doc.kv) {
		for (let i = spanIndexAt(doc.seg.lines, e.keyStart); i >= 0 && i < doc.seg.lines.length && doc.seg.lines[i].start < e.end; i++) {
			kvLines.add(i);
		}
	}
	const units: Unit[] = [];
	const seen = new Set<string>();
	for (let i = 0; i < doc.seg.lines.length; i++) {
		const line = doc.seg.lines[i];
		if (line.blank || kvLines.has(i)) continue;
		const bullet = BULLET.test(line.text);
		// Outside bullets only "Owner: Name" and table lines can be items.
		if (!bullet && !(line.text.includes('\t') || line.text.includes(' | ') || (line.text.includes(':') && /:[ \t]/.test(line.text))))
			continue;
		const unit = parseItem(doc, line, order);
		if (!unit || unit.kind !== 'item') continue;
		const key = norm(unit.title.value);
		if (seen.has(key)) continue;
		seen.add(key);
		units.push(unit);
	}
	return units;
}

const HEADING = /^\s*[\p{Lu}\d«"“][^\n]{1,140}$/u;
const NUMBERED = /^\s*\d{1,2}[.)][ \t]+(?=\p{Lu})/u;

/**
 * Sections under short headings, each about one project: "Digital Skola Norr" / "Luleå
 * kommun beviljas 6,5 miljoner kronor för att ...", "1. Name" / "Projektägare X beviljas
 * 2 491 478 kr". The heading names the project; the section must grant it an amount or name
 * its owner by role.
 */
function headedSections(doc: Doc): Unit[] {
	const lines = doc.seg.lines;
	const headings: number[] = [];
	// Numbered headings over a short line: steps of a how-to look the same, so these need an owner named by role.
	const listOnly = new Set<number>();
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		const t = line.text.trim();
		// HEADING holds at most 141 characters: a longer line (most prose) is not scanned for it.
		if (line.blank || t.length > 141 || !HEADING.test(t) || /[.!?:;,]$/.test(t) || countParts(t) > 12) continue;
		if (doc.headline && line.start <= doc.headline.start && line.end >= doc.headline.end) continue;
		// A heading that states a sum is news ("25,5 miljoner till regional utveckling"), not a name.
		if (doc.amounts.some((a) => a.start >= line.start && a.end <= line.end)) continue;
		let j = i + 1;
		while (j < lines.length && lines[j].blank) j++;
		const next = lines[j];
		if (!next) continue;
		const body = next.text.trim();
		const prose = /[.!?]\s*$/.test(body) && countParts(body) > 6;
		const numbered = NUMBERED.test(line.text) && doc.amounts.some((a) => a.start >= next.start && a.end <= next.end + 200);
		if (prose || numbered) headings.push(i);
		if (numbered && !prose) listOnly.add(i);
	}
	const units: ItemUnit[] = [];
	for (let h = 0; h < headings.length; h++) {
		const line = lines[headings[h]];
		const end = h + 1 < headings.length ? lines[headings[h + 1]].start : doc.text.length;
		const body = { start: line.end, end };
		const inBody = (s: Span) => s.start >= body.start && s.end <= body.end;
		const grantKv = doc.kv.find((e) => e.field === 'grant' && inBody(e));
		const amount =
			(grantKv && doc.amounts.find((a) => a.start >= grantKv.values[0].start && a.end <= grantKv.values[0].end)) ||
			doc.amounts.find(
				(a) =>
					inBody(a) &&
					!judgeAmount(doc, a, null).aggregate &&
					!doc.kv.some((e) => e.field === 'budget' && a.start >= e.start && a.end <= e.end)
			);
		const number = NUMBERED.exec(line.text);
		const t = trimSpan(doc.text, line.start + (number ? number[0].length : 0), line.end);
		const value = doc.text.slice(t.start, t.end);
		const owner = bestOwner(doc, body);
		const roled = owner && owner.rule.startsWith('owner.') && owner.confidence >= RULES['owner.cue'];
		if ((!amount && !roled) || (listOnly.has(headings[h]) && !roled) || !acceptableTitle(doc, value)) continue;
		units.push({
			kind: 'item',
			span: { start: line.start, end },
			title: foundBy(value, t.start, t.end, 'title.section-heading'),
			owner,
			amount: amount ?? null
		});
	}
	return units;
}

/** Sentences that each give one named project its own amount. */
function grantSentences(doc: Doc): Unit[] {
	const units: ItemUnit[] = [];
	const seen = new Set<string>();
	const sentences = doc.seg.sentences;
	const amountsIn = (s: Span) => doc.amounts.filter((a) => a.start >= s.start && a.end <= s.end);
	const namedIn = (s: Span) => findTitleMentions({ doc, scope: s }).filter((m) => m.confidence >= 0.6);
	const paragraphOf = (s: Span) => spanIndexAt(doc.seg.paragraphs, s.start);
	for (let i = 0; i < sentences.length; i++) {
		let s = sentences[i];
		const amounts = amountsIn(s);
		if (!amounts.length) continue;
		let mentions = namedIn(s);
		// A name read in the sentence beside counts as if the sum's sentence named it.
		let borrowed = 0;
		// "CoastLine Skills will train … The lead partner is … and the project receives EUR 1.7 million":
		// the name that opens the paragraph is the one granted.
		if (!mentions.length) {
			const p = doc.seg.paragraphs[paragraphOf(s)];
			if (p)
				mentions = findTitleMentions({ doc, scope: p }).filter(
					(m) => (m.rule === 'title.paragraph-subject' || m.rule === 'title.name-colon') && m.start === p.start
				);
		}
		if (!mentions.length) {
			// "Det andet projekt hedder X. Her er Y projektejer, og tilskuddet er på 2,2 mio. kr.": the
			// name stands in the sentence before or after, in the same paragraph, with no sum of its own.
			for (const j of [i - 1, i + 1]) {
				const o = sentences[j];
				if (!o || paragraphOf(o) !== paragraphOf(s) || amountsIn(o).length) continue;
				const named = namedIn(o);
				if (!named.length) continue;
				mentions = named;
				borrowed = 2;
				s = { start: Math.min(s.start, o.start), end: Math.max(s.end, o.end) };
				break;
			}
		}
		const names = new Set(mentions.map((m) => norm(m.value)));
		if (names.size !== 1) continue;
		const title = mentions[0];
		const amount = amounts.find((a) => {
			const j = judgeAmount(doc, a, title.value);
			return !j.aggregate && j.score + borrowed >= 1;
		});
		if (!amount) continue;
		const key = norm(title.value);
		if (seen.has(key)) continue;
		seen.add(key);
		units.push({ kind: 'item', span: s, title, owner: bestOwner(doc, s), amount });
	}
	// A paragraph about one of the projects tells more about it ("... tillsammans med LKAB och Boliden",
	// "The project is led by …").
	for (const u of units) {
		const p = doc.seg.paragraphs[spanIndexAt(doc.seg.paragraphs, u.span.start)];
		if (p && units.every((o) => o === u || o.span.start < p.start || o.span.start >= p.end)) {
			u.span = p;
			// "Wick Harbour Renewables will receive £2.1 million": the project that receives is not its owner;
			// "… til projektet Y. Projektet ledes af X.": the owner may be named in the next sentence.
			if (!u.owner || norm(u.owner.value) === norm(u.title.value)) u.owner = bestOwner(doc, p, u.title.value);
		}
	}
	return units;
}
