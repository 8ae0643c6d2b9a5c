import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documents, fieldProvenance, records } from '../../src/lib/server/db/schema';
import { ingestDocument } from '../../src/lib/server/ingest/ingest';
import { getRecord, listRecords } from '../../src/lib/server/records/queries';
import { tempDatabase, type TempDatabase } from '../helpers/db';
import { asSql } from '../helpers/users';

const SEEDS = join(import.meta.dirname, '../../seeds');
const seedTexts = readdirSync(SEEDS)
	.filter((f) => f.endsWith('.txt'))
	.map((f) => ({ fileName: f, text: readFileSync(join(SEEDS, f), 'utf8') }));

let t: TempDatabase;
beforeEach(() => {
	t = tempDatabase();
});
afterEach(() => t.cleanup());

describe('ingestDocument', () => {
	it('stores each seed document once with draft records whose provenance quotes the stored text', async () => {
		for (const seed of seedTexts) {
			const result = ingestDocument(t.db, seed);
			expect(result.status).toBe('new');
			if (result.status !== 'new') continue;
			expect(result.recordIds.length).toBeGreaterThan(0);
			for (const id of result.recordIds) {
				const detail = (await getRecord(asSql(t.db), id))!;
				expect(detail.record.status).toBe('draft');
				expect(detail.record.title).toBe(detail.record.draft.title);
				expect(detail.provenance.length).toBeGreaterThan(0);
				for (const p of detail.provenance) {
					expect(detail.document.content.slice(p.start, p.end)).toBe(p.snippet);
				}
			}
		}
		expect(t.db.select().from(documents).all()).toHaveLength(seedTexts.length);
	});

	it('is idempotent: the same content again is reported as a duplicate and adds nothing', () => {
		const first = ingestDocument(t.db, seedTexts[0]);
		const recordsBefore = t.db.select().from(records).all().length;
		const again = ingestDocument(t.db, { ...seedTexts[0], fileName: 'renamed.txt' });
		expect(again).toEqual({ status: 'duplicate', documentId: first.documentId, title: first.title });
		expect(t.db.select().from(records).all()).toHaveLength(recordsBefore);
		expect(t.db.select().from(documents).all()).toHaveLength(1);
	});

	it('stores a document in an unknown language with no records and a warning', () => {
		const result = ingestDocument(t.db, {
			text: 'Dies ist eine Pressemitteilung über das Wetter in Berlin. Es regnet den ganzen Tag und niemand weiß warum.',
			fileName: 'de.txt'
		});
		expect(result.status).toBe('new');
		if (result.status !== 'new') return;
		expect(result.recordIds).toEqual([]);
		expect(result.warnings.join(' ')).not.toBe('');
		expect(t.db.select().from(documents).all()).toHaveLength(1);
	});

	it('proposes a project found again in a later document as the same project', () => {
		const base = seedTexts.find((s) => s.text.includes('CompCor'))!;
		const first = ingestDocument(t.db, base);
		const second = ingestDocument(t.db, { text: `${base.text}\n\nUppdaterad ${Date.now()}`, fileName: 'later.txt' });
		if (first.status !== 'new' || second.status !== 'new') throw new Error('expected two new documents');
		const later = t.db
			.select()
			.from(records)
			.all()
			.find((r) => r.id === second.recordIds[0])!;
		expect(later.sameAsId).toBe(first.recordIds[0]);
		expect(second.warnings.some((w) => w.includes('same project'))).toBe(true);
	});

	it('writes nothing of a document when any of its writes fails', () => {
		t.db.$client.exec(`CREATE TRIGGER fail_provenance BEFORE INSERT ON field_provenance BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`);
		expect(() => ingestDocument(t.db, seedTexts[0])).toThrow(/disk trouble/);
		expect(t.db.select().from(documents).all()).toEqual([]);
		expect(t.db.select().from(records).all()).toEqual([]);
		expect(t.db.select().from(fieldProvenance).all()).toEqual([]);
	});
});

describe('listRecords', () => {
	it('filters by text in title, owner or document title, treating % and _ literally', async () => {
		for (const seed of seedTexts) ingestDocument(t.db, seed);
		const list = (filter: Parameters<typeof listRecords>[1]) => listRecords(asSql(t.db), filter);
		const all = await list({});
		expect(all.length).toBeGreaterThanOrEqual(seedTexts.length);
		const coskill = await list({ q: 'coskill' });
		expect(coskill.map((r) => r.title)).toContain('CoSkill');
		expect((await list({ q: 'Region Skåne' })).some((r) => r.owner === 'Region Skåne')).toBe(true);
		expect(await list({ q: '%' })).toEqual([]);
		expect(await list({ q: '_' })).toEqual([]);
		expect(await list({ status: 'approved' })).toEqual([]);
	});
});
