import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApproved, republish, type ApprovedInput } from '../helpers/approved';
import { describeEachDialect } from '../helpers/dialects';
import { parseQuery, type PublicQuery } from '../../src/lib/server/public/query';
import { searchProjects } from '../../src/lib/server/public/search';
import { publishVersion, unpublishRecord } from '../../src/lib/server/public/index-projects';
import { searchEachTest } from './search-db';

const query = (params: Record<string, string> = {}): PublicQuery => parseQuery(new URLSearchParams(params));

describeEachDialect('the public search', (database) => {
	const sql = () => database().sql;
	const index = searchEachTest(database);

	const search = async (params: Record<string, string> = {}, size?: number) => searchProjects(await index.db(), query(params), size);
	const titles = async (params: Record<string, string> = {}) => (await search(params)).items.map((i) => i.title).sort();

	async function seed(): Promise<void> {
		const projects: ApprovedInput['record'][] = [
			{
				title: 'Kompetenslyft Skåne',
				owner: 'Region Skåne',
				country: 'SE',
				funder: 'Svenska ESF-rådet',
				programme: 'ESF+',
				regions: ['Skåne'],
				startDate: '2024-01-15',
				amount: { value: 12_000_000, currency: 'SEK' }
			},
			{
				title: 'Grønn omstilling i Tromsø',
				owner: 'Tromsø kommune',
				country: 'NO',
				funder: 'Innovasjon Norge',
				programme: 'Grønn plattform',
				regions: ['Troms'],
				startDate: '2023-09-01',
				amount: { value: 4_000_000, currency: 'NOK' }
			},
			{
				title: 'Ærø Energi',
				owner: 'Ærø Kommune',
				country: 'DK',
				funder: 'Interreg',
				programme: 'Interreg Öresund-Kattegat-Skagerrak',
				regions: ['Syddanmark'],
				startDate: '2024-03-01',
				amount: { value: 7_000_000, currency: 'DKK' }
			},
			{
				title: 'Digital kompetens i Göteborg',
				owner: 'Göteborgs stad',
				partners: ['Chalmers'],
				country: 'SE',
				funder: 'Svenska ESF-rådet',
				programme: 'ESF+',
				regions: ['Västra Götaland'],
				startDate: '2024-06-01',
				amount: { value: 900_000, currency: 'SEK' }
			},
			{
				title: 'Attract2Tech',
				owner: 'Science Park Borås',
				summary: 'Samverkan för ökad IT-kompetens',
				country: 'SE',
				funder: 'Tillväxtverket',
				programme: 'Regionalfonden',
				regions: ['Västra Götaland', 'Halland'],
				startDate: '2022-02-01',
				amount: null
			}
		];
		for (const record of projects) await createApproved(sql(), { record });
	}

	describe('full-text search', () => {
		beforeEach(seed);

		it('folds Swedish and Norwegian letters both ways', async () => {
			expect(await titles({ q: 'skane' })).toEqual(['Kompetenslyft Skåne']);
			expect(await titles({ q: 'SKÅNE' })).toEqual(['Kompetenslyft Skåne']);
			expect(await titles({ q: 'tromso' })).toEqual(['Grønn omstilling i Tromsø']);
			expect(await titles({ q: 'Tromsö' })).toEqual(['Grønn omstilling i Tromsø']);
			expect(await titles({ q: 'aero' })).toEqual(['Ærø Energi']);
			expect(await titles({ q: 'goteborg' })).toEqual(['Digital kompetens i Göteborg']);
			expect(await titles({ q: 'gronn' })).toEqual(['Grønn omstilling i Tromsø']);
		});

		it('matches prefixes of every word, across title, owner, partners, summary and regions', async () => {
			expect(await titles({ q: 'kompet' })).toEqual(['Attract2Tech', 'Digital kompetens i Göteborg', 'Kompetenslyft Skåne']);
			expect(await titles({ q: 'kompet göte' })).toEqual(['Digital kompetens i Göteborg']);
			expect(await titles({ q: 'chalm' })).toEqual(['Digital kompetens i Göteborg']);
			expect(await titles({ q: 'halla' })).toEqual(['Attract2Tech']);
			expect(await titles({ q: 'samverk' })).toEqual(['Attract2Tech']);
			expect(await titles({ q: 'nothing-like-this' })).toEqual([]);
		});

		it('matches a single character as a word, not as the start of every word', async () => {
			// As a prefix, "i" would be in four of the five; as a word it is in two titles.
			expect(await titles({ q: 'i' })).toEqual(['Digital kompetens i Göteborg', 'Grønn omstilling i Tromsø']);
			expect(await titles({ q: 'g' })).toEqual([]);
			expect(await titles({ q: 'kompet i' })).toEqual(['Digital kompetens i Göteborg']);
		});

		it('ranks a title hit above a summary hit', async () => {
			const r = await search({ q: 'kompetens' });
			expect(r.items.at(-1)?.title).toBe('Attract2Tech');
		});

		it('reads FTS5 operators and quotes as plain text, never as syntax', async () => {
			const db = await index.db();
			for (const q of [
				'"',
				'""',
				'*',
				'NEAR(',
				'NEAR(a b)',
				'AND OR NOT',
				'-',
				'^',
				':',
				'title:x',
				'skåne"',
				'"skåne',
				'sk*ne',
				'(',
				')',
				'{title}',
				"'; DROP TABLE x; --"
			]) {
				expect(() => searchProjects(db, query({ q })), q).not.toThrow();
			}
			expect(await titles({ q: 'Skåne AND' })).toEqual([]);
			expect(await titles({ q: '"Skåne' })).toEqual(['Kompetenslyft Skåne']);
			expect(await titles({ q: 'region:skåne' })).toEqual(['Kompetenslyft Skåne']);
			expect(await titles({ q: '-skåne' })).toEqual(['Kompetenslyft Skåne']);
			expect(await titles({ q: '"*^:' })).toHaveLength(5);
		});

		it('never throws whatever is typed', async () => {
			const db = await index.db();
			fc.assert(
				fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 10, unit: 'grapheme' }), (a, b) => {
					expect(searchProjects(db, query({ q: a + b })).total).toBeGreaterThanOrEqual(0);
				}),
				{ numRuns: 300 }
			);
		});
	});

	describe('facets', () => {
		beforeEach(seed);

		it('counts each facet over the matching projects', async () => {
			const { facets, total } = await search();
			expect(total).toBe(5);
			expect(facets.country).toEqual([
				{ value: 'SE', count: 3 },
				{ value: 'DK', count: 1 },
				{ value: 'NO', count: 1 }
			]);
			expect(facets.funder[0]).toEqual({ value: 'Svenska ESF-rådet', count: 2 });
			expect(facets.region[0]).toEqual({ value: 'Västra Götaland', count: 2 });
			expect(facets.year).toEqual([
				{ value: '2024', count: 3 },
				{ value: '2023', count: 1 },
				{ value: '2022', count: 1 }
			]);
			// 12 MSEK ≈ 1.05 MEUR, 4 MNOK ≈ 0.34 MEUR, 7 MDKK ≈ 0.94 MEUR, 0.9 MSEK ≈ 79 kEUR; one has no amount.
			expect(facets.amount).toEqual([
				{ value: 'lt100k', count: 1 },
				{ value: '100k-500k', count: 1 },
				{ value: '500k-1m', count: 1 },
				{ value: '1m-5m', count: 1 }
			]);
		});

		it('narrows by facets and text together, and recounts', async () => {
			const r = await search({ q: 'kompetens', country: 'se', year: '2024' });
			expect(r.items.map((i) => i.title).sort()).toEqual(['Digital kompetens i Göteborg', 'Kompetenslyft Skåne']);
			expect(r.facets.region).toEqual([
				{ value: 'Skåne', count: 1 },
				{ value: 'Västra Götaland', count: 1 }
			]);
			expect(await titles({ region: 'Halland' })).toEqual(['Attract2Tech']);
			expect(await titles({ amount: '1m-5m' })).toEqual(['Kompetenslyft Skåne']);
			expect(await titles({ funder: 'Interreg' })).toEqual(['Ærø Energi']);
			expect(await titles({ programme: 'ESF+', region: 'Skåne' })).toEqual(['Kompetenslyft Skåne']);
		});

		it('updates the cached counts of the front page when something is published', async () => {
			expect((await search()).facets.country[0]).toEqual({ value: 'SE', count: 3 });
			await createApproved(sql(), { record: { title: 'Ny', country: 'SE' } });
			expect((await search()).facets.country[0]).toEqual({ value: 'SE', count: 4 });
		});
	});

	describe('sorting and paging', () => {
		beforeEach(seed);

		it('sorts by amount in euro, start date and title', async () => {
			expect((await search({ sort: 'amount' })).items.map((i) => i.title)).toEqual([
				'Kompetenslyft Skåne',
				'Ærø Energi',
				'Grønn omstilling i Tromsø',
				'Digital kompetens i Göteborg',
				'Attract2Tech'
			]);
			expect((await search({ sort: 'start' })).items[0].title).toBe('Digital kompetens i Göteborg');
			// Folded: Æ sorts as "ae" among the A's, not after Z.
			expect((await search()).items.map((i) => i.title)).toEqual([
				'Ærø Energi',
				'Attract2Tech',
				'Digital kompetens i Göteborg',
				'Grønn omstilling i Tromsø',
				'Kompetenslyft Skåne'
			]);
		});

		it('pages, and a page past the end shows the last page', async () => {
			const first = await search({}, 2);
			expect(first).toMatchObject({ page: 1, pageCount: 3 });
			const last = await search({ page: '99999999999999999999' }, 2);
			expect(last.page).toBe(3);
			expect(last.items.map((i) => i.title)).toEqual(['Kompetenslyft Skåne']);
			expect((await search({ page: '-3' }, 2)).page).toBe(1);
			expect((await search({ page: 'abc' }, 2)).page).toBe(1);
		});
	});

	describe('what is public', () => {
		it('shows the latest approved version only, and nothing of a rejected record', async () => {
			const a = await createApproved(sql(), { record: { title: 'Version two' }, earlier: [{ title: 'Version one' }] });
			await createApproved(sql(), { record: { title: 'Rejected one' }, status: 'rejected' });
			expect(await titles()).toEqual(['Version two']);
			expect(await titles({ q: 'one' })).toEqual([]);

			const { db, t } = sql();
			await db.update(t.records).set({ status: 'rejected' }).where(eq(t.records.id, a.recordId));
			await sql().tx((tx) => unpublishRecord(sql(), tx, a.recordId));
			expect(await titles()).toEqual([]);
			expect(await titles({ q: 'two' })).toEqual([]);

			await db.update(t.records).set({ status: 'approved' }).where(eq(t.records.id, a.recordId));
			await sql().tx((tx) => publishVersion(sql(), tx, a.recordId));
			expect(await titles({ q: 'two' })).toEqual(['Version two']);
		});

		it('replaces the search row when a record is published again', async () => {
			const a = await createApproved(sql(), { record: { title: 'Before', regions: ['Skåne'] } });
			await republish(sql(), a.recordId, { ...a.record, title: 'After', regions: ['Halland'] }, 2);
			expect(await titles({ q: 'before' })).toEqual([]);
			expect(await titles({ q: 'after' })).toEqual(['After']);
			expect((await search()).facets.region).toEqual([{ value: 'Halland', count: 1 }]);
			expect((await index.db()).$client.prepare('SELECT count(*) AS n FROM public_search').get()).toEqual({ n: 1 });
		});
	});
});
