/**
 * Adding a public facet is one registry entry plus a migration. This file gives two more
 * fields of the real registry a `facet` flag (a list, `themes`, and a text, `owner`), applies
 * the migration drizzle-kit generates for them (a column for the text; a list needs none, its
 * values are rows of public_project_facet_values), and checks that publishing, the page's
 * search and counts, the API's SQL filter, URL parsing and the labels all pick them up with
 * no other code changed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { asSql } from '../helpers/users';

vi.mock('../../src/lib/records/fields', async (importOriginal) => {
	const real = await importOriginal<typeof import('../../src/lib/records/fields')>();
	const extra: Record<string, { param: string; rank: number }> = {
		themes: { param: 'theme', rank: 7 },
		owner: { param: 'owner', rank: 8 }
	};
	const FIELDS = real.FIELDS.map((f) => (extra[f.key] ? { ...f, facet: extra[f.key] } : f));
	return { ...real, FIELDS, FACET_FIELDS: real.facetFields(FIELDS) };
});

const { countProjects } = await import('../../src/lib/server/public/projects');
const { FACETS, parseFilters, parseQuery } = await import('../../src/lib/server/public/query');
const { searchProjects } = await import('../../src/lib/server/public/search');
const { facetTitle, facetValueLabel } = await import('../../src/lib/server/public/labels');
const { createApproved } = await import('../helpers/approved');
const { tempDatabase } = await import('../helpers/db');

let t: ReturnType<typeof tempDatabase> | undefined;
afterEach(() => t?.cleanup());

/** The migration `npx drizzle-kit generate` writes for the text facet: its column and index. */
const MIGRATION = [
	'ALTER TABLE `public_projects` ADD `owner` text',
	'CREATE INDEX `public_projects_owner_idx` ON `public_projects` (`owner`)'
];

describe('a facet added to the field registry', () => {
	it('is a URL parameter after the others, in rank order', () => {
		expect(FACETS).toEqual(['country', 'funder', 'programme', 'region', 'year', 'amount', 'theme', 'owner']);
		expect(parseFilters(new URLSearchParams({ theme: 'Energy', owner: 'Region Skåne' }))).toMatchObject({
			theme: 'Energy',
			owner: 'Region Skåne'
		});
		expect(facetTitle('theme' as never, 'en')).toBe('Themes');
		expect(facetTitle('owner' as never, 'sv')).toBe('Projektägare');
		expect(facetValueLabel('theme' as never, 'Energy', 'en')).toBe('Energy');
	});

	it('is written on publishing, filters the page and the API, and is counted', async () => {
		t = tempDatabase();
		for (const statement of MIGRATION) t.db.$client.exec(statement);
		const a = await createApproved(t.db, { record: { title: 'A', owner: 'Region Skåne', themes: ['Energy', 'Transport'] } });
		const b = await createApproved(t.db, { record: { title: 'B', owner: 'Lunds kommun', themes: ['Energy'] } });
		await createApproved(t.db, { record: { title: 'C', owner: 'Region Skåne', themes: [] } });

		const rows = t.db.$client.prepare("SELECT value FROM public_project_facet_values WHERE facet = 'themes' ORDER BY value").pluck().all();
		expect(rows).toEqual(['Energy', 'Energy', 'Transport']);

		const search = (params: Record<string, string>) => searchProjects(t!.db, parseQuery(new URLSearchParams(params)));
		const energy = search({ theme: 'Energy' });
		expect(energy.items.map((p) => p.id).sort()).toEqual([a.recordId, b.recordId].sort());
		expect(await countProjects(asSql(t.db), parseFilters(new URLSearchParams({ theme: 'Energy' })))).toBe(2);
		expect(search({ theme: 'Transport', owner: 'Region Skåne' }).items.map((p) => p.id)).toEqual([a.recordId]);
		expect(await countProjects(asSql(t.db), parseFilters(new URLSearchParams({ theme: 'Transport', owner: 'Lunds kommun' })))).toBe(0);

		const facets = search({}).facets as unknown as Record<string, { value: string; count: number }[]>;
		expect(facets.theme).toEqual([
			{ value: 'Energy', count: 2 },
			{ value: 'Transport', count: 1 }
		]);
		expect(facets.owner).toEqual([
			{ value: 'Region Skåne', count: 2 },
			{ value: 'Lunds kommun', count: 1 }
		]);
	});
});
