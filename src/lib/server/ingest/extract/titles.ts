import { judgeAmount, sentenceOf } from './aggregates';
import type { Doc } from './doc';
import { found, type Found } from './found';
import { NAME_CONNECTORS, STOP_WORDS } from './lexicon';
import { orgScore } from './names';
import { isKnownFunder, isProgrammeName } from './organisations';
import { isPlaceName } from './places';
import { escapeRe, norm, spanIndexAt, type Span } from './text';

/**
 * Project names: "projektet CoSkill", "prosjektet «Title»", "the X project", "X-projektet",
 * and a short headline that the text repeats.
 */

const CUE = /(?<![\p{L}])(?:[\p{L}+]+-)?(?:projektet|prosjektet|projekt|prosjekt|projekter|the project|project|satsningen|satsingen|initiativet|the initiative|förstudien|forstudien|forprosjektet)[ \u00a0]+/giu;
const INDEFINITE = /(?:^|[^\p{L}])(?:ett|et|eit|a|an|nytt|nya|eget|egna|sitt|sina|vårt|vårat|deras|one|this|detta|dette|det|ett nytt|et nytt|ny|nye|new|stort|större|første|första|first|tidigare|tidligere|previous|liknande|lignende|similar)\s+$/iu;
const QUOTED = /^[«"“„‘'”]([^"«»“”„‘’'\n]{2,120}?)["»”“’']/u;
const SUFFIXED = /(?<![\p{L}\d-])(\p{Lu}[\p{L}\d+&]*(?:[ -]\p{Lu}[\p{L}\d+&]*)*)-(?:projektet|prosjektet|projekt|prosjekt)(?![\p{L}])/gu;
const THE_X_PROJECT = /(?<![\p{L}])[Tt]he\s+(\p{Lu}[\p{L}\d+&-]*(?:\s\p{Lu}[\p{L}\d+&-]*){0,4})\s+project(?![\p{L}])/gu;
const QUOTED_ANYWHERE = /[«"“„]([^"«»“”„\n]{3,120}?)["»”“]/gu;
const BACKGROUND = /(?:tidigare|tidligere|previous|earlier|förra|forrige|exempelvis|till exempel|for eksempel|for example|t\.ex\.|f\.eks\.|e\.g\.|such as|bl\.a\.|blant annet|bland annat)\s+(?:\p{L}+\s+){0,4}$/iu;
const TOKEN = /^[\p{L}\d][\p{L}\d+&’'/:.-]*/u;

export interface TitleContext {
	doc: Doc;
	scope: Span;
}

/**
 * A project's name after a cue word: capitalised words (or words with capitals or digits
 * inside, like "CoSkill" or "Attract2Tech"), joined by connectors when a capitalised word
 * follows; "i"/"på"/"in" followed by a place ends the name.
 */
function readTitle(text: string, pos: number, limit: number): Span | null {
	const rest = text.slice(pos, Math.min(limit, pos + 160));
	const quoted = QUOTED.exec(rest);
	if (quoted) return { start: pos + 1, end: pos + 1 + quoted[1].length };
	let i = 0;
	let end = 0;
	let words = 0;
	while (i < rest.length && words < 8) {
		const m = TOKEN.exec(rest.slice(i));
		if (!m) break;
		const tok = m[0].replace(/[:.]+$/, '');
		// A number belongs to a name when the name ends with it ("Gruvkompetens 2030,"), not
		// when a noun follows it ("CoSkill 32 miljoner").
		const numberEnding = /^\d[\d.]*$/.test(tok) && !/^[ \u00a0]+\p{Ll}/u.test(rest.slice(i + tok.length));
		const named = (/^[\p{Lu}\d]/u.test(tok) && /\p{L}/u.test(tok)) || (words > 0 && numberEnding);
		if (words === 0 && !named) return null;
		if (!named) {
			const lower = tok.toLowerCase();
			if (!NAME_CONNECTORS.has(lower)) break;
			const after = /^[ \u00a0]+([\p{L}\d][\p{L}\d+&’'/-]*)/u.exec(rest.slice(i + tok.length));
			if (!after || !/^\p{Lu}/u.test(after[1])) break;
			if (/^(?:i|på|in|on|at|för|for|til|till|to)$/.test(lower) && isPlaceName(after[1])) break;
			i += tok.length + after[0].length - after[1].length;
			continue;
		}
		if (words > 0 && STOP_WORDS.has(tok.toLowerCase())) break;
		i += tok.length;
		end = i;
		words++;
		if (m[0] !== tok) break;
		const gap = /^[ \u00a0]+/.exec(rest.slice(i));
		if (!gap) break;
		i += gap[0].length;
	}
	return end ? { start: pos, end: pos + end } : null;
}

/** Whether a string can be a project's name; `marked` names follow "Prosjekt" and may start with an article. */
export function acceptableTitle(doc: Doc, value: string, marked = false): boolean {
	const v = value.trim();
	if (v.length < 2 || !/\p{L}/u.test(v)) return false;
	if (STOP_WORDS.has(v.toLowerCase()) || (!marked && STOP_WORDS.has(v.split(/\s+/)[0].toLowerCase()))) return false;
	if (isProgrammeName(v) || isKnownFunder(v) || isPlaceName(v)) return false;
	if (/^\d+$/.test(v)) return false;
	return orgScore(v, { people: doc.people }) < 0.9 || /\p{Ll}\p{Lu}|\d/u.test(v);
}

/** Every place the scope names a project. */
export function findTitleMentions({ doc, scope }: TitleContext): Found<string>[] {
	const text = doc.text;
	const out: Found<string>[] = [];
	const part = text.slice(scope.start, scope.end);
	const push = (s: Span, rule: string, confidence: number) => {
		const value = text.slice(s.start, s.end).replace(/\s+/g, ' ').trim();
		if (!acceptableTitle(doc, value) || spanIndexAt(doc.masked, s.start) >= 0) return;
		const background = BACKGROUND.test(text.slice(Math.max(0, s.start - 60), s.start));
		out.push(found(value, s.start, s.end, rule, background ? confidence - 0.3 : confidence));
	};
	for (const m of part.matchAll(CUE)) {
		const at = scope.start + m.index;
		if (INDEFINITE.test(text.slice(Math.max(0, at - 24), at)) && !/^(?:[\p{L}+]+-)?(?:projektet|prosjektet|the project)/iu.test(m[0])) {
			continue;
		}
		const s = readTitle(text, at + m[0].length, scope.end);
		if (s) push(s, 'title.cue', QUOTED.test(text.slice(at + m[0].length)) ? 0.8 : 0.75);
	}
	for (const m of part.matchAll(SUFFIXED)) {
		const at = scope.start + m.index;
		push({ start: at, end: at + m[1].length }, 'title.suffixed', 0.7);
	}
	for (const m of part.matchAll(THE_X_PROJECT)) {
		const at = scope.start + m.index + m[0].indexOf(m[1]);
		push({ start: at, end: at + m[1].length }, 'title.the-x-project', 0.7);
	}
	for (const m of part.matchAll(QUOTED_ANYWHERE)) {
		const at = scope.start + m.index + 1;
		const near = text.slice(Math.max(0, at - 40), Math.min(text.length, at + m[1].length + 20));
		if (/projekt|prosjekt|project/i.test(near)) push({ start: at, end: at + m[1].length }, 'title.quoted', 0.7);
	}
	return out;
}

/** A short headline that the body repeats is the project's name (project pages, "SKILLS+"). */
export function headlineTitle(doc: Doc, boost: number): Found<string> | null {
	const h = doc.headline;
	if (!h) return null;
	const value = doc.text.slice(h.start, h.end);
	const words = value.split(/\s+/).length;
	if (words > 8 || value.length > 80 || /[.!?]$/.test(value) || !acceptableTitle(doc, value)) return null;
	const key = norm(value).replace(/\s/g, '');
	if (!key) return null;
	let repeats = 0;
	const body = doc.text.slice(h.end);
	const squeezed = norm(body).replace(/\s/g, '');
	for (let i = squeezed.indexOf(key); i >= 0 && repeats < 3; i = squeezed.indexOf(key, i + key.length)) repeats++;
	const confidence = 0.45 + boost + (repeats ? 0.25 : 0);
	if (confidence < 0.6) return null;
	return found(value, h.start, h.end, repeats ? 'title.headline.repeated' : 'title.headline', confidence);
}

/**
 * The project's name among the mentions: the most confident, strengthened by how often
 * the text repeats it and by a grant sentence naming it.
 */
export function chooseTitle(doc: Doc, mentions: Found<string>[]): Found<string> | null {
	const groups = new Map<string, Found<string>[]>();
	for (const m of mentions) {
		const key = norm(m.value).replace(/\s/g, '');
		const g = groups.get(key);
		if (g) g.push(m);
		else groups.set(key, [m]);
	}
	let top: Found<string> | null = null;
	for (const group of groups.values()) {
		const lead = group.reduce((a, b) => (b.confidence > a.confidence ? b : a));
		const occurrences = countOccurrences(doc.text, lead.value);
		let confidence = lead.confidence + Math.min(0.15, 0.05 * (Math.max(occurrences, group.length) - 1));
		const granted = doc.amounts.some((a) => {
			const s = sentenceOf(doc, a.start);
			return doc.text.slice(s.start, s.end).includes(lead.value) && !judgeAmount(doc, a, lead.value).aggregate;
		});
		if (granted) confidence += 0.1;
		const candidate = { ...lead, confidence: Math.min(0.99, confidence) };
		if (!top || candidate.confidence > top.confidence || (candidate.confidence === top.confidence && candidate.start < top.start)) {
			top = candidate;
		}
	}
	return top;
}

function countOccurrences(text: string, value: string): number {
	const re = new RegExp(String.raw`(?<![\p{L}\d])${escapeRe(value)}(?![\p{L}\d])`, 'gu');
	return (text.match(re) ?? []).length;
}
