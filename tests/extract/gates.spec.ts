import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCorpus, DEV_CORPUS, OWN_CORPUS, UNSEEN_CORPUS } from './corpus';
import { extractDocument } from '../../src/lib/server/ingest/extract';
import { fieldOfKey, fieldOfKeyUncached } from '../../src/lib/server/ingest/extract/keyvalue';
import { detectLanguage } from '../../src/lib/server/ingest/extract/language';
import { findListedPlaces } from '../../src/lib/server/ingest/extract/places';
import { collapse } from '../../src/lib/server/ingest/extract/text';

/**
 * Cheap tests that skip a pattern or a look-up where it cannot find anything (speed, issue 12):
 * a wrong "cannot" would silently drop a value, so each is checked against what it skips.
 */
describe('gates before a scan', () => {
	it('names the field of every key exactly as the lexicons do', () => {
		const keys = [
			'NPA funding',
			'EU funding (ERDF)',
			'(EU) tilskudd',
			'  Norsk prosjekteier',
			'Swedish lead partner',
			'Tilskudd fra Nordland fylkeskommune',
			'Dnr',
			'ID :',
			'Lead \t partner',
			'PROSJEKTEIER',
			'Beviljat belopp (kr)',
			'Dokument 12'
		];
		for (const doc of [...readCorpus(OWN_CORPUS), ...readCorpus(UNSEEN_CORPUS), ...readCorpus(DEV_CORPUS)]) {
			for (const line of doc.text.split('\n')) {
				keys.push(line, line.trim(), line.split(':')[0], ...line.split(/\t| \| /));
			}
		}
		let named = 0;
		for (const key of keys) {
			const field = fieldOfKeyUncached(key);
			expect(fieldOfKey(key), key).toBe(field);
			if (field) named++;
		}
		expect(named).toBeGreaterThan(100);
		expect(['NPA funding', '(EU) tilskudd', '  Norsk prosjekteier', 'Lead \t partner', 'Dnr'].map(fieldOfKey)).toEqual([
			'grant',
			'grant',
			'owner',
			'owner',
			'reference'
		]);
	});

	it('reads a conducted project in a text long enough for the word-start index', () => {
		const text = readFileSync(join(OWN_CORPUS, 'docs/sv4_subject_conducted.txt'), 'utf8');
		const filler = '\n\nSörmland har många små företag inom tjänstesektorn, och behovet av kompetensutveckling är stort i hela länet.';
		const long = text + filler.repeat(12);
		expect(long.length).toBeGreaterThan(1_500);
		const owner = extractDocument(long).records[0].provenance.find((p) => p.field === 'owner');
		expect(owner).toMatchObject({ snippet: 'Eskilstuna Kunskapspark', rule: 'owner.conducted-project' });
	});

	it('lists places after a cue in either case, at word starts only, one list after another', () => {
		const text = 'Across Allerdale, Copeland and Eden. Work across Carlisle and Wigan; xacross Bolton and Bury. Throughout Fylde and Wyre.';
		expect(findListedPlaces(text, text.toLowerCase(), 'GB').map((p) => p.name)).toEqual([
			'Allerdale',
			'Copeland',
			'Eden',
			'Carlisle',
			'Wigan',
			'Fylde',
			'Wyre'
		]);
	});

	it('collapses white space exactly as replacing every run with one space and trimming does', () => {
		const values = ['', ' ', 'a', ' a ', 'a  b', 'a\tb', 'a \n b', 'a\u00a0b', 'a\r\nb', '\u2028a b\u3000', 'a b c'];
		const corpus = [...readCorpus(OWN_CORPUS), ...readCorpus(UNSEEN_CORPUS), ...readCorpus(DEV_CORPUS)];
		for (const doc of corpus) values.push(...doc.text.split('\n'), ...doc.text.split(/\n\s*\n/));
		for (const value of values) expect(collapse(value), JSON.stringify(value)).toBe(value.replace(/\s+/g, ' ').trim());
		expect(collapse(' Fremtidens  Fagfolk\n i Thy ')).toBe('Fremtidens Fagfolk i Thy');
	});

	it('detects a language from the shared lower case as from the text lower-cased on its own', () => {
		// lowerSameLength keeps "İ" one unit where toLowerCase makes two, and may read a final "Σ" otherwise.
		const texts = ['İLE ÖVER OCH PROJEKTET ΣΟΦΟΣ och för att', 'İKKE OG AV FOR ΣΣ ikke'];
		for (const doc of [...readCorpus(OWN_CORPUS), ...readCorpus(UNSEEN_CORPUS), ...readCorpus(DEV_CORPUS)]) {
			texts.push(doc.text.slice(0, 12_000), `İ ${doc.text.slice(0, 2_000).toUpperCase()} Σ`);
		}
		let known = 0;
		for (const text of texts) {
			const guess = detectLanguage(text);
			expect(guess, text.slice(0, 80)).toEqual(detectLanguage(text, text.toLowerCase()));
			if (guess.language !== 'unknown') known++;
		}
		expect(known).toBeGreaterThan(300);
	});
});
