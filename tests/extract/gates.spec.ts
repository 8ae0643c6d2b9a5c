import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCorpus, DEV_CORPUS, OWN_CORPUS, UNSEEN_CORPUS } from './corpus';
import { extractDocument } from '../../src/lib/server/ingest/extract';
import { aggregateClues } from '../../src/lib/server/ingest/extract/aggregates';
import { findDates } from '../../src/lib/server/ingest/extract/dates';
import { analyse } from '../../src/lib/server/ingest/extract/doc';
import { findCofinancingRate } from '../../src/lib/server/ingest/extract/rates';
import { fieldOfKey, fieldOfKeyUncached } from '../../src/lib/server/ingest/extract/keyvalue';
import { detectLanguage } from '../../src/lib/server/ingest/extract/language';
import { findListedPlaces, findNamedRegions } from '../../src/lib/server/ingest/extract/places';
import { Trigrams } from '../../src/lib/server/ingest/extract/prefilter';
import { TextIndex } from '../../src/lib/server/ingest/extract/starts';
import { collapse, findEmails, lowerSameLength } from '../../src/lib/server/ingest/extract/text';

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

	it('names regions after an authority word in any case, not after a letter, each start tried', () => {
		// Each text alone (scanned whole) and followed by enough filler for the word-start index.
		const filler = '\n\nProsjektet skal styrke samarbeidet i hele regionen og utvikle nye tjenester. '.repeat(20);
		const named = (text: string) => {
			const answers = [text, text + filler].map((t) => {
				const lower = lowerSameLength(t);
				return findNamedRegions(t, lower, new Trigrams(lower), new TextIndex(t, lower)).map((p) => `${p.name}/${p.country}`);
			});
			expect(answers[1]).toEqual(answers[0]);
			return answers[0];
		};
		expect(named('i samarbete med regionerna Steiermark i Österrike, Leiria i Portugal samt Skopje i Nordmakedonien.')).toEqual([
			'Steiermark/AT',
			'Leiria/PT',
			'Skopje/MK'
		]);
		expect(named('REGIONEN Vrakholm i Tyskland. Xregion Brakholm i Tyskland. 2region Drakholm in Germany.')).toEqual([
			'Vrakholm/DE',
			'Drakholm/DE'
		]);
		// "county council" starts a root, and "council of" another inside it.
		expect(named('the county council of Brakshire in Scotland')).toEqual(['Brakshire/GB']);
		// The long s folds to "s" under the case-insensitive flag, yet lower-cases to itself.
		expect(named('Landſtinget Vrakholm i Sverige')).toEqual(['Vrakholm/SE']);
	});

	it("reads a sentence's aggregate clues in any case, the long s too", () => {
		const clues = (text: string) => {
			const doc = analyse(text, 'sv', null);
			return aggregateClues(doc, doc.seg.sentences[0]);
		};
		expect(clues('FEM PROJEKT FÅR TOTALT 3 MILJONER KRONOR.')).toEqual({ plural: true, pool: false, total: true });
		// "ſ" matches "s" under the case-insensitive flag, yet lower-cases to itself.
		expect(clues('Pengarna går till 5 ſatsningar i länet.')).toMatchObject({ plural: true });
		expect(clues('Projektet får 3 miljoner kronor.')).toEqual({ plural: false, pool: false, total: false });
	});

	it('reads a co-financing sentence in capitals and with a long s', () => {
		const rate = (text: string) => findCofinancingRate(analyse(text, 'sv', null), { start: 0, end: text.length })?.value;
		expect(rate('Projektet får 2 miljoner kronor. EU MEDFINANSIERAR 40 PROCENT AV KOSTNADERNA.')).toBe(0.4);
		expect(rate('Projektet får 2 miljoner. Projektet är medfinanſierat till 40 procent.')).toBe(0.4);
	});

	it('reads an address\'s local part as /[\\w.+-]+$/ does in the 64 units before its "@"', () => {
		const emails = (text: string) => findEmails(text).map((e) => text.slice(e.start, e.end));
		expect(emails('Kontakt: anna_b.svensson+eu-x@region.se, tel 010')).toEqual(['anna_b.svensson+eu-x@region.se']);
		expect(emails('Skriv till åsa@kommun.no eller @foo.se')).toEqual(['sa@kommun.no']);
		expect(emails(`${'a'.repeat(70)}@x.dk`)).toEqual([`${'a'.repeat(64)}@x.dk`]);
		expect(emails('a@b c@d.e')).toEqual(['c@d.e']);
	});

	it('reads dates only where their look-behinds allow, each scan from its last match', () => {
		const text =
			'Start 2021-05-03, not -2022-06-04 nor 12021-01-01; 1.2.2022-3.4.2023 and 01/02/2022, a1.2.2022, .5.6.2022, /7.8.2022, ' +
			'12.13.2022, 3-4-2024-5, 2023-1-9 2023-01-09-x 5.6.2021-7.8.2022x 9/10/2021-11/12/2022';
		// The answers of the three whole-text scans with their look-behinds.
		expect(findDates(text).map((d) => `${d.start}:${d.iso}:${d.rule}`)).toEqual([
			'6:2021-05-03:date.iso',
			'51:2022-02-01:date.dotted',
			'60:2023-04-03:date.dotted',
			'73:2022-02-01:date.slashed',
			'86:2022-02-01:date.dotted',
			'118:2022-12-13:date.dotted',
			'142:2023-01-09:date.iso',
			'164:2021-06-05:date.dotted',
			'173:2022-08-07:date.dotted',
			'183:2021-10-09:date.slashed',
			'193:2022-12-11:date.slashed'
		]);
		const prose = 'Från 3 juni 2022 till x4 juni 2022, é5 juni 2022, 1st of May 2021, 123 juni 2022, 7-8 juni 2022 och 31. desember 2023.';
		expect(findDates(prose).map((d) => `${d.start}:${d.iso}:${d.rule}`)).toEqual([
			'5:2022-06-03:date.text',
			'50:2021-05-01:date.text',
			'84:2022-06-08:date.text',
			'100:2023-12-31:date.text'
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
