/** NUTS 2021 and ISO 3166 validation (issue 14, item 9): XX99 was accepted and published. */
import { describe, expect, it } from 'vitest';
import { emptyRecord } from '../../src/lib/records/fields';
import { isNutsCode, nutsCodes, nutsCountry, nutsIssue } from '../../src/lib/records/nuts';
import { validateRecord } from '../../src/lib/records/validate';

const EU27 = [
	'AT',
	'BE',
	'BG',
	'CY',
	'CZ',
	'DE',
	'DK',
	'EE',
	'EL',
	'ES',
	'FI',
	'FR',
	'HR',
	'HU',
	'IE',
	'IT',
	'LT',
	'LU',
	'LV',
	'MT',
	'NL',
	'PL',
	'PT',
	'RO',
	'SE',
	'SI',
	'SK'
];
const inEu = (code: string) => EU27.includes(code.slice(0, 2));

describe('the NUTS 2021 list', () => {
	it('has as many regions in the EU-27 at each level as Eurostat counts', () => {
		expect(nutsCodes(0).filter(inEu)).toHaveLength(27);
		expect(nutsCodes(1).filter(inEu)).toHaveLength(92);
		expect(nutsCodes(2).filter(inEu)).toHaveLength(242);
		expect(nutsCodes(3).filter(inEu)).toHaveLength(1166);
	});

	it('nests: every region’s parent is a region one level up', () => {
		for (const level of [1, 2, 3] as const) {
			for (const code of nutsCodes(level)) expect(isNutsCode(code.slice(0, -1)), code).toBe(true);
		}
	});

	it('knows the Nordic regions of 2021 (Norway’s counties after the 2020 reform, Åland, Iceland)', () => {
		for (const code of [
			'SE110',
			'SE332',
			'SE23',
			'NO081',
			'NO082',
			'NO0A2',
			'NO074',
			'NO0B2',
			'DK011',
			'FI200',
			'FI1D7',
			'IS001',
			'EL303',
			'UKI31'
		]) {
			expect(isNutsCode(code), code).toBe(true);
		}
		// Codes of 2016 that 2021 replaced, and things that only look like codes.
		for (const code of ['NO011', 'NO043', 'XX99', 'SE9', 'GR30', 'se110', 'SE1100', '']) expect(isNutsCode(code), code).toBe(false);
		expect(isNutsCode('SEZZZ')).toBe(true);
	});

	it('says why a code is refused, and maps NUTS country codes to ISO ones', () => {
		expect(nutsIssue('XX99')).toMatch(/^XX99 is not a NUTS 2021 code/);
		expect(nutsIssue('se110')).toBe('Write the code in capitals: SE110.');
		expect(nutsIssue('SE110')).toBeNull();
		expect(nutsIssue('  ')).toBeNull();
		expect([nutsCountry('EL30'), nutsCountry('UKI'), nutsCountry('SE110')]).toEqual(['GR', 'GB', 'SE']);
	});
});

describe('record validation with NUTS and ISO codes', () => {
	const issues = (over: object) => validateRecord({ ...emptyRecord('Projekt'), ...over }).map((i) => `${i.field}: ${i.message}`);

	it('refuses XX99 beside the field, and a region outside the record’s country', () => {
		expect(issues({ nuts: 'XX99' })).toEqual([expect.stringMatching(/^nuts: XX99 is not a NUTS 2021 code/)]);
		expect(issues({ nuts: 'NO081', country: 'SE' })).toEqual(['nuts: NO081 is a region in NO, but the country is SE.']);
		expect(issues({ nuts: 'EL303', country: 'GR' })).toEqual([]);
		expect(issues({ nuts: 'SE110', country: 'SE' })).toEqual([]);
	});

	it('takes countries from the ISO 3166-1 table, the same in every browser and in Node', () => {
		expect(issues({ country: 'XX' })).toEqual(['country: XX is not an ISO 3166-1 country code. Use two letters, e.g. SE, NO, DK or FI.']);
		expect(issues({ country: 'UK' })).toHaveLength(1);
		expect(issues({ country: 'GB' })).toEqual([]);
	});
});
