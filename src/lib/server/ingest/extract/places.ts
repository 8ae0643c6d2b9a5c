import { LEXICONS } from './lang';
import { afterLetter, alternation, atWordStart, matchesAt, matchesNotAfterLetter, wordMatches } from './text';
import { memoized } from './memo';
import { mayMatch, type Trigrams } from './prefilter';
import { matchesAtWordStarts, wordMatchesIn, type TextIndex } from './starts';

/** Regions, counties and countries of the Nordic area, and NUTS codes. */

interface Place {
	country: string;
	/** Smaller regions inside this one: when one of them is named too, it is the more exact. */
	parts?: string[];
}

const MACROS: Record<string, { country: string; parts: string[] }> = {
	'Övre Norrland': { country: 'SE', parts: ['Norrbotten', 'Västerbotten'] },
	'Mellersta Norrland': {
		country: 'SE',
		parts: ['Västernorrland', 'Jämtland', 'Jämtland Härjedalen', 'Härjedalen', 'Medelpad', 'Ångermanland']
	},
	'Norra Mellansverige': { country: 'SE', parts: ['Värmland', 'Dalarna', 'Gävleborg', 'Hälsingland', 'Gästrikland'] },
	'Östra Mellansverige': {
		country: 'SE',
		parts: ['Uppsala', 'Södermanland', 'Sörmland', 'Östergötland', 'Örebro', 'Västmanland', 'Uppland']
	},
	'Småland och öarna': { country: 'SE', parts: ['Jönköping', 'Kronoberg', 'Kalmar', 'Gotland', 'Småland', 'Öland'] },
	Sydsverige: { country: 'SE', parts: ['Skåne', 'Blekinge'] },
	Västsverige: {
		country: 'SE',
		parts: ['Västra Götaland', 'Halland', 'Bohuslän', 'Dalsland', 'Västergötland', 'Sjuhärad', 'Fyrbodal', 'Skaraborg']
	},
	Norrland: {
		country: 'SE',
		parts: ['Norrbotten', 'Västerbotten', 'Västernorrland', 'Jämtland', 'Gävleborg', 'Övre Norrland', 'Mellersta Norrland']
	},
	'Nord-Norge': {
		country: 'NO',
		parts: ['Nordland', 'Troms', 'Finnmark', 'Troms og Finnmark', 'Helgeland', 'Lofoten', 'Vesterålen', 'Salten', 'Ofoten']
	},
	'Nord-Noreg': { country: 'NO', parts: ['Nordland', 'Troms', 'Finnmark', 'Troms og Finnmark', 'Helgeland'] },
	Vestlandet: {
		country: 'NO',
		parts: ['Rogaland', 'Hordaland', 'Sogn og Fjordane', 'Møre og Romsdal', 'Vestland', 'Sunnmøre', 'Nordmøre', 'Haugalandet']
	},
	'Midt-Norge': { country: 'NO', parts: ['Trøndelag', 'Sør-Trøndelag', 'Nord-Trøndelag', 'Møre og Romsdal', 'Namdalen', 'Fosen'] },
	Østlandet: {
		country: 'NO',
		parts: ['Østfold', 'Akershus', 'Oslo', 'Hedmark', 'Oppland', 'Buskerud', 'Vestfold', 'Telemark', 'Innlandet', 'Viken']
	},
	Sørlandet: { country: 'NO', parts: ['Agder', 'Aust-Agder', 'Vest-Agder', 'Setesdal'] },
	Trøndelag: { country: 'NO', parts: ['Sør-Trøndelag', 'Nord-Trøndelag', 'Namdalen', 'Fosen', 'Innherred'] },
	Vestland: {
		country: 'NO',
		parts: ['Hordaland', 'Sogn og Fjordane', 'Hardanger', 'Sunnhordland', 'Nordhordland', 'Sunnfjord', 'Nordfjord', 'Sogn']
	},
	'Sogn og Fjordane': { country: 'NO', parts: ['Sunnfjord', 'Nordfjord', 'Sogn'] },
	Agder: { country: 'NO', parts: ['Aust-Agder', 'Vest-Agder', 'Setesdal'] },
	Innlandet: { country: 'NO', parts: ['Hedmark', 'Oppland', 'Valdres', 'Gudbrandsdalen'] },
	Viken: { country: 'NO', parts: ['Østfold', 'Akershus', 'Buskerud', 'Hallingdal'] },
	'Troms og Finnmark': { country: 'NO', parts: ['Troms', 'Finnmark', 'Ofoten'] },
	'Vestfold og Telemark': { country: 'NO', parts: ['Vestfold', 'Telemark'] },
	'Møre og Romsdal': { country: 'NO', parts: ['Sunnmøre', 'Nordmøre', 'Romsdal'] },
	Nordland: { country: 'NO', parts: ['Helgeland', 'Lofoten', 'Vesterålen', 'Salten', 'Ofoten'] },
	Syddanmark: { country: 'DK', parts: ['Fyn', 'Sønderjylland'] },
	Hovedstaden: { country: 'DK', parts: ['Bornholm', 'Nordsjælland'] },
	Sjælland: { country: 'DK', parts: ['Lolland', 'Falster', 'Lolland-Falster'] },
	Midtjylland: { country: 'DK', parts: ['Vestjylland', 'Østjylland'] }
};

