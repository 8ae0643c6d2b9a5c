/** The public search's amount bands in euro, smallest first; `max` is exclusive. The money facet files an amount under one. */
export const AMOUNT_BANDS = [
	{ id: 'lt100k', min: 0, max: 100_000 },
	{ id: '100k-500k', min: 100_000, max: 500_000 },
	{ id: '500k-1m', min: 500_000, max: 1_000_000 },
	{ id: '1m-5m', min: 1_000_000, max: 5_000_000 },
	{ id: 'gte5m', min: 5_000_000, max: null }
] as const;
export type AmountBand = (typeof AMOUNT_BANDS)[number];
export type AmountBandId = AmountBand['id'];

export function isBand(v: string): v is AmountBandId {
	return AMOUNT_BANDS.some((b) => b.id === v);
}

/** The band of a euro amount; null for none (no euro figure, or below zero). */
export function bandOf(eur: number | null): AmountBandId | null {
	if (eur === null) return null;
	return AMOUNT_BANDS.find((b) => eur >= b.min && (b.max === null || eur < b.max))?.id ?? null;
}
