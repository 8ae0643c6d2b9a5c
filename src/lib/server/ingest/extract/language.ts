import type { DocLanguage } from '../../../records/provenance';

export type Lang = Exclude<DocLanguage, 'unknown'>;

export interface LanguageGuess {
	language: DocLanguage;
	/** Offset of a word that is typical of the language: the evidence for derived values. */
	evidence: { start: number; end: number } | null;
}

/**
 * Function words and domain words, weighted by how well they separate the languages.
 * Words shared by the Scandinavian languages weigh little; the ones that tell
 * Norwegian from Danish ("av"/"af", "etter"/"efter") weigh most.
 */
const MARKERS: Record<Lang, Record<string, number>> = {
	sv: {
		och: 1.5, att: 1, är: 2, för: 1, som: 0.3, till: 1, av: 0.3, ett: 1.5, inte: 2, från: 2,
		också: 2, kommer: 1, ska: 1.5, kronor: 3, miljoner: 2.5, eller: 0.5, även: 2, sig: 1,
		deras: 1, vara: 1, samt: 2, hur: 1.5, vid: 1, där: 2, när: 1.5, utan: 1, mellan: 2,
		genom: 1.5, företag: 2.5, deltagare: 3, län: 2, projektet: 0.3, inom: 1.5, detta: 2,
		dessa: 2, sina: 1, skall: 1, kompetensutveckling: 1, öka: 2, stöd: 2, beviljat: 2, beviljade: 2,
		projektägare: 3, projektnamn: 3, belopp: 2, kommun: 2, diarienummer: 3, slutdatum: 3, namn: 2,
		ärendenummer: 3, projektperiod: 3, fond: 0.5, berörd: 3
	},
	no: {
		og: 1, å: 2, er: 0.5, til: 0.5, av: 1.5, ikke: 0.5, fra: 0.5, også: 0.5, skal: 0.5,
		prosjektet: 3, prosjekt: 3, prosjekter: 3, sier: 2.5, etter: 2.5, ble: 2.5, mellom: 2.5,
		noen: 2.5, bare: 1.5, gjennom: 3, bedrifter: 3, deltakere: 3, næringsliv: 2.5,
		næringslivet: 2.5, kompetanse: 2, ikkje: 3, eit: 2, ein: 1.5, dei: 1.5, frå: 3, òg: 3,
		korleis: 3, kva: 3, berre: 3, fylkeskommune: 2.5, fylkeskommunen: 2.5, blir: 2, hva: 2,
		mye: 2, tilskudd: 3, støtte: 1, bedriftene: 3, utdanning: 2.5, verksemder: 3, prosjekta: 3,
		millionar: 3, deltakarar: 3, samarbeid: 2, hvordan: 0.5, prosjekteier: 3, prosjektnavn: 3,
		beløp: 2, sluttdato: 3, prosjektperiode: 2, tildelt: 2, innvilget: 3, tilsagn: 1
	},
	da: {
		og: 1, at: 0.5, er: 0.5, til: 0.5, af: 2.5, ikke: 0.5, fra: 0.5, også: 0.5, skal: 0.5,
		siger: 2.5, efter: 2.5, blev: 2.5, mellem: 2.5, nogle: 2.5, gennem: 3, virksomheder: 3,
		deltagere: 2.5, være: 0.5, vores: 2, hvordan: 1.5, mio: 2, bliver: 2, uddannelse: 3,
		erhvervslivet: 3, projektet: 0.3, projekter: 2, kommunerne: 2.5, samarbejde: 3,
		tilskud: 3, støttet: 1, hvilket: 1, denne: 0.5, både: 0.5, nye: 0.3, året: 0.5, ansatte: 0.3,
		projektejer: 3, beløb: 3, tilsagn: 2, tilsagnsmodtager: 3, projektperiode: 1, bevilget: 1
	},
	en: {
		the: 1.5, and: 1, of: 1, to: 0.5, is: 1, with: 0.5, project: 1, that: 1, which: 1.5,
		are: 1, will: 1, this: 1, by: 1, be: 1, has: 1, have: 1, was: 1, its: 1.5, their: 1.5,
		an: 1, on: 0.5, from: 0.5, partners: 0.5, through: 1, between: 1, these: 1, regional: 0.3,
		development: 0.5, companies: 1, lead: 1, budget: 0.3, programme: 1, period: 0.5
	}
};

// Splitting on spaces, digits and punctuation is much faster than on "not a letter" (\P{L}).
const NON_LETTERS = /[\s\d.,;:!?()[\]{}"'«»“”„’/\\|•·*–—_+=<>&%€$£§@#-]+/;
const LANGS: Lang[] = ['sv', 'no', 'da', 'en'];

/** Each marker word with its weight in every language, so that a word is looked up once. */
const WEIGHTS = new Map<string, number[]>();
for (const [i, lang] of LANGS.entries()) {
	for (const [word, weight] of Object.entries(MARKERS[lang])) {
		const w = WEIGHTS.get(word) ?? [0, 0, 0, 0];
		w[i] = weight;
		WEIGHTS.set(word, w);
	}
}
const SCAN_LIMIT = 12_000;

/** Below this share of weighted marker hits per word, the text is not in a language we read. */
const MIN_DENSITY = 0.12;
const MIN_HITS = 3;

export function detectLanguage(text: string): LanguageGuess {
	const sample = text.length > SCAN_LIMIT ? text.slice(0, SCAN_LIMIT) : text;
	const score: Record<Lang, number> = { sv: 0, no: 0, da: 0, en: 0 };
	const hits: Record<Lang, number> = { sv: 0, no: 0, da: 0, en: 0 };
	const firstStrong: Record<Lang, string | null> = { sv: null, no: null, da: null, en: null };
	let words = 0;
	for (const word of sample.toLowerCase().split(NON_LETTERS)) {
		if (!word) continue;
		words++;
		const weights = WEIGHTS.get(word);
		if (!weights) continue;
		for (let i = 0; i < LANGS.length; i++) {
			const weight = weights[i];
			if (!weight) continue;
			const lang = LANGS[i];
			score[lang] += weight;
			hits[lang]++;
			if (weight >= 2 && !firstStrong[lang]) firstStrong[lang] = word;
		}
	}
	// Letters that only Swedish, or only Norwegian and Danish, use.
	const sweLetters = (sample.match(/[äöÄÖ]/g) ?? []).length;
	const norDanLetters = (sample.match(/[æøÆØ]/g) ?? []).length;
	score.sv += Math.min(sweLetters, 40) * 0.3;
	score.no += Math.min(norDanLetters, 40) * 0.3;
	score.da += Math.min(norDanLetters, 40) * 0.3;

	const ranked = (Object.keys(score) as Lang[]).sort((a, b) => score[b] - score[a]);
	const best = ranked[0];
	// Short tables and key:value entries have few function words; their letters still tell.
	const letterHits = Math.floor((best === 'sv' ? sweLetters : best === 'en' ? 0 : norDanLetters) / 3);
	if (words === 0 || hits[best] + letterHits < MIN_HITS || score[best] / words < MIN_DENSITY) {
		return { language: 'unknown', evidence: null };
	}
	return { language: best, evidence: locate(sample, firstStrong[best]) };
}

/** Where a marker word first stands in the text. */
function locate(text: string, word: string | null): { start: number; end: number } | null {
	if (!word) return null;
	const m = new RegExp(String.raw`(?<![\p{L}])${word}(?![\p{L}])`, 'iu').exec(text);
	return m ? { start: m.index, end: m.index + m[0].length } : null;
}
