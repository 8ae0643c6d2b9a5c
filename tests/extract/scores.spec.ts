import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/lib/server/ingest/extract';
import { DEV_CORPUS, OWN_CORPUS, UNSEEN_CORPUS, readCorpus, type CorpusDoc } from './corpus';
import { f1, score } from './score';

function run(corpus: CorpusDoc[]) {
	const withTruth = corpus.filter((d) => d.truth);
	const predicted = new Map(withTruth.map((d) => [d.truth!.document, extractDocument(d.text).records.map((r) => r.record)]));
	return score(
		withTruth.map((d) => d.truth!),
		predicted
	);
}

describe('scores against hand-made truth', () => {
	const own = readCorpus(OWN_CORPUS);

	it('finds every project of its own test documents and no other', () => {
		const s = run(own);
		expect(s.log.filter((l) => l.includes('record'))).toEqual([]);
		expect(f1(s.records)).toBe(1);
	});

	it('reads the fields of its own test documents with F1 >= 0.95', () => {
		const s = run(own);
		expect(f1(s.overall), s.log.join('\n')).toBeGreaterThanOrEqual(0.95);
	});

	it('gets no field badly wrong on its own test documents (F1 >= 0.8 per field)', () => {
		const s = run(own);
		for (const [field, counts] of Object.entries(s.fields)) {
			if (counts.tp + counts.fp + counts.fn === 0) continue;
			expect(f1(counts), field).toBeGreaterThanOrEqual(0.8);
		}
	});

	const dev = readCorpus(DEV_CORPUS);
	// The target is 0.95 overall and 0.97 records (issue 12); these floors are the level
	// measured now (BENCHMARKS.md), so that no change makes the shared set worse unnoticed.
	it.skipIf(!dev.length)('does not fall below the measured scores on the shared development set', () => {
		const s = run(dev);
		expect(f1(s.records), s.log.join('\n')).toBeGreaterThanOrEqual(0.97);
		expect(f1(s.overall), s.log.join('\n')).toBeGreaterThanOrEqual(0.92);
	});

	// Written after the grammar and fixed only through general rules (BENCHMARKS.md): their
	// misses stay visible, so the floor is the level measured, not the own corpus's 0.95.
	it('does not fall below the measured scores on the unseen batch', () => {
		const s = run(readCorpus(UNSEEN_CORPUS));
		expect(f1(s.records), s.log.join('\n')).toBeGreaterThanOrEqual(0.97);
		expect(f1(s.overall), s.log.join('\n')).toBeGreaterThanOrEqual(0.9);
	});

	it('finds no project in documents that name none', () => {
		for (const d of own.filter((d) => d.truth && d.truth.records.length === 0)) {
			const x = extractDocument(d.text);
			expect(x.records, d.name).toEqual([]);
			expect(x.warnings).toContain('no project found');
		}
	});
});