const PLACES = new Map<string, Place>();
for (const lex of LEXICONS) {
	for (const [country, names] of Object.entries(lex.regions)) for (const n of names) PLACES.set(n, { country });
}
for (const [n, p] of Object.entries(MACROS)) PLACES.set(n, p);

/** Later words of a name may be written with a capital or not ("Småland och Öarna"). */
const anyCaseLater = (name: string) => name.replace(/ (\p{L})/gu, (_, c: string) => ` [${c.toLowerCase()}${c.toUpperCase()}]`);
const BY_LOWER = new Map([...PLACES.keys()].map((n) => [n.toLowerCase(), n]));
const placeOf = (written: string) => PLACES.get(written) ?? PLACES.get(BY_LOWER.get(written.toLowerCase()) ?? '');
const canonical = (written: string) => (PLACES.has(written) ? written : (BY_LOWER.get(written.toLowerCase()) ?? written));

// A genitive "s" ("Skånes", "Västra Götalands län") still names the place.
const PLACE_RE = new RegExp(
	String.raw`(${[...PLACES.keys()]
		.sort((a, b) => b.length - a.length)
		.map((n) => anyCaseLater(n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
		.join('|')})(s)?(?![\p{L}\d]|-\p{L})`,
	'gu'
);

export interface PlaceMention {
	start: number;
	end: number;
	name: string;
	country: string;
}

export function findPlaces(text: string, index?: TextIndex): PlaceMention[] {
	const out: PlaceMention[] = [];
	for (const m of index ? wordMatchesIn(PLACE_RE, index, false, '-') : wordMatches(PLACE_RE, text, '-')) {
		const place = placeOf(m[1]);
		if (place) out.push({ start: m.index, end: m.index + m[1].length, name: canonical(m[1]), country: place.country });
	}
	return out;
}

export const isPlaceName = memoized((s: string): boolean => PLACES.has(s.replace(/s$/, '')) || PLACES.has(s) || countryCode(s) !== null);

/**
 * One mention per region, leaving out a wide region when a region inside it is named too:
 * a project "in Skåne and Blekinge" of the programme area "Sydsverige" runs in Skåne and Blekinge.
 */
export function distinctRegions(mentions: PlaceMention[]): PlaceMention[] {
	const seen = new Map<string, PlaceMention>();
	for (const m of mentions) if (!seen.has(m.name)) seen.set(m.name, m);
	const names = new Set(seen.keys());
	const kept = [...seen.values()].filter((m) => !(PLACES.get(m.name)?.parts ?? []).some((p) => names.has(p)));
	// "Jämtland" and "Jämtland Härjedalen" name one region: keep the first written.
	return kept.filter((m, i) => !kept.some((o, j) => j < i && (o.name.startsWith(m.name + ' ') || m.name.startsWith(o.name + ' '))));
}

