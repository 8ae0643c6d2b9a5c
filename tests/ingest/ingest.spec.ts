import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import { ingestDocument } from '../../src/lib/server/ingest/ingest';
import { ingestFiles, storeError } from '../../src/lib/server/ingest/ingest-file';
import { listRecords } from '../../src/lib/server/records/queries';
import { describeEachDialect } from '../helpers/dialects';
import { clearDocumentTables, failInserts } from '../helpers/documents-sql';

const SEEDS = join(import.meta.dirname, '../../seeds');
const seedTexts = readdirSync(SEEDS)
	.filter((f) => f.endsWith('.txt'))
	.map((f) => ({ fileName: f, text: readFileSync(join(SEEDS, f), 'utf8') }));

describeEachDialect('ingestDocument', (database) => {
	const sql = () => database().sql;
	const all = {
		documents: () => sql().db.select().from(sql().t.documents),
		records: () => sql().db.select().from(sql().t.records),
		provenance: () => sql().db.select().from(sql().t.fieldProvenance)
	};
	beforeEach(() => clearDocumentTables(sql()));

	it('stores each seed document once with draft records whose provenance quotes the stored text', async () => {
		const { documents, fieldProvenance, records } = sql().t;
		for (const seed of seedTexts) {
			const result = await ingestDocument(sql(), seed);
			expect(result.status).toBe('new');
			if (result.status !== 'new') continue;
			expect(result.recordIds.length).toBeGreaterThan(0);
			const [doc] = await sql().db.select().from(documents).where(eq(documents.id, result.documentId));
			for (const id of result.recordIds) {
				const [record] = await sql().db.select().from(records).where(eq(records.id, id));
				expect(record.status).toBe('draft');
				expect(record.title).toBe(record.draft.title);
				const spans = await sql().db.select().from(fieldProvenance).where(eq(fieldProvenance.recordId, id));
				expect(spans.length).toBeGreaterThan(0);
				for (const p of spans) expect(doc.content.slice(p.start, p.end)).toBe(p.snippet);
			}
		}
		expect(await all.documents()).toHaveLength(seedTexts.length);
	});

	it('is idempotent: the same content again is reported as a duplicate and adds nothing', async () => {
		const first = await ingestDocument(sql(), seedTexts[0]);
		const recordsBefore = (await all.records()).length;
		const again = await ingestDocument(sql(), { ...seedTexts[0], fileName: 'renamed.txt' });
		expect(again).toEqual({ status: 'duplicate', documentId: first.documentId, title: first.title });
		expect(await all.records()).toHaveLength(recordsBefore);
		expect(await all.documents()).toHaveLength(1);
	});

	it('stores a document in an unknown language with no records and a warning', async () => {
		const result = await ingestDocument(sql(), {
			text: 'Dies ist eine Pressemitteilung über das Wetter in Berlin. Es regnet den ganzen Tag und niemand weiß warum.',
			fileName: 'de.txt'
		});
		expect(result.status).toBe('new');
		if (result.status !== 'new') return;
		expect(result.recordIds).toEqual([]);
		expect(result.warnings.join(' ')).not.toBe('');
		expect(await all.documents()).toHaveLength(1);
	});

	it('proposes a project found again in a later document as the same project', async () => {
		const base = seedTexts.find((s) => s.text.includes('CompCor'))!;
		const first = await ingestDocument(sql(), base);
		const second = await ingestDocument(sql(), { text: `${base.text}\n\nUppdaterad ${Date.now()}`, fileName: 'later.txt' });
		if (first.status !== 'new' || second.status !== 'new') throw new Error('expected two new documents');
		const later = (await all.records()).find((r) => r.id === second.recordIds[0])!;
		expect(later.sameAsId).toBe(first.recordIds[0]);
		expect(second.warnings.some((w) => w.includes('same project'))).toBe(true);
	});

	it('proposes the same project when two documents naming it are stored at once by two processes', async () => {
		const base = seedTexts.find((s) => s.text.includes('CompCor'))!;
		const other = await database().openAnother();
		const [a, b] = await Promise.all([
			ingestDocument(sql(), base),
			ingestDocument(other, { text: `${base.text}\n\nUppdaterad.`, fileName: 'later.txt' })
		]);
		if (a.status !== 'new' || b.status !== 'new') throw new Error('expected two new documents');
		const sameAs = (await all.records()).filter((r) => r.sameAsId !== null).map((r) => [r.id, r.sameAsId]);
		// Whichever committed second points at the first; the first at nothing.
		expect([[[b.recordIds[0], a.recordIds[0]]], [[a.recordIds[0], b.recordIds[0]]]]).toContainEqual(sameAs);
	});

	it('writes nothing of a document when any of its writes fails', async () => {
		const restore = await failInserts(database(), 'field_provenance', 'disk trouble');
		try {
			const failed = await ingestDocument(sql(), seedTexts[0]).catch((err: Error) => err);
			expect(storeError(failed)).toMatch(/disk trouble/);
		} finally {
			await restore();
		}
		expect(await all.documents()).toEqual([]);
		expect(await all.records()).toEqual([]);
		expect(await all.provenance()).toEqual([]);
	});

	it('stores a file sent several times at once, from two processes, as one document', async () => {
		const other = await database().openAnother();
		const file = { name: seedTexts[1].fileName, bytes: new TextEncoder().encode(seedTexts[1].text) };
		const config = { maxDocumentBytes: 10 * 1024 * 1024 };
		const outcomes = (
			await Promise.all([sql(), other, sql(), other].map((handle) => ingestFiles({ sql: handle, config }, [file], null)))
		).flat();
		expect(outcomes.filter((o) => o.status === 'failed').map((o) => o.error)).toEqual([]);
		expect(outcomes.filter((o) => o.status === 'created')).toHaveLength(1);
		expect(outcomes.filter((o) => o.status === 'duplicate')).toHaveLength(3);
		expect(new Set(outcomes.map((o) => o.id)).size).toBe(1);
		const [created] = outcomes.filter((o) => o.status === 'created');
		expect(await all.documents()).toHaveLength(1);
		expect((await all.records()).map((r) => r.id).sort()).toEqual(created.records.map((r) => r.id).sort());
	});
});

describeEachDialect('listRecords', (database) => {
	beforeEach(() => clearDocumentTables(database().sql));

	it('filters by text in title, owner or document title, treating % and _ literally', async () => {
		const { sql } = database();
		for (const seed of seedTexts) await ingestDocument(sql, seed);
		const list = (filter: Parameters<typeof listRecords>[1]) => listRecords(sql, filter);
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
