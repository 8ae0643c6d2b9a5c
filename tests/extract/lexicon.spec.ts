import { describe, expect, it } from 'vitest';
import { LEXICONS } from '../../src/lib/server/ingest/extract/lang';

/**
 * A new language is one lexicon file: these checks say what a lexicon must fill in before
 * the grammar can use it, so that a missing list fails here and not as silently lower scores.
 */
/** Lists a language may leave empty: English has no definite suffixes ("kommunen") nor compound endings; few languages have extra partner phrases ("får del i"). */
const MAY_BE_EMPTY = new Set(['colonOnlyLabels', 'anaphora', 'organisationSuffixes', 'partnerPhrases']);
const FIELDS_EVERY_TABLE_NEEDS = ['title', 'owner', 'grant', 'start', 'end'] as const;

describe('lexicons', () => {
	for (const lex of LEXICONS) {
		describe(lex.code, () => {
			it('fills every word list', () => {
				for (const [field, value] of Object.entries(lex)) {
					if (Array.isArray(value) && !MAY_BE_EMPTY.has(field)) expect(value.length, field).toBeGreaterThan(0);
				}
				for (const [group, lists] of [
					['aggregates', lex.aggregates],
					['tableHeaders', lex.tableHeaders],
					['scales', lex.scales],
					['relations', lex.relations],
					['pageChrome', lex.pageChrome]
				] as const) {
					for (const [name, list] of Object.entries(lists)) {
						if (!MAY_BE_EMPTY.has(name)) expect((list as string[]).length, `${group}.${name}`).toBeGreaterThan(0);
					}
				}
				expect(lex.months).toHaveLength(12);
				expect(Object.keys(lex.currencyWords).length, 'currencyWords').toBeGreaterThan(0);
			});

			it('names the fields a fact box or table needs', () => {
				for (const f of FIELDS_EVERY_TABLE_NEEDS) expect(lex.labels[f]?.length ?? 0, f).toBeGreaterThan(0);
			});

			it('writes its words trimmed and, where compared as lower case, in lower case', () => {
				const lower = [
					...Object.values(lex.labels).flat(),
					...lex.grantVerbs,
					...lex.receiveVerbs,
					...lex.fundingWords,
					...lex.titleCues,
					...lex.clauseWords,
					...lex.sayVerbs,
					...lex.conjunctions,
					...Object.keys(lex.currencyWords),
					...lex.currencyPrefixes,
					...lex.percentWords,
					...Object.values(lex.pageChrome).flat(),
					...lex.totalRows
				];
				for (const w of lower) {
					expect(w, w).toBe(w.trim());
					expect(w, w).toBe(w.toLowerCase());
				}
			});
		});
	}
});
