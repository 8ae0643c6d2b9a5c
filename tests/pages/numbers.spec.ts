/** One way of writing numbers and money in the whole app: the formatters in src/lib/i18n/format.ts, by locale. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatMoney, formatNumber, formatPercent, formatRate, plainNumber } from '../../src/lib/i18n/format';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FORMATTER = 'src/lib/i18n/format.ts';

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sources(path);
		return /\.(ts|svelte)$/.test(name) ? [path] : [];
	});
}

/** Narrow no-break space and no-break space, as Intl writes them, shown as plain spaces. */
const spaces = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('number formatting', () => {
	it('happens only in the one formatter module', () => {
		const offenders = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'server'))]
			.map((path) => relative(ROOT, path))
			.filter((path) => path !== FORMATTER)
			.flatMap((path) =>
				readFileSync(join(ROOT, path), 'utf8')
					.split('\n')
					.map((line, i) => ({ where: `${path}:${i + 1}`, line }))
					.filter(({ line }) => /NumberFormat|\.toLocaleString\(/.test(line))
					.map(({ where }) => where)
			);
		expect(offenders).toEqual([]);
	});

	it('writes numbers, money, shares and rates in each language', () => {
		const amount = { value: 1234567, currency: 'SEK' };
		expect(formatMoney(amount, 'en')).toBe('1,234,567 SEK');
		expect(spaces(formatMoney(amount, 'sv'))).toBe('1 234 567 SEK');
		expect(spaces(formatMoney(amount, 'no'))).toBe('1 234 567 SEK');
		expect(formatMoney(amount, 'da')).toBe('1.234.567 SEK');
		expect(spaces(formatNumber(12000, 'da'))).toBe('12.000');
		expect(formatPercent(0.4, 'en')).toBe('40%');
		expect(spaces(formatPercent(0.4, 'sv'))).toBe('40 %');
		expect(spaces(formatPercent(0.4, 'da'))).toBe('40 %');
		expect(formatRate(11.2345678, 'en')).toBe('11.23457');
		expect(formatRate(11.2345678, 'da')).toBe('11,23457');
	});

	it('writes a typed number the same in every language, as a form reads it back', () => {
		expect(plainNumber(1234567.5)).toBe('1234567.5');
		expect(plainNumber(0.000001)).toBe('0.000001');
	});
});
