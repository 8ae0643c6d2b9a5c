import { describe, expect, it } from 'vitest';
import { FIELD_KEYS, type ProjectRecord } from '../../src/lib/records/fields';
import { extractDocument } from '../../src/lib/server/ingest/extract';
import { DEV_CORPUS, OWN_CORPUS, UNSEEN_CORPUS, readCorpus } from './corpus';

const LIST_FIELDS = new Set(['regions', 'partners', 'themes', 'contacts']);

function isEmpty(v: unknown): boolean {
	return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

/** Every non-empty value, and every list element by index, has exact provenance. */
function checkProvenance(text: string) {
	const x = extractDocument(text);
	for (const { record, provenance } of x.records) {
		for (const p of provenance) {
			expect(p.snippet).toBe(text.slice(p.start, p.end));
			expect(p.start).toBeGreaterThanOrEqual(0);
			expect(p.end).toBeGreaterThan(p.start);
			expect(p.end).toBeLessThanOrEqual(text.length);
			expect(p.confidence).toBeGreaterThanOrEqual(0);
			expect(p.confidence).toBeLessThanOrEqual(1);
			expect(p.rule).toMatch(/^[a-z]+(?:\.[\w-]+)*$/i);
		}
		for (const key of FIELD_KEYS) {
			const value = record[key as keyof ProjectRecord];
			if (isEmpty(value)) {
				expect(provenance.filter((p) => p.field === key)).toEqual([]);
			} else if (LIST_FIELDS.has(key)) {
				const indexes = provenance.filter((p) => p.field === key).map((p) => p.index);
				expect(indexes).toEqual((value as unknown[]).map((_, i) => i));
			} else {
				expect(provenance.filter((p) => p.field === key && p.index === null)).toHaveLength(1);
			}
		}
	}
	// Also the one assertion a document without projects makes: nothing found without a source.
	expect(x.records.map((r) => r.provenance.length)).not.toContain(0);
	return x;
}

const own = readCorpus(OWN_CORPUS);
const dev = readCorpus(DEV_CORPUS);
const unseen = readCorpus(UNSEEN_CORPUS);

describe('provenance', () => {
	it('has test documents to check', () => {
		expect(own.length).toBeGreaterThanOrEqual(15);
	});

	it.each(own.map((d) => [d.name, d.text, d.truth?.records.length]))('own document %s', (_, text, projects) => {
		// A document that names no project has nothing to check but that nothing is found.
		expect(checkProvenance(text).records).toHaveLength(projects!);
	});

	it.each(unseen.map((d) => [d.name, d.text]))('unseen document %s', (_, text) => {
		checkProvenance(text);
	});

	it.skipIf(!dev.length).each(dev.map((d) => [d.name, d.text]))('dev document %s', (_, text) => {
		checkProvenance(text);
	});

	it('points into exactly the text passed in, also with CRLF line ends and leading space', () => {
		for (const d of own.slice(0, 5)) {
			checkProvenance('  \r\n' + d.text.replace(/\n/g, '\r\n'));
		}
	});
});
