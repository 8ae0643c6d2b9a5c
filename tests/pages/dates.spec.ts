/** One way of writing dates in the whole app: the formatters in src/lib/i18n/format.ts, by locale. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDay, startOfDay } from '../../src/lib/i18n/format';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FORMATTER = 'src/lib/i18n/format.ts';

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sources(path);
		return /\.(ts|svelte)$/.test(name) ? [path] : [];
	});
}

describe('date formatting', () => {
	it('happens only in the one formatter module', () => {
		const offenders = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'server'))]
			.map((path) => relative(ROOT, path))
			.filter((path) => path !== FORMATTER)
			.flatMap((path) =>
				readFileSync(join(ROOT, path), 'utf8')
					.split('\n')
					.map((line, i) => ({ where: `${path}:${i + 1}`, line }))
					.filter(({ line }) =>
						/DateTimeFormat|toLocaleDateString|toLocaleTimeString|toLocaleString\([^)]*(dateStyle|timeStyle|hour|month)/.test(line)
					)
					.map(({ where }) => where)
			);
		expect(offenders).toEqual([]);
	});

	it('writes a moment the same way on every page, by locale, in the Nordic time zone', () => {
		const at = new Date('2026-12-02T16:47:00Z');
		expect(formatDateTime(at, 'en')).toBe('December 2, 2026 at 17:47');
		expect(formatDateTime(at.toISOString(), 'sv')).toBe('2 december 2026 kl. 17:47');
		expect(formatDateTime(at, 'no')).toBe('2. desember 2026 kl. 17:47');
		expect(formatDay(at, 'en')).toBe('December 2, 2026');
		expect(formatDay('2026-12-02', 'sv')).toBe('2 december 2026');
		expect(formatDateTime('not a date', 'en')).toBe('not a date');
	});

	it('finds where a calendar day begins in that time zone, also across a clock change', () => {
		expect(startOfDay('2026-03-05')?.toISOString()).toBe('2026-03-04T23:00:00.000Z');
		expect(startOfDay('2026-07-01')?.toISOString()).toBe('2026-06-30T22:00:00.000Z');
		expect(startOfDay('2026-03-29')?.toISOString()).toBe('2026-03-28T23:00:00.000Z');
		expect(startOfDay('2026-10-25')?.toISOString()).toBe('2026-10-24T22:00:00.000Z');
		expect(startOfDay('2026-02-30')).toBeNull();
		expect(startOfDay('tomorrow')).toBeNull();
	});
});
