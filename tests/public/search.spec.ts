import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApproved, type ApprovedInput } from '../helpers/approved';
import { tempDatabase, type TempDatabase } from '../helpers/db';
import { asSql } from '../helpers/users';
import { parseQuery, type PublicQuery } from '../../src/lib/server/public/query';
import { searchProjects } from '../../src/lib/server/public/search';
import { publishVersion, unpublishRecord } from '../../src/lib/server/public/index-projects';
import { records } from '../../src/lib/server/db/schema';
import { eq } from 'drizzle-orm';

let t: TempDatabase;
beforeEach(() => {
	t = tempDatabase();
});
afterEach(() => t.cleanup());
const lite = () => asSql(t.db);

const query = (params: Record<string, string> = {}): PublicQuery => parseQuery(new URLSearchParams(params));
const titles = (params: Record<string, string> = {}) =>
	searchProjects(t.db, query(params))
		.items.map((i) => i.title)
		.sort();

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
	for (const record of projects) await createApproved(t.db, { record });
}

describe('full-text search', () => {
	beforeEach(seed);

	it('folds Swedish and Norwegian letters both ways', () => {
		expect(titles({ q: 'skane' })).toEqual(['Kompetenslyft Skåne']);
		expect(titles({ q: 'SKÅNE' })).toEqual(['Kompetenslyft Skåne']);
		expect(titles({ q: 'tromso' })).toEqual(['Grønn omstilling i Tromsø']);
		expect(titles({ q: 'Tromsö' })).toEqual(['Grønn omstilling i Tromsø']);
		expect(titles({ q: 'aero' })).toEqual(['Ærø Energi']);
		expect(titles({ q: 'goteborg' })).toEqual(['Digital kompetens i Göteborg']);
		expect(titles({ q: 'gronn' })).toEqual(['Grønn omstilling i Tromsø']);
	});

	it('matches prefixes of every word, across title, owner, partners, summary and regions', () => {
		expect(titles({ q: 'kompet' })).toEqual(['Attract2Tech', 'Digital kompetens i Göteborg', 'Kompetenslyft Skåne']);
		expect(titles({ q: 'kompet göte' })).toEqual(['Digital kompetens i Göteborg']);
		expect(titles({ q: 'chalm' })).toEqual(['Digital kompetens i Göteborg']);
		expect(titles({ q: 'halla' })).toEqual(['Attract2Tech']);
		expect(titles({ q: 'samverk' })).toEqual(['Attract2Tech']);
		expect(titles({ q: 'nothing-like-this' })).toEqual([]);
	});

	it('matches a single character as a word, not as the start of every word', () => {
		// As a prefix, "i" would be in four of the five; as a word it is in two titles.
		expect(titles({ q: 'i' })).toEqual(['Digital kompetens i Göteborg', 'Grønn omstilling i Tromsø']);
		expect(titles({ q: 'g' })).toEqual([]);
		expect(titles({ q: 'kompet i' })).toEqual(['Digital kompetens i Göteborg']);
	});

	it('ranks a title hit above a summary hit', () => {
		const r = searchProjects(t.db, query({ q: 'kompetens' }));
		expect(r.items.at(-1)?.title).toBe('Attract2Tech');
	});

	it('reads FTS5 operators and quotes as plain text, never as syntax', () => {
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
			expect(() => searchProjects(t.db, query({ q })), q).not.toThrow();
		}
		expect(titles({ q: 'Skåne AND' })).toEqual([]);
		expect(titles({ q: '"Skåne' })).toEqual(['Kompetenslyft Skåne']);
		expect(titles({ q: 'region:skåne' })).toEqual(['Kompetenslyft Skåne']);
		expect(titles({ q: '-skåne' })).toEqual(['Kompetenslyft Skåne']);
		expect(titles({ q: '"*^:' })).toHaveLength(5);
	});

	it('never throws whatever is typed', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 10, unit: 'grapheme' }), (a, b) => {
				expect(searchProjects(t.db, query({ q: a + b })).total).toBeGreaterThanOrEqual(0);
			}),
			{ numRuns: 300 }
		);
	});
});

