import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractDocument, MAX_ANALYSED_CHARS } from '../../src/lib/server/ingest/extract';
import { OWN_CORPUS, readCorpus } from './corpus';

const own = readCorpus(OWN_CORPUS);

describe('bad input', () => {
	it('returns a warning and no records for empty or blank text', () => {
		for (const text of ['', '   ', '\n\n\t \r\n']) {
			const x = extractDocument(text);
			expect(x).toEqual({ language: 'unknown', title: '', records: [], warnings: ['empty document'] });
		}
	});

	it('does not throw on binary-looking garbage', () => {
		const garbage = Array.from({ length: 20_000 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('');
		const x = extractDocument(garbage);
		expect(x.language).toBe('unknown');
		expect(x.records).toEqual([]);
		expect(x.warnings.length).toBeGreaterThan(0);
	});

	it('reads no records from text in a language it does not know', () => {
		const x = extractDocument(
			'Hankkeen tavoitteena on parantaa pienten ja keskisuurten yritysten osaamista. Rahoitus on 2 miljoonaa euroa.'
		);
		expect(x.language).toBe('unknown');
		expect(x.records).toEqual([]);
		expect(x.warnings[0]).toMatch(/language/);
	});

	it('reads the beginning of a 5 MB text and says it did', () => {
		const doc = own.find((d) => d.name.startsWith('sv_esf_press'))!.text;
		const big = (doc + '\n\n').repeat(Math.ceil(5_000_000 / (doc.length + 2))).slice(0, 5_000_000);
		const x = extractDocument(big);
		expect(x.warnings.some((w) => w.includes('truncated'))).toBe(true);
		for (const r of x.records) for (const p of r.provenance) expect(p.end).toBeLessThanOrEqual(MAX_ANALYSED_CHARS);
	});

	// Catastrophic backtracking shows as this test running into its timeout; speed itself is `npm run bench`'s.
	it('survives pathological text', () => {
		const texts = [
			'A'.repeat(50_000),
			'Projektet ' + 'Aa '.repeat(20_000),
			'1 '.repeat(30_000) + 'kronor',
			('Region Skåne, ' + 'Region Blekinge och ').repeat(3_000),
			'•'.repeat(10_000) + '\n' + ': '.repeat(10_000),
			'tillsammans med ' + 'Xx Yy, '.repeat(10_000)
		];
		for (const t of texts) expect(() => extractDocument(t)).not.toThrow();
	});
});

describe('determinism', () => {
	it('gives the same result for the same text', () => {
		for (const d of own) expect(extractDocument(d.text)).toEqual(extractDocument(d.text));
	});
});

describe('random text made of document pieces', () => {
	// Words, numbers, punctuation and line breaks of the test documents, shuffled into new texts.
	const pieces = [...new Set(own.flatMap((d) => d.text.match(/\s+|[\p{L}\d]+|[^\s\p{L}\d]/gu) ?? []))];

	it('never throws, never fails inside, and keeps provenance exact', () => {
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 400 }), (parts) => {
				const text = parts.join('');
				const x = extractDocument(text);
				expect(x.warnings.filter((w) => w.startsWith('extraction failed'))).toEqual([]);
				for (const r of x.records) {
					expect(r.record.title.length).toBeGreaterThan(0);
					for (const p of r.provenance) expect(p.snippet).toBe(text.slice(p.start, p.end));
				}
			}),
			{ numRuns: 300, seed: 20240601 }
		);
	});
});
