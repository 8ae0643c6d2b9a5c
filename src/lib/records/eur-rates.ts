/**
 * Converting amounts to euro for sums and comparisons across countries. One dated table,
 * not live rates: a figure on the statistics page must not move from one day to the next
 * without a change in the data. The original amount and currency are always shown beside.
 *
 * Source: European Central Bank, euro foreign exchange reference rates of 31 December 2024
 * (https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/),
 * units of currency per 1 EUR. Changing the table changes the euro figures of projects
 * published afterwards; republish all to apply it to earlier ones.
 */
import type { Money } from './fields';

export const EUR_RATES_DATE = '2024-12-31';

export const EUR_RATES: Readonly<Record<string, number>> = {
	EUR: 1,
	SEK: 11.459,
	NOK: 11.795,
	DKK: 7.4578,
	ISK: 143.9,
	GBP: 0.82918,
	USD: 1.0389,
	CHF: 0.9412,
	PLN: 4.275
};

/** Null for a currency the table does not know: better no euro figure than a wrong one. */
export function toEur(amount: Money): number | null {
	const code = amount.currency.toUpperCase();
	return Object.hasOwn(EUR_RATES, code) ? amount.value / EUR_RATES[code] : null;
}