const COUNTRIES: Record<string, string[]> = {
	SE: ['Sverige', 'Sweden', 'Ruotsi'],
	NO: ['Norge', 'Norway', 'Noreg', 'Norja'],
	DK: ['Danmark', 'Denmark', 'Tanska'],
	FI: ['Finland', 'Suomi'],
	IS: ['Island', 'Iceland', 'Ísland'],
	DE: ['Tyskland', 'Germany', 'Deutschland'],
	PL: ['Polen', 'Poland', 'Polska'],
	GR: ['Hellas', 'Grekland', 'Grækenland', 'Greece'],
	CZ: ['Tsjekkia', 'Tjeckien', 'Tjekkiet', 'Czech Republic', 'Czechia', 'Česko'],
	LV: ['Latvia', 'Lettland', 'Letland', 'Latvija'],
	LT: ['Litauen', 'Lithuania', 'Lietuva'],
	EE: ['Estland', 'Estonia', 'Eesti'],
	HR: ['Kroatia', 'Kroatien', 'Croatia', 'Hrvatska'],
	BG: ['Bulgaria', 'Bulgarien'],
	ES: ['Spania', 'Spanien', 'Spain', 'España'],
	HU: ['Ungarn', 'Ungern', 'Hungary', 'Magyarország'],
	IT: ['Italia', 'Italien', 'Italy'],
	FR: ['Frankrike', 'Frankrig', 'France'],
	NL: ['Nederland', 'Nederländerna', 'Nederlandene', 'Holland', 'Netherlands', 'The Netherlands'],
	BE: ['Belgia', 'Belgien', 'Belgium'],
	AT: ['Østerrike', 'Österrike', 'Østrig', 'Austria', 'Österreich'],
	PT: ['Portugal'],
	IE: ['Irland', 'Ireland'],
	GB: ['Storbritannia', 'Storbritannien', 'United Kingdom', 'UK', 'Skottland', 'Scotland', 'England', 'Wales'],
	RO: ['Romania', 'Rumänien', 'Rumænien'],
	SK: ['Slovakia', 'Slovakien', 'Slovakiet'],
	SI: ['Slovenia', 'Slovenien'],
	LU: ['Luxembourg', 'Luxemburg'],
	MT: ['Malta'],
	CY: ['Kypros', 'Cypern', 'Cyprus'],
	CH: ['Sveits', 'Schweiz', 'Switzerland'],
	RU: ['Russland', 'Ryssland', 'Rusland', 'Russia'],
	FO: ['Færøyene', 'Färöarna', 'Færøerne', 'Faroe Islands', 'Føroyar'],
	GL: ['Grønland', 'Grönland', 'Greenland'],
	UA: ['Ukraina', 'Ukraine'],
	RS: ['Serbia', 'Serbien'],
	AL: ['Albania', 'Albanien'],
	MK: ['North Macedonia', 'Nord-Makedonia', 'Nordmakedonien'],
	ME: ['Montenegro'],
	BA: ['Bosnia and Herzegovina', 'Bosnia-Hercegovina', 'Bosnien och Hercegovina'],
	MD: ['Moldova', 'Moldavien'],
	TR: ['Turkey', 'Tyrkia', 'Turkiet', 'Tyrkiet']
};

const COUNTRY_BY_NAME = new Map<string, string>();
for (const [code, names] of Object.entries(COUNTRIES)) for (const n of names) COUNTRY_BY_NAME.set(n.toLowerCase(), code);

export const countryCode = memoized(
	(name: string): string | null => COUNTRY_BY_NAME.get(name.trim().replace(/\s+/g, ' ').toLowerCase()) ?? null
);

/** Country names as a RegExp source, for parentheses after partner names. */
export const COUNTRY_NAMES = alternation(Object.values(COUNTRIES).flat());
/**
 * Two-letter country codes in capitals as a RegExp source (and "UK", "EL" as the EU writes
 * them), only for parentheses after a name: "Hanze University (NL)".
 */
export const COUNTRY_CODES = [...Object.keys(COUNTRIES), 'UK', 'EL'].join('|');

