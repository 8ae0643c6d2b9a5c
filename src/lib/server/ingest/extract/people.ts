import type { Contact } from '../../../records/fields';
import { found, type Found } from './found';
import { RULES } from './rules';
import { LEGAL_FORMS, ORG_HEADS, SAY_VERBS } from './lexicon';
import { isPlaceName } from './places';
import { mayMatch, type Trigrams } from './prefilter';
import { findEmails, splitWithOffsets, type Line } from './text';

/**
 * People named in a document: contact persons (personal data, never public by default)
 * and the names of speakers, so that no rule mistakes a person for an organisation.
 */

const FIRST_NAMES = new Set(
	(
		'Anna Maria Eva Karin Sara Kristina Lena Emma Ingrid Marie Elin Linda Johanna Sofia Helena Annika ' +
		'Camilla Malin Jenny Hanna Ida Julia Therese Louise Anne Kari Inger Liv Marit Hilde Nina Heidi Silje ' +
		'Tone Randi Berit Astrid Mette Hanne Lone Susanne Pia Charlotte Lise Lene Tina Katrine Marianne ' +
		'Birgitta Ulla Margareta Monica Åsa Ulrika Cecilia Jessica Frida Matilda Josefin Elisabeth Elisabet ' +
		'Karina Gunilla Agneta Catharina Katarina Christina Ellen Siri Ragnhild Solveig Gro Turid Wenche ' +
		'Grete Bente Trine Kirsten Birgit Tove Dorthe Rikke Maja Emilie Ida Erik Lars Karl Anders Johan Per ' +
		'Nils Jan Mikael Michael Hans Peter Thomas Daniel Fredrik Mats Magnus Stefan Jonas Martin Andreas ' +
		'Mattias Niklas Niclas Henrik Björn Bengt Gustav Olof Ola Ole Knut Bjørn Svein Espen Geir Trond ' +
		'Terje Arne Rune Kjell Morten Tor Tore Øyvind Jens Søren Rasmus Mads Kristian Christian Jesper ' +
		'Mikkel Frederik Jakob Simon Oskar Oscar Axel William Alexander Robert Richard John David James Paul ' +
		'Mark Svante Greger Göran Leif Lennart Ulf Roger Kent Patrik Tommy Håkan Stig Sven Åke Pekka Mikko ' +
		'Juha Timo Jari Kimmo Sami Heikki Marja Tiina Päivi Sanna Pirjo Sirpa Anu Laura Eeva Kaisa Jon ' +
		'Einar Helge Harald Halvor Odd Asbjørn Sigurd Steinar Vidar Eirik Kristoffer Marius Håvard Jørgen ' +
		'Torbjørn Gunnar Ivar Sindre Audun Hallvard Jostein Roar Kenneth Johnny Claes Carl Jörgen Linus ' +
		'Viktor Victor Emil Hugo Filip Anton Elias Isak Joakim Pontus Kristoffer Torsten Gert Bo Rolf ' +
		'Ingvar Sten Gunnel Maj Lotta Mia Lisa Petra Sandra Veronica Victoria Paula Sophie Claire Sarah'
	).split(/\s+/)
);

const NAME_SHAPE = /^\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?: (?:af |von |van |de )?\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?){1,2}$/u;

/** "Svante Sundquist", "Anna-Karin af Klint": two or three capitalised words. */
export function hasPersonShape(s: string): boolean {
	return NAME_SHAPE.test(s.trim());
}

const ORG_WORDS = new Set([...ORG_HEADS, ...LEGAL_FORMS].map((w) => w.toLowerCase()));

/** A name-shaped string that is an organisation or a place ("Region Västerbotten") is no person. */
function couldBePerson(name: string): boolean {
	return !name.split(/[ -]/).some((w) => ORG_WORDS.has(w.toLowerCase())) && !isPlaceName(name) && !isPlaceName(name.split(' ').pop() ?? '');
}

export function looksLikePerson(s: string, known: Set<string>): boolean {
	const t = s.trim();
	if (known.has(t)) return true;
	// "Robert Gordon University": a kind word makes a name that opens with a first name a body.
	return FIRST_NAMES.has(firstWord(t)) && hasPersonShape(t) && couldBePerson(t);
}

/** What t.split(' ')[0].split('-')[0] gives, without the arrays: the look-up is tried before the shape's pattern. */
function firstWord(t: string): string {
	const space = t.indexOf(' ');
	const head = space < 0 ? t : t.slice(0, space);
	const dash = head.indexOf('-');
	return dash < 0 ? head : head.slice(0, dash);
}

const PERSON = String.raw`\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?: \p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?){1,2}`;
const SPEAKER = new RegExp(String.raw`(?:${SAY_VERBS})\s+(${PERSON})`, 'gu');
const ROLE_WORDS = String.raw`projektledare|projektledaren|prosjektleder|prosjektleiar|projektleder|project manager|project leader|projektkoordinator|koordinator|coordinator|vd|ceo|daglig leder|dagleg leiar|ordförande|styreleder|styreleiar|rådgiver|rådgivar|kunderådgiver|verksamhetsledare|direktør|direktör|director|chef|leder|leiar|head|manager|professor|forskare|forsker|researcher|näringslivsutvecklare|utviklingssjef|regionråd|kommunalråd|ordfører|borgmester`;
// Found from the role backwards: a name pattern tried at every position would be slow.
const ROLE_AFTER_COMMA = new RegExp(String.raw`,\s+(?:${ROLE_WORDS})(?![\p{L}])`, 'giu');
const PERSON_AT_END = new RegExp(String.raw`(?<![\p{L}])${PERSON}$`, 'u');

