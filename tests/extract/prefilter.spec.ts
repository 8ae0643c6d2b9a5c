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
import { mayMatch, requiredLiterals, Trigrams } from '../../src/lib/server/ingest/extract/prefilter';
import { lowerSameLength } from '../../src/lib/server/ingest/extract/text';

/**
 * The prefilter may only skip a pattern that cannot match: a wrong "cannot" would silently
 * drop a value. Its answers are checked against the patterns themselves.
 */
describe('prefilter', () => {
	it('reads the literals every match needs', () => {
		expect(requiredLiterals(/\s+(?:har fått|receives)\s+/gu)).toEqual([['har fått', 'receives']]);
		// Optional parts are no requirement; a class of one letter in both cases is that letter.
		expect(requiredLiterals(/(?:samverkans|samarbets)?partner(?:s|na)?/gu)).toEqual([['partner']]);
		expect(requiredLiterals(/Europeiska [sS]ocialfonden|Interreg/gu)).toEqual([['europeiska socialfonden', 'interreg']]);
		// Each part of a sequence is required: the most telling first.
		expect(requiredLiterals(/(?:region|county)\p{L}* i (?:Sverige|Norge)/giu)).toEqual([
			['region', 'county'],
			['sverige', 'norge'],
			[' i ']
		]);
		// Look-arounds consume nothing; an alternative without a literal leaves nothing required.
		expect(requiredLiterals(/x(?=abc)/u)).toEqual([['x']]);
		expect(requiredLiterals(/abc|\d+/u)).toEqual([]);
		// Letters a case-insensitive pattern may match in another lower case are not claimed.
		expect(requiredLiterals(/µ/iu)).toEqual([]);
		// Nor are the nested classes of the v flag read.
		expect(requiredLiterals(new RegExp('[a[bc]]xyz', 'v'))).toEqual([]);
	});

	it('tries every word of a list that opens the same way', () => {
		// The literals are filed under their first three letters: a later word of a group still counts.
		const re = /(?:partnerbolag|partnerkommun|partnerskap)/u;
		const holds = (text: string) => mayMatch(re, new Trigrams(lowerSameLength(text)));
		expect(holds('ett nytt partnerskap')).toBe(true);
		expect(holds('en partnerkommun')).toBe(true);
		expect(holds('partnerland')).toBe(false);
		expect(holds('')).toBe(false);
		// A literal of fewer than three letters is read by its characters.
		expect(mayMatch(/x|ab/u, new Trigrams('b a'))).toBe(true);
		expect(mayMatch(/x|ab/u, new Trigrams('b c'))).toBe(false);
	});

	it('says a pattern cannot match only when it does not', () => {
		const lexical = [PARTNER_CUES, OWNER_CUES, TITLE_CUES, GRANT_VERBS, RECEIVE_VERBS, FUNDING_WORDS, PROGRAMME_PATTERNS.join('|')];
		const patterns = [
			...lexical.map((source) => new RegExp(String.raw`\s+(?:${source})(?![\p{L}])`, 'u')),
			...lexical.map((source) => new RegExp(source, 'iu')),
			/£\s?\d|\bGBP\b/,
			/strasse|STRAßE/u,
			/\bſtift/i
		];
		const texts = [...readCorpus(OWN_CORPUS), ...readCorpus(UNSEEN_CORPUS)].flatMap((d) =>
			d.text.split(/\n\s*\n/).flatMap((p) => [p, p.toUpperCase(), p.replace(/s/g, 'ſ')])
		);
		let skipped = 0;
		for (const text of texts) {
			const lower = lowerSameLength(text);
			const grams = new Trigrams(lower);
			for (const re of patterns) {
				if (mayMatch(re, grams)) continue;
				skipped++;
				expect(re.test(text) || re.test(lower), `${re.source.slice(0, 60)} in ${text.slice(0, 60)}`).toBe(false);
			}
		}
		// The test means something only if the prefilter skipped often.
		expect(skipped).toBeGreaterThan(1000);
	});
});