/** The country of a name or of a capital two-letter code ("DK"). */
export function countryOfNameOrCode(s: string): string | null {
	const t = s.trim();
	if (t === 'UK') return 'GB';
	if (t === 'EL') return 'GR';
	return /^[A-Z]{2}$/.test(t) && t in COUNTRIES ? t : countryCode(t);
}

/** "SE32", "NO06", "DK01", "FI1D": NUTS 1-3 codes of countries we see. */
export const NUTS_CODE = /\b(?:SE|NO|DK|FI|IS|EE|LV|LT|DE|PL|NL|BE|FR|IE|UK|AT|CZ|SK|HU|HR|SI|IT|ES|PT|GR|EL|BG|RO)[0-9][0-9A-Z]{0,2}\b/;

const IN_WORDS = alternation(LEXICONS.flatMap((l) => l.relations.inWords));
const PLACE_IN_COUNTRY = String.raw`(\p{Lu}[\p{L}-]+)[ \u00a0](?:${IN_WORDS})[ \u00a0](${COUNTRY_NAMES})(?![\p{L}])`;
/** "regionerna Steiermark i Österrike, Leiria i Portugal samt Skopje i Nordmakedonien". */
const REGION_LIST = new RegExp(
	String.raw`((?:${alternation(LEXICONS.flatMap((l) => l.regionalAuthorities))})\p{L}*[ \u00a0]+)${PLACE_IN_COUNTRY}`,
	'giu'
);
const NEXT_IN_LIST = new RegExp(
	String.raw`^(?:,[ \u00a0]*|[ \u00a0]+(?:${alternation(LEXICONS.flatMap((l) => l.conjunctions))})[ \u00a0]+)${PLACE_IN_COUNTRY}`,
	'iu'
);

const PLACE_NAME = String.raw`\p{Lu}\p{L}+(?:-\p{Ll}{1,4}-\p{Lu}\p{L}+|[ \u00a0-]\p{Lu}\p{L}+){0,2}`;
const CONJUNCTION = alternation(LEXICONS.flatMap((l) => l.conjunctions));
/** "across Allerdale, Copeland, Barrow-in-Furness and South Lakeland": two names or more. */
const PLACE_LIST = new RegExp(
	String.raw`(?:${alternation(LEXICONS.flatMap((l) => l.placeListCues)).replace(/(^|\|)(\p{Ll})/gu, (_, bar: string, c: string) => `${bar}[${c}${c.toUpperCase()}]`)})[ \u00a0]+((?:${PLACE_NAME})(?:,[ \u00a0]*(?:${PLACE_NAME}))*,?[ \u00a0]+(?:${CONJUNCTION})[ \u00a0]+(?:${PLACE_NAME}))(?![\p{L}\d-])`,
	'gu'
);
const ORG_WORDS = new Set(LEXICONS.flatMap((l) => l.organisationWords));

/**
 * Places listed after "across" that the gazetteer lacks, in the document's country. A list
 * item that ends in a kind of body ("Carlisle College") is no place.
 */
const PLACE_LIST_CUE = new RegExp(alternation(LEXICONS.flatMap((l) => l.placeListCues)), 'gu');
const PLACE_LIST_AT = new RegExp(PLACE_LIST.source, 'uy');

/** grams, when given, are the document's (see prefilter.ts): most documents hold no cue, and their scan is skipped. */
export function findListedPlaces(text: string, lower: string, country: string | null, grams?: Trigrams): PlaceMention[] {
	const out: PlaceMention[] = [];
	if (grams && !mayMatch(PLACE_LIST_CUE, grams)) return out;
	for (const m of placeLists(text, lower)) {
		const at = m.index + m[0].length - m[1].length;
		const items = [...text.slice(at, m.index + m[0].length).matchAll(new RegExp(PLACE_NAME, 'gu'))];
		if (
			items.some(
				(i) =>
					ORG_WORDS.has(
						i[0]
							.split(/[ \u00a0]/)
							.pop()!
							.toLowerCase()
					) || countryCode(i[0])
			)
		)
			continue;
		for (const i of items) {
			if (PLACES.has(i[0])) continue;
			out.push({ start: at + i.index, end: at + i.index + i[0].length, name: i[0], country: country ?? '' });
		}
	}
	return out;
}