describe('facets', () => {
	beforeEach(seed);

	it('counts each facet over the matching projects', () => {
		const { facets, total } = searchProjects(t.db, query());
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

	it('narrows by facets and text together, and recounts', () => {
		const r = searchProjects(t.db, query({ q: 'kompetens', country: 'se', year: '2024' }));
		expect(r.items.map((i) => i.title).sort()).toEqual(['Digital kompetens i Göteborg', 'Kompetenslyft Skåne']);
		expect(r.facets.region).toEqual([
			{ value: 'Skåne', count: 1 },
			{ value: 'Västra Götaland', count: 1 }
		]);
		expect(titles({ region: 'Halland' })).toEqual(['Attract2Tech']);
		expect(titles({ amount: '1m-5m' })).toEqual(['Kompetenslyft Skåne']);
		expect(titles({ funder: 'Interreg' })).toEqual(['Ærø Energi']);
		expect(titles({ programme: 'ESF+', region: 'Skåne' })).toEqual(['Kompetenslyft Skåne']);
	});

	it('updates the cached counts of the front page when something is published', async () => {
		expect(searchProjects(t.db, query()).facets.country[0]).toEqual({ value: 'SE', count: 3 });
		await createApproved(t.db, { record: { title: 'Ny', country: 'SE' } });
		expect(searchProjects(t.db, query()).facets.country[0]).toEqual({ value: 'SE', count: 4 });
	});
});

describe('sorting and paging', () => {
	beforeEach(seed);

	it('sorts by amount in euro, start date and title', () => {
		expect(searchProjects(t.db, query({ sort: 'amount' })).items.map((i) => i.title)).toEqual([
			'Kompetenslyft Skåne',
			'Ærø Energi',
			'Grønn omstilling i Tromsø',
			'Digital kompetens i Göteborg',
			'Attract2Tech'
		]);
		expect(searchProjects(t.db, query({ sort: 'start' })).items[0].title).toBe('Digital kompetens i Göteborg');
		// Folded: Æ sorts as "ae" among the A's, not after Z.
		expect(searchProjects(t.db, query()).items.map((i) => i.title)).toEqual([
			'Ærø Energi',
			'Attract2Tech',
			'Digital kompetens i Göteborg',
			'Grønn omstilling i Tromsø',
			'Kompetenslyft Skåne'
		]);
	});

	it('pages, and a page past the end shows the last page', () => {
		const first = searchProjects(t.db, query(), 2);
		expect(first).toMatchObject({ page: 1, pageCount: 3 });
		const last = searchProjects(t.db, query({ page: '99999999999999999999' }), 2);
		expect(last.page).toBe(3);
		expect(last.items.map((i) => i.title)).toEqual(['Kompetenslyft Skåne']);
		expect(searchProjects(t.db, query({ page: '-3' }), 2).page).toBe(1);
		expect(searchProjects(t.db, query({ page: 'abc' }), 2).page).toBe(1);
	});
});

describe('what is public', () => {
	it('shows the latest approved version only, and nothing of a rejected record', async () => {
		const a = await createApproved(t.db, { record: { title: 'Version two' }, earlier: [{ title: 'Version one' }] });
		await createApproved(t.db, { record: { title: 'Rejected one' }, status: 'rejected' });
		expect(titles()).toEqual(['Version two']);
		expect(titles({ q: 'one' })).toEqual([]);

		t.db.update(records).set({ status: 'rejected' }).where(eq(records.id, a.recordId)).run();
		await lite().tx((tx) => unpublishRecord(lite(), tx, a.recordId));
		expect(titles()).toEqual([]);
		expect(titles({ q: 'two' })).toEqual([]);

		t.db.update(records).set({ status: 'approved' }).where(eq(records.id, a.recordId)).run();
		await lite().tx((tx) => publishVersion(lite(), tx, a.recordId));
		expect(titles({ q: 'two' })).toEqual(['Version two']);
	});

	it('replaces the search row when a record is published again', async () => {
		const a = await createApproved(t.db, { record: { title: 'Before', regions: ['Skåne'] } });
		t.db.$client
			.prepare("INSERT INTO record_versions (record_id, version, data, state_vector, approved_by, approved_at) VALUES (?, 2, ?, x'', ?, ?)")
			.run(a.recordId, JSON.stringify({ ...a.record, title: 'After', regions: ['Halland'] }), 'x', Date.now());
		await lite().tx((tx) => publishVersion(lite(), tx, a.recordId));
		expect(titles({ q: 'before' })).toEqual([]);
		expect(titles({ q: 'after' })).toEqual(['After']);
		expect(searchProjects(t.db, query()).facets.region).toEqual([{ value: 'Halland', count: 1 }]);
		expect(t.db.$client.prepare('SELECT count(*) AS n FROM public_search').get()).toEqual({ n: 1 });
	});
});
