/** Every currency the data can carry has a euro rate: a missing one would silently drop amounts from every euro sum. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EUR_RATES, EUR_RATES_DATE, toEur } from '../../src/lib/records/eur-rates';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The currencies the extractor writes (its source names each one as a code) and those in its expected records. */
function currenciesInData(): Set<string> {
	const found = new Set<string>();
	const extractor = readFileSync(join(ROOT, 'src/lib/server/ingest/extract/amounts.ts'), 'utf8');
	for (const m of extractor.matchAll(/'([A-Z]{3})'/g)) found.add(m[1]);
	const truth = join(ROOT, 'tests/extract/truth');
	for (const f of readdirSync(truth))
		for (const m of readFileSync(join(truth, f), 'utf8').matchAll(/"currency":\s*"([A-Z]{3})"/g)) found.add(m[1]);
	return found;
}

describe('EUR_RATES', () => {
	it('has a rate for every currency the extractor and the expected records use, and for the Nordic and neighbouring ones', () => {
		const needed = new Set([...currenciesInData(), 'SEK', 'NOK', 'DKK', 'ISK', 'CHF', 'PLN', 'GBP', 'USD', 'EUR']);
		expect(needed.size).toBeGreaterThan(5);
		for (const c of needed) {
			expect(EUR_RATES[c], `no euro rate for ${c}`).toBeDefined();
			expect(Number.isFinite(EUR_RATES[c]) && EUR_RATES[c] > 0, c).toBe(true);
		}
	});

	it('is one dated table: the ECB reference rates of 31 December 2024', () => {
		expect(EUR_RATES_DATE).toBe('2024-12-31');
		// The ECB's published values for that day, as its eurofxref-daily.xml of 2024-12-31 gives
		// them (a copy: github.com/vane/ecb-fx, data/2024/2024-12-31.xml), for every currency in use.
		expect(EUR_RATES).toEqual({
			EUR: 1,
			SEK: 11.459,
			NOK: 11.795,
			DKK: 7.4578,
			ISK: 143.9,
			GBP: 0.82918,
			USD: 1.0389,
			CHF: 0.9412,
			PLN: 4.275
		});
		expect(EUR_RATES.EUR).toBe(1);
		expect(toEur({ value: 11_459, currency: 'sek' })).toBeCloseTo(1000, 6);
		expect(toEur({ value: 1, currency: 'XYZ' })).toBeNull();
	});
});
