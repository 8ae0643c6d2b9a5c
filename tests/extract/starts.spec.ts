import { describe, expect, it } from 'vitest';
import { readCorpus, OWN_CORPUS, UNSEEN_CORPUS } from './corpus';
import {
	FUNDING_WORDS,
	GRANT_VERBS,
	OWNER_CUES,
	PARTNER_CUES,
	PROGRAMME_PATTERNS,
	RECEIVE_VERBS,
	TITLE_CUES
} from '../../src/lib/server/ingest/extract/lexicon';
import { extractDocument } from '../../src/lib/server/ingest/extract';
import {
	matchesAfterRuns,
	matchesAtWordStarts,
	registeredPatterns,
	SpaceRuns,
	WordStarts
} from '../../src/lib/server/ingest/extract/starts';
import { isWordUnit, lowerSameLength, wordMatches } from '../../src/lib/server/ingest/extract/text';

const found = (ms: Iterable<RegExpExecArray>) => [...ms].map((m) => [m.index, ...m]);

/** What a scan of the whole text finds: each match from where the last one ended. */
function* scan(re: RegExp, text: string): Generator<RegExpExecArray> {
	re.lastIndex = 0;
	let m: RegExpExecArray | null;
	while ((m = re.exec(text))) {
		if (m[0].length === 0) re.lastIndex++;
		yield m;
	}
}

/**
 * Trying a pattern only at the word starts it can open at must find exactly the matches a
 * scan of the whole text finds: a position wrongly passed over would silently drop a value.
 */