/**
 * wordMatches(PLACE_LIST, text), tried only where the lower case holds a cue: every match opens
 * with one (its first letter in either case), and scanning the whole text cost about 1 %.
 */
function placeLists(text: string, lower: string): RegExpExecArray[] {
	const cues: number[] = [];
	PLACE_LIST_CUE.lastIndex = 0;
	for (let cue = PLACE_LIST_CUE.exec(lower); cue; cue = PLACE_LIST_CUE.exec(lower)) {
		cues.push(cue.index);
		// Every start of a cue, even inside another one, as the scan would try it.
		PLACE_LIST_CUE.lastIndex = cue.index + 1;
	}
	return matchesAt(PLACE_LIST_AT, text, cues, atWordStart);
}

/**
 * The first words of the authority words ("region" for "regionen", "regional council"; "county"
 * for "county council"), in lower case: every match of REGION_LIST opens with one. Each lies
 * within a word, so a match of one never covers the start of another.
 */
const AUTHORITY_WORDS = LEXICONS.flatMap((l) => l.regionalAuthorities).map((w) => w.toLowerCase().split(' ')[0]);
const AUTHORITY_FIRST_WORDS = alternation(
	AUTHORITY_WORDS.filter((w) => !AUTHORITY_WORDS.some((v) => v.length < w.length && w.startsWith(v)))
);
const AUTHORITY_START = new RegExp(AUTHORITY_FIRST_WORDS, 'g');
/** An authority word right after a digit, which starts no word yet may start a match (no letter before it). */
const AUTHORITY_AFTER_DIGIT = new RegExp(String.raw`\d(?=${AUTHORITY_FIRST_WORDS})`, 'g');
const REGION_LIST_AT = new RegExp(REGION_LIST.source, 'iuy');

/**
 * Regions the gazetteer does not know, named by where the text lists regions each with its
 * country ("i samarbete med regionerna Steiermark i Österrike, Leiria i Portugal samt Skopje
 * i Nordmakedonien").
 */
export function findNamedRegions(text: string, lower: string, grams: Trigrams, index: TextIndex): PlaceMention[] {
	const out: PlaceMention[] = [];
	if (!mayMatch(REGION_LIST, grams)) return out;
	for (const m of regionLists(text, lower, index)) {
		let item: { name: string; country: string; at: number } | null = { name: m[2], country: m[3], at: m.index + m[1].length };
		let end = m.index + m[0].length;
		while (item) {
			if (!PLACES.has(item.name) && !countryCode(item.name) && /^\p{Lu}/u.test(item.name))
				out.push({ start: item.at, end: item.at + item.name.length, name: item.name, country: countryCode(item.country) ?? '' });
			const next = NEXT_IN_LIST.exec(text.slice(end, end + 120));
			item = next ? { name: next[1], country: next[2], at: end + next[0].indexOf(next[1]) } : null;
			if (next) end += next[0].length;
		}
	}
	return out;
}

const notAfterLetter = (text: string, at: number) => !afterLetter(text, at);

/**
 * matchesNotAfterLetter(REGION_LIST, text), tried only where an authority word starts in the
 * lower case: at the word starts the document's index finds them at (see starts.ts), and after
 * a digit. Scanning the whole text case-insensitively cost about 1 % of a document. Every
 * character the pattern's words fold to under the "i" flag is lower-cased to the same, except
 * the long s ("ſ" matches "s"), so a text holding one is scanned as before, as is a text too
 * short to be indexed.
 */
function regionLists(text: string, lower: string, index: TextIndex): Iterable<RegExpExecArray> {
	const starts = index.wordStarts(true);
	const words = starts && !text.includes('\u017f') ? matchesAtWordStarts(AUTHORITY_START, starts) : null;
	if (!words) return matchesNotAfterLetter(REGION_LIST, text);
	const candidates = words.map((m) => m.index);
	for (const m of lower.matchAll(AUTHORITY_AFTER_DIGIT)) candidates.push(m.index + 1);
	candidates.sort((a, b) => a - b);
	return matchesAt(REGION_LIST_AT, text, candidates, notAfterLetter);
}