/** Names of people: speakers ("säger Anna Svensson") and people given a role ("Anna Svensson, projektledare"). */
export function findPeople(text: string, grams: Trigrams): Set<string> {
	const names = new Set<string>();
	// Most documents hold no speaker verb and no role word: their scans are skipped.
	for (const m of mayMatch(SPEAKER, grams) ? text.matchAll(SPEAKER) : []) names.add(m[1]);
	for (const m of mayMatch(ROLE_AFTER_COMMA, grams) ? text.matchAll(ROLE_AFTER_COMMA) : []) {
		const before = PERSON_AT_END.exec(text.slice(Math.max(0, m.index - 60), m.index));
		if (before && hasPersonShape(before[0])) names.add(before[0]);
	}
	return names;
}

const PHONE = /(\+\d{2,3}[ \u00a0-]?)?(?:\(0\)[ \u00a0]?)?\d{2,4}(?:[ \u00a0-]\d{2,4}){1,4}(?![\d\p{L}])/gu;
const PHONE_LABEL = /(?:tlf|tel|telefon|telephone|phone|mobil|mob|mobile|tfn|direkt|växel|sentralbord)\.?:?[ \u00a0]*$/i;
const NOT_A_PHONE_AFTER =
	/^\s*(?:kronor|kroner|kr\b|sek|nok|dkk|eur|euro|mill|milj|mio|deltag|deltak|personer|företag|bedrift|virksomhed|companies|participants|%|procent|prosent)/i;

interface Anchor {
	start: number;
	end: number;
	phone?: string;
	email?: string;
}

/** Whether the text holds a phone number or an e-mail address as contact persons give them. */
export function holdsContactDetail(text: string): boolean {
	return findAnchors(text).length > 0;
}

function findAnchors(text: string): Anchor[] {
	const anchors: Anchor[] = [];
	for (const m of text.matchAll(PHONE)) {
		if (m.index > 0 && /[\w+]/.test(text[m.index - 1])) continue;
		const digits = m[0].replace(/\D/g, '');
		if (digits.length < 7 || digits.length > 13) continue;
		// Without a "tlf"/"phone" label, only a national (0...) or international (+..) number is a phone.
		const labelled = PHONE_LABEL.test(text.slice(Math.max(0, m.index - 14), m.index));
		if (!labelled && !/^[+0]/.test(m[0])) continue;
		const end = m.index + m[0].length;
		if (NOT_A_PHONE_AFTER.test(text.slice(end, end + 12))) continue;
		anchors.push({ start: m.index, end, phone: m[0] });
	}
	for (const e of findEmails(text)) anchors.push({ start: e.start, end: e.end, email: text.slice(e.start, e.end) });
	return anchors.sort((a, b) => a.start - b.start);
}

const PART_SPLIT = /[,;:\n\t]|\s[–—-]\s|\s{3,}/g;

/**
 * Contact persons: a person's name followed, on the same or the next lines, by a phone
 * number or an e-mail address. Each contact points at the span from the name to its last detail.
 */
export function findContacts(text: string, lines: Line[], organisations: string[]): Found<Contact>[] {
	const byName = new Map<string, { contact: Contact; start: number; end: number }>();
	let lineIdx = 0;
	for (const a of findAnchors(text)) {
		while (lineIdx < lines.length - 1 && lines[lineIdx].end < a.start) lineIdx++;
		const person = nameBefore(text, lines, lineIdx, a.start);
		if (!person) continue;
		let entry = byName.get(person.name);
		if (!entry) {
			const between = text.slice(person.end, a.start);
			const role =
				splitWithOffsets(between, PART_SPLIT)
					.map((p) => p.text.replace(/\s+/g, ' ').trim())
					.filter((p) => p && !/^(?:tlf|tel|telefon|phone|mobil|mob|e-?post|e-?mail|mail)\.?$/i.test(p))
					.join(', ') || null;
			const context = text.slice(lines[Math.max(0, lineIdx - 2)].start, a.end);
			const organisation = organisations.find((o) => o && context.includes(o)) ?? null;
			entry = {
				contact: { name: person.name, role, organisation, phone: null, email: null, public: false },
				start: person.start,
				end: a.end
			};
			byName.set(person.name, entry);
		}
		if (a.phone && !entry.contact.phone) entry.contact.phone = a.phone.trim();
		if (a.email && !entry.contact.email) entry.contact.email = a.email;
		entry.end = Math.max(entry.end, a.end);
	}
	return [...byName.values()].map((e) =>
		found(e.contact, e.start, e.end, e.contact.email ? 'contact.email' : 'contact.phone', RULES['contact'])
	);
}

/** The person named closest before pos on the same line or up to three lines above it. */
function nameBefore(text: string, lines: Line[], lineIdx: number, pos: number): { name: string; start: number; end: number } | null {
	for (let i = lineIdx, looked = 0; i >= 0 && looked < 4; i--) {
		const line = lines[i];
		if (line.blank) break;
		looked++;
		const from = line.start;
		const to = Math.min(line.end, pos);
		const segment = text.slice(from, to);
		let candidate: { name: string; start: number; end: number; rank: number } | null = null;
		for (const part of splitWithOffsets(segment, PART_SPLIT)) {
			const name = part.text.trim();
			if (!hasPersonShape(name) || !couldBePerson(name)) continue;
			// A known first name outranks a capitalised role such as "Koordinator Hållbarhet".
			const rank = FIRST_NAMES.has(name.split(/[ -]/)[0]) ? 2 : 1;
			if (candidate && candidate.rank > rank) continue;
			const start = from + part.start + (part.text.length - part.text.trimStart().length);
			candidate = { name, start, end: start + name.length, rank };
		}
		if (candidate) return candidate;
	}
	return null;
}
