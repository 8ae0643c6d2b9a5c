import type { DateMention } from './dates';
import { fieldOfKey, type KeyValue } from './keyvalue';
import { FUNCTION_WORDS, PAGE_CHROME, PROJECT_PLURALS } from './lexicon';
import { isKnownFunder, isProgrammeName } from './organisations';
import { countryCode, isPlaceName } from './places';
import type { Line, Span } from './text';

/**
 * The document's own heading. A saved web page opens with the website around the text —
 * its name, skip links, menus, breadcrumbs, a cookie notice, a publication date — and a
 * portal's fact box may stand above the heading; none of these names the page, let alone a
 * project.
 */

const LINE_START = new RegExp(String.raw`^(?:${PAGE_CHROME.lineStarts})(?![\p{L}])`, 'u');
/** "Start / Nyheter / Pressmeddelanden", "Projekter › Uddannelse": a trail of links. */
const BREADCRUMB = /^[^/>»›]{1,40}(?:\s[/>»›→]\s[^/>»›]{1,40})+$/u;
/** "Tjenester  Politikk  Om oss", "Language: English | Norsk": menu items side by side. */
const ITEM_SEPARATOR = /[ \t]{2,}|\t|\s[|•·]\s/u;
const PLURAL = new RegExp(String.raw`(?<![\p{L}])(?:${PROJECT_PLURALS})(?![\p{L}])`, 'u');
const MAX_MENU_WORDS = 4;
const MAX_MENU_CHARS = 100;
/** A menu is a short block: lines further down a block are its text. */
const MAX_MENU_LINES = 12;

function isMenuItem(lower: string): boolean {
	return PAGE_CHROME.menuItems.has(lower.replace(/[\s:.–-]+$/, '').trim());
}

/** A line of the website, not of the text: a skip link, consent notice, menu or breadcrumb. */
function isChrome(text: string): boolean {
	// Menus and breadcrumbs are short; a long line is the website's only as a notice ("We use cookies to …").
	if (text.length > MAX_MENU_CHARS) return LINE_START.test(text.slice(0, 40).toLowerCase());
	const lower = text.toLowerCase();
	if (LINE_START.test(lower) || BREADCRUMB.test(text) || isMenuItem(lower)) return true;
	// Mostly menu items: a table's header row ("Projekt | Stödmottagare | Belopp") is not a menu.
	const parts = lower.split(ITEM_SEPARATOR).filter((p) => p.trim());
	return parts.length >= 2 && parts.filter(isMenuItem).length * 2 >= parts.length;
}

/** "Kohesio: discover EU projects in your region": a portal's name and what it offers. */
function isPortalHeader(text: string): boolean {
	const colon = text.indexOf(': ');
	return (
		colon > 0 && !/\s/.test(text.slice(0, colon)) && /^\p{Ll}/u.test(text.slice(colon + 2)) && PLURAL.test(text.slice(colon).toLowerCase())
	);
}

/** "Published: 14 March 2019", "Sist oppdatert 03.10.2024", "12 June 2024": a date and the words that say what it dates. */
function isDateLine(line: Line, dates: DateMention[]): boolean {
	const inLine = dates.filter((d) => d.start >= line.start && d.end <= line.end);
	if (!inLine.length) return false;
	let rest = line.text;
	for (const d of [...inLine].sort((a, b) => b.start - a.start))
		rest = rest.slice(0, d.start - line.start) + ' ' + rest.slice(d.end - line.start);
	const words = rest
		.toLowerCase()
		.split(/[^\p{L}]+/u)
		.filter(Boolean);
	return words.length <= 6 && words.every((w) => PAGE_CHROME.dateWords.has(w) || FUNCTION_WORDS.has(w) || isMenuItem(w));
}

/**
 * "project info", "beneficiary", "Stödmottagare": a fact box's label on a line of its own
 * (a capital inside the first word, "eHälsa", makes a name).
 */
function isBareLabel(text: string): boolean {
	return (/^\p{Ll}+(?:\s|$)/u.test(text) && text.split(/\s+/).length <= 3 && !/[.!?,;]$/.test(text)) || !!fieldOfKey(text);
}

/** "Odense, Syddanmark, Denmark", "Österbotten": where, not what. */
function isPlaceLine(text: string): boolean {
	return text.split(/\s*,\s*/).every((p) => isPlaceName(p) || !!countryCode(p));
}

/** "Interreg North Sea", "Innovasjon Norge" alone on a line: the website's owner. */
function isOwnerLine(text: string): boolean {
	return isProgrammeName(text) || isKnownFunder(text);
}

/** "SkillShore | Interreg North Sea": the page's title followed by its site's name. */
const SITE_SUFFIX = /\s+[|–—-]\s+([^|–—]{2,60})$/u;