describe('word starts', () => {
	it('tries a pattern only where its openings stand, and finds what a whole scan finds', () => {
		const text = 'Projektägare är Region Gävleborg; partnerna är Ljusdals kommun och ABC-partner AB.';
		const starts = new WordStarts(lowerSameLength(text));
		const re = /(?:projektägare|partnerna) är /gu;
		expect(found(matchesAtWordStarts(re, starts)!)).toEqual(found(wordMatches(re, starts.text)));
		expect(matchesAtWordStarts(re, starts)!.map((m) => m.index)).toEqual([0, 34]);
		// "ABC-partner": a match after a character the caller excludes is no match.
		const partner = /partner/gu;
		expect(matchesAtWordStarts(partner, starts, '-')!.map((m) => m.index)).toEqual([34]);
		expect(matchesAtWordStarts(partner, starts)!.map((m) => m.index)).toEqual([34, 71]);
	});

	it('shares word starts and runs between a text and its lower case, which lower-casing keeps', () => {
		// Every UTF-16 unit lower-cases to a letter or digit exactly when it is one, and to white space only from white space.
		for (let c = 0; c < 0x10000; c++) {
			const lower = lowerSameLength(String.fromCharCode(c));
			expect(isWordUnit(lower.charCodeAt(0)), c.toString(16)).toBe(isWordUnit(c));
			expect(/\s/.test(lower), c.toString(16)).toBe(/\s/.test(String.fromCharCode(c)));
		}
	});

	it('claims nothing where the source does not tell how a match opens', () => {
		const starts = new WordStarts('a b');
		// A letter class, any character, a back-reference, case folding: the whole text is scanned instead.
		for (const re of [/\p{L}+ b/gu, /.b/gu, /(a)\1/gu, /a b/giu, /a?/gu]) expect(matchesAtWordStarts(re, starts)).toBeNull();
		const longer = new WordStarts(`a b ${'x '.repeat(20)}`);
		expect(matchesAtWordStarts(/(?<![\p{L}])a(?= )/gu, longer)!.map((m) => m.index)).toEqual([0]);
		// Where the pattern may open at most words, the whole text is scanned instead.
		expect(matchesAtWordStarts(/[a-z]/gu, longer)).toBeNull();
	});

	it('tries a pattern that opens with white space only at the runs before its words', () => {
		const text = `Region Gävleborg  har fått  stöd; Ljusdals kommun\thar fått\n\nmedel ${'och '.repeat(20)}`;
		const runs = (kind: 'space' | 'blank') => new SpaceRuns(text, kind);
		const re = /\s+har fått\s/gu;
		expect(found(matchesAfterRuns(re, runs)!)).toEqual(found(scan(re, text)));
		expect(matchesAfterRuns(re, runs)!.map((m) => m.index)).toEqual([16, 49]);
		const blank = /[ \t]+har fått[ \t]+/gu;
		expect(found(matchesAfterRuns(blank, runs)!)).toEqual(found(scan(blank, text)));
		// A run the words may themselves open with, or a run of only one alternative: not read.
		expect(matchesAfterRuns(/\s+\s?har/gu, runs)).toBeNull();
		expect(matchesAfterRuns(/\s+har|fått/gu, runs)).toBeNull();
	});

	it('finds what a whole scan finds for every cue pattern in every test document', () => {
		const lexical = [PARTNER_CUES, OWNER_CUES, TITLE_CUES, GRANT_VERBS, RECEIVE_VERBS, FUNDING_WORDS];
		const patterns = [
			...lexical.map((source) => new RegExp(String.raw`(?:${source})(?![\p{L}])`, 'gu')),
			...lexical.map((source) => new RegExp(String.raw`(?:${source})\s+(?:den|det|the)?`, 'gu')),
			new RegExp(String.raw`(?:${PROGRAMME_PATTERNS.join('|')})(?![\p{L}\d])`, 'gu'),
			/[0-9]{2,4}(?:[ .,]\d{3})*\s?(?:kr|mkr|nok)/gu,
			/(?:[dD]en|[tT]he)\s+(\p{Lu}\p{L}*)/gu
		];
		const spaced = lexical.flatMap((source) => [
			new RegExp(String.raw`\s+(?:${source})(?![\p{L}])`, 'gu'),
			new RegExp(String.raw`[ \t]+(?:${source})[ \t]+`, 'gu'),
			new RegExp(String.raw`\s+(?:(?:har|has)\s+)?(?:${source})\s`, 'gu')
		]);
		const texts = [...readCorpus(OWN_CORPUS), ...readCorpus(UNSEEN_CORPUS)].map((d) => d.text);
		let indexed = 0;
		for (const text of texts) {
			for (const t of [text, lowerSameLength(text)]) {
				const starts = new WordStarts(t);
				for (const re of patterns) {
					for (const notAfter of ['', '-']) {
						const fast = matchesAtWordStarts(re, starts, notAfter);
						if (!fast) continue;
						indexed++;
						expect(found(fast), `${re.source.slice(0, 60)} in ${t.slice(0, 40)}`).toEqual(found(wordMatches(re, t, notAfter)));
					}
				}
				const runs = { space: new SpaceRuns(t, 'space'), blank: new SpaceRuns(t, 'blank') };
				for (const re of spaced) {
					const fast = matchesAfterRuns(re, (kind) => runs[kind]);
					if (!fast) continue;
					indexed++;
					expect(found(fast), `${re.source.slice(0, 60)} in ${t.slice(0, 40)}`).toEqual(found(scan(re, t)));
				}
			}
		}
		// The test means something only if the patterns were indexed.
		expect(indexed).toBeGreaterThan(texts.length * (patterns.length + spaced.length));
	});
});

describe('the cue registry', () => {
	it('holds the same patterns after the corpora are extracted again: no pattern is built per document', () => {
		const texts = [...readCorpus(OWN_CORPUS), ...readCorpus(UNSEEN_CORPUS)].map((d) => d.text);
		for (const t of texts) extractDocument(t);
		const after = registeredPatterns();
		expect(after).toBeGreaterThan(0);
		for (const t of texts) extractDocument(`${t}\n\nAgain`);
		expect(registeredPatterns()).toBe(after);
	});
});
