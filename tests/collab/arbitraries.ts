/** fast-check generators of valid records: what the extractor or an editor can produce. */
import fc from 'fast-check';
import type { Contact, ProjectRecord } from '../../src/lib/records/fields';

const word = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '');
const optText = fc.option(word, { nil: null });
const day = fc
	.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2060-12-31T00:00:00Z'), noInvalidDate: true })
	.map((d) => d.toISOString().slice(0, 10));

const contact: fc.Arbitrary<Contact> = fc.record({
	name: word,
	role: optText,
	organisation: optText,
	phone: optText,
	email: fc.option(fc.emailAddress(), { nil: null }),
	public: fc.boolean()
});

/** A NUTS 2021 region in each generated country, so a code and the country agree. */
const NUTS_IN: Record<string, string> = { SE: 'SE110', NO: 'NO081', DK: 'DK011', FI: 'FI1D7', IS: 'IS001', DE: 'DE300' };

export const validRecord: fc.Arbitrary<ProjectRecord> = fc
	.record({
		title: fc.string({ maxLength: 60 }),
		reference: optText,
		owner: optText,
		funder: optText,
		programme: optText,
		amount: fc.option(
			fc.record({
				value: fc.oneof(
					fc.integer({ min: 0, max: 1e12 }),
					fc.integer({ min: 0, max: 1e8 }).map((n) => n / 100)
				),
				currency: fc.constantFrom('SEK', 'NOK', 'EUR', 'DKK', 'USD')
			}),
			{ nil: null }
		),
		cofinancingRate: fc.option(
			fc.integer({ min: 0, max: 1000 }).map((k) => k / 1000),
			{ nil: null }
		),
		startDate: fc.option(day, { nil: null }),
		endDate: fc.option(day, { nil: null }),
		country: fc.option(fc.constantFrom('SE', 'NO', 'DK', 'FI', 'IS', 'DE'), { nil: null }),
		regions: fc.array(word, { maxLength: 4 }),
		partners: fc.array(word, { maxLength: 4 }),
		participants: fc.option(fc.nat({ max: 1e6 }), { nil: null }),
		companies: fc.option(fc.nat({ max: 1e5 }), { nil: null }),
		summary: optText,
		themes: fc.array(word, { maxLength: 3 }),
		nuts: fc.option(fc.constantFrom('SE', 'SE2', 'SE23', 'NO0A2', 'FI200'), { nil: null }),
		contacts: fc.array(contact, { maxLength: 3 })
	})
	.map((r) => (r.nuts && r.country ? { ...r, nuts: NUTS_IN[r.country] } : r));
