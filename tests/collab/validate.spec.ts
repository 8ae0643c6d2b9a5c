import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyRecord } from '../../src/lib/records/fields';
import { isCountryCode, parseDecimal, parsePercent, type DraftInputs } from '../../src/lib/records/inputs';
import { inputsFromRecord, recordFromInputs } from '../../src/lib/records/kinds';
import { validateInputs, validateRecord } from '../../src/lib/records/validate';
import { validRecord } from './arbitraries';

function inputs(patch: Partial<DraftInputs>): DraftInputs {
	return { ...inputsFromRecord(emptyRecord('A project')), ...patch };
}

const messages = (patch: Partial<DraftInputs>) => validateInputs(inputs(patch)).map((i) => `${i.field}: ${i.message}`);

describe('validation', () => {
	it('finds nothing wrong with a valid record that has a title', () => {
		fc.assert(
			fc.property(validRecord, (r) => {
				const record = { ...r, title: r.title.trim() ? r.title : 'T' };
				if (record.startDate && record.endDate && record.endDate < record.startDate) {
					[record.startDate, record.endDate] = [record.endDate, record.startDate];
				}
				expect(validateRecord(record)).toEqual([]);
			}),
			{ numRuns: 300 }
		);
	});

	it('flags an end date before the start date on the end date', () => {
		expect(messages({ startDate: '2025-06-01', endDate: '2025-01-31' })).toEqual([
			'endDate: The end date is before the start date (2025-06-01).'
		]);
		expect(messages({ startDate: '2025-06-01', endDate: '2025-06-01' })).toEqual([]);
	});

	it('flags an amount that is not a number, a missing or unknown currency', () => {
		expect(messages({ amount: { value: '12 000 kr', currency: 'SEK' } })).toEqual([
			'amount: The amount is not a number (digits, spaces and one decimal mark).'
		]);
		expect(messages({ amount: { value: '12 000', currency: '' } })).toEqual(['amount: Name the currency, e.g. SEK, NOK or EUR.']);
		expect(messages({ amount: { value: '12 000', currency: 'KRR' } })[0]).toMatch(/KRR is not an ISO 4217 currency/);
		expect(messages({ amount: { value: '12 000', currency: 'sek' } })).toEqual([]);
		expect(recordFromInputs(inputs({ amount: { value: '1 200 000,50', currency: 'sek' } })).amount).toEqual({
			value: 1200000.5,
			currency: 'SEK'
		});
	});

	it('accepts ISO 3166-1 alpha-2 countries only', () => {
		for (const c of ['SE', 'NO', 'DK', 'FI', 'XK', 'GB']) expect(isCountryCode(c), c).toBe(true);
		for (const c of ['UK', 'EU', 'ZZ', 'XA', 'QO', 'DD', 'S', 'SWE', 'se']) expect(isCountryCode(c), c).toBe(false);
		expect(messages({ country: 'Sverige' })).toEqual([
			'country: Sverige is not an ISO 3166-1 country code. Use two letters, e.g. SE, NO, DK or FI.'
		]);
		expect(messages({ country: 'se' })).toEqual([]);
	});

	it('flags impossible dates, fractional counts, rates over 100 and a missing title', () => {
		expect(messages({ startDate: '2025-02-30' })).toEqual([
			'startDate: 2025-02-30 is not a day in the calendar; check the month and the day.'
		]);
		expect(messages({ startDate: '30/02/2025' })).toEqual(['startDate: Write the date as YYYY-MM-DD, e.g. 2025-03-31.']);
		expect(messages({ participants: '12.5' })).toEqual(['participants: Write a whole number, e.g. 120.']);
		expect(messages({ cofinancingRate: '140' })).toEqual(['cofinancingRate: Write a percentage from 0 to 100, e.g. 40.']);
		expect(messages({ title: '  ' })).toEqual(['title: Title is required.']);
	});

	it('parses numbers the way Nordic and English documents write them', () => {
		expect(parseDecimal('1 200 000')).toBe(1200000);
		expect(parseDecimal('1,200,000')).toBe(1200000);
		expect(parseDecimal('12,5')).toBe(12.5);
		expect(parseDecimal('1.2.3')).toBeNull();
		expect(parsePercent('7 %')).toBe(0.07);
		expect(parsePercent('42,5%')).toBe(0.425);
	});
});