function withoutSiteName(text: string): string {
	const m = SITE_SUFFIX.exec(text);
	return m && m.index > 0 && isOwnerLine(m[1].trim()) ? text.slice(0, m.index) : text;
}

/** A heading stands near the top: reading stops after this many lines of text. */
const MAX_LINES_READ = 40;

/**
 * Whether each line of the block around line i is the website's: menu items, and the short
 * lines of a block in which two are ("Home / News / Business and skills"). Filled block by
 * block as reading reaches it, so a long document is not read to its end.
 */
function markBlock(lines: Line[], i: number, menu: boolean[]): void {
	let a = i;
	while (a > 0 && !lines[a - 1].blank) a--;
	let b = i;
	while (b < lines.length && !lines[b].blank) b++;
	if (a === b) {
		menu[i] = false;
		return;
	}
	let count = 0;
	for (let k = a; k < b; k++) if ((menu[k] = k - a < MAX_MENU_LINES && isChrome(lines[k].text.trim()))) count++;
	if (count < 2) return;
	for (let k = a; k < Math.min(b, a + MAX_MENU_LINES); k++) {
		const t = lines[k].text.trim();
		if (t.split(/\s+/).length <= MAX_MENU_WORDS && !/[.!?\d]/.test(t)) menu[k] = true;
	}
}

/** Fact-box fields whose values are bodies: a line that names one alone is the site's owner, not the page's heading. */
const BODY_FIELDS = new Set(['owner', 'funder', 'partners']);

function namesBody(text: string, kv: KeyValue[], line: string): boolean {
	const lower = line.toLowerCase();
	for (const e of kv) {
		if (!BODY_FIELDS.has(e.field)) continue;
		for (const v of e.values) if (v.end - v.start >= line.length && text.slice(v.start, v.end).trim().toLowerCase() === lower) return true;
	}
	return false;
}

/** A key:value line other than a title's own ("Projekt: Vård i glesbygd" may head the page). */
function inKv(kv: KeyValue[], l: Line): boolean {
	for (const e of kv) {
		if (e.field !== 'title' && ((e.keyStart >= l.start && e.keyStart < l.end) || (e.start <= l.start && l.start < e.end))) return true;
	}
	return false;
}

function isMenuLine(lines: Line[], i: number, menu: boolean[]): boolean {
	if (menu[i] === undefined) markBlock(lines, i, menu);
	return menu[i];
}

/** A line of places is short; a longer one is not read as one. */
const MAX_PLACE_WORDS = 6;

export function findHeadline(text: string, lines: Line[], kv: KeyValue[], dates: DateMention[]): Span | null {
	const menu: boolean[] = [];
	let first = true;
	let read = 0;
	// The first line passed over for what it says rather than for being the website's: the
	// heading after all when running text comes before any other.
	let passed: Span | null = null;
	// The block that opens with the site's name is its header: "Interreg Aurora / Cooperation in the north".
	let siteHeader = false;
	for (let i = 0; i < lines.length && read < MAX_LINES_READ; i++) {
		if (lines[i].blank) {
			siteHeader = false;
			continue;
		}
		read++;
		const line = lines[i].text.trim();
		if (!line || isMenuLine(lines, i, menu) || isDateLine(lines[i], dates) || isPortalHeader(line) || !/\p{L}{2}/u.test(line)) continue;
		const t = withoutSiteName(line);
		const start = lines[i].start + lines[i].text.indexOf(t);
		const span = { start, end: start + t.length };
		if ((/[.!?]$/.test(t) && t.split(/\s+/).length > 8) || /[.!?]\s+\p{Lu}/u.test(t)) return passed ?? span;
		const isFirst = first;
		first = false;
		const prev = i > 0 ? lines[i - 1].text.trim() : '';
		// Right under a bare label the line is that label's value; a repeated line is a label too.
		const owner = isOwnerLine(t);
		const skip =
			siteHeader ||
			isBareLabel(t) ||
			owner ||
			namesBody(text, kv, t) ||
			(t.split(/\s+/).length <= MAX_PLACE_WORDS && isPlaceLine(t)) ||
			inKv(kv, lines[i]) ||
			(!!prev && isBareLabel(prev)) ||
			prev === line;
		// The site's name stands first, over its menu or skip link.
		let overMenu = false;
		if (isFirst) {
			let n = i + 1;
			while (n < lines.length && lines[n].blank) n++;
			overMenu = n < lines.length && isMenuLine(lines, n, menu);
		}
		if (skip || overMenu) {
			if (isFirst && (owner || overMenu)) siteHeader = true;
			passed ??= span;
			continue;
		}
		return span;
	}
	return passed;
}
