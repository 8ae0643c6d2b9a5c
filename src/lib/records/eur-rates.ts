/**
 * Converting amounts to euro for sums and comparisons across countries. One dated table,
 * not live rates: a figure on the statistics page must not move from one day to the next
 * without a change in the data. The original amount and currency are always shown beside.
 *
 * Source: European Central Bank, euro foreign exchange reference rates of 31 December 2024
 * (https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/),
 * units of currency per 1 EUR. Changing the table changes the euro figures of projects
 * published afterwards; republish all to apply it to earlier ones.
 *
 * Checked (machine without network) against a copy of the ECB's own daily file for that day,
 * eurofxref-daily.xml of 2024-12-31 (`<Cube time='2024-12-31'>`), kept in the public repository
 * github.com/vane/ecb-fx at data/2024/2024-12-31.xml (commit 597cdc55248c179ca8d5050b7e5dfa10ed92d043).
 * USD also in the ECB data API's series EXR.D.USD.EUR.SP00.A as quoted in public code.
 */
import type { Money } from './fields';

export const EUR_RATES_DATE = '2024-12-31';

export const EUR_RATES: Readonly<Record<string, number>> = {
	EUR: 1,
	SEK: 11.459, // ECB 2024-12-31: 11.4590 (vane/ecb-fx data/2024/2024-12-31.xml)
	NOK: 11.795, // ECB 2024-12-31: 11.7950 (same file)
	DKK: 7.4578, // ECB 2024-12-31: 7.4578 (same file)
	ISK: 143.9, // ECB 2024-12-31: 143.90 (same file)
	GBP: 0.82918, // ECB 2024-12-31: 0.82918 (same file)
	USD: 1.0389, // ECB 2024-12-31: 1.0389 (same file; and series EXR.D.USD.EUR.SP00.A)
	CHF: 0.9412, // ECB 2024-12-31: 0.9412 (same file)
	PLN: 4.275 // ECB 2024-12-31: 4.2750 (same file)
};

/** Null for a currency the table does not know: better no euro figure than a wrong one. */
export function toEur(amount: Money): number | null {
	const code = amount.currency.toUpperCase();
	return Object.hasOwn(EUR_RATES, code) ? amount.value / EUR_RATES[code] : null;
}
