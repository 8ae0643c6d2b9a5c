/**
 * Adding a public facet is one registry entry plus a migration. This file gives two more
 * fields of the real registry a `facet` flag (a list, `themes`, and a text, `owner`), applies
 * the migration drizzle-kit generates for them (a column for the text; a list needs none, its
 * values are rows of public_project_facet_values), and checks that publishing, the page's
 * search and counts, the API's SQL filter, URL parsing and the labels all pick them up with
 * no other code changed.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql as rawSql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PgDb } from '../../src/lib/server/db/pg-client';
import type { SearchDatabase } from './search-db';

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
const { MIGRATIONS } = await import('../helpers/db');
const { describeEachDialect } = await import('../helpers/dialects');
const { searchDatabase } = await import('./search-db');

/** The migration `npx drizzle-kit generate` writes for the text facet: its column and index. */
const MIGRATION = [
	'ALTER TABLE `public_projects` ADD `owner` text',
	'CREATE INDEX `public_projects_owner_idx` ON `public_projects` (`owner`)'
];
/** The same for PostgreSQL (drizzle/pg). */
const PG_MIGRATION = [
	'ALTER TABLE "public_projects" ADD COLUMN "owner" text',
	'CREATE INDEX "public_projects_owner_idx" ON "public_projects" USING btree ("owner")'
];

/** The app's SQLite migrations and this one after them: what the PostgreSQL mode's in-memory search index is made with. */
function migrationsWithFacet(dir: string): string {
	const folder = join(dir, 'drizzle');
	cpSync(MIGRATIONS, folder, { recursive: true });
	const journalPath = join(folder, 'meta/_journal.json');
	const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number; when: number; tag: string }[] };
	const last = journal.entries[journal.entries.length - 1];
	const tag = `${String(last.idx + 1).padStart(4, '0')}_owner_facet`;
	writeFileSync(join(folder, `${tag}.sql`), MIGRATION.join(';\n--> statement-breakpoint\n'));
	journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag });
	writeFileSync(journalPath, JSON.stringify(journal));
	return folder;
}

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
});

describeEachDialect('a facet added to the field registry, on the database', (database) => {
	const sql = () => database().sql;
	let dir: string | undefined;
	let index: SearchDatabase | undefined;
	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'samla-facet-'));
		index = searchDatabase(database, migrationsWithFacet(dir));
		const { sqlite } = database();
		if (sqlite) for (const statement of MIGRATION) sqlite.$client.exec(statement);
		// Raw DDL, which the dialect-neutral handle leaves out: on PostgreSQL it is node-postgres' Drizzle instance (db/sql.ts).
		else for (const statement of PG_MIGRATION) await (sql().db as unknown as PgDb).execute(rawSql.raw(statement));
	});
	afterAll(() => {
		index?.close();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	it('is written on publishing, filters the page and the API, and is counted', async () => {
		const a = await createApproved(sql(), { record: { title: 'A', owner: 'Region Skåne', themes: ['Energy', 'Transport'] } });
		const b = await createApproved(sql(), { record: { title: 'B', owner: 'Lunds kommun', themes: ['Energy'] } });
		await createApproved(sql(), { record: { title: 'C', owner: 'Region Skåne', themes: [] } });

		const { db, t } = sql();
		const rows = await db
			.select({ value: t.publicProjectFacetValues.value })
			.from(t.publicProjectFacetValues)
			.where(eq(t.publicProjectFacetValues.facet, 'themes'))
			.orderBy(t.publicProjectFacetValues.value);
		expect(rows.map((r) => r.value)).toEqual(['Energy', 'Energy', 'Transport']);

		const searched = await index!.db();
		const search = (params: Record<string, string>) => searchProjects(searched, parseQuery(new URLSearchParams(params)));
		const energy = search({ theme: 'Energy' });
		expect(energy.items.map((p) => p.id).sort()).toEqual([a.recordId, b.recordId].sort());
		expect(await countProjects(sql(), parseFilters(new URLSearchParams({ theme: 'Energy' })))).toBe(2);
		expect(search({ theme: 'Transport', owner: 'Region Skåne' }).items.map((p) => p.id)).toEqual([a.recordId]);
		expect(await countProjects(sql(), parseFilters(new URLSearchParams({ theme: 'Transport', owner: 'Lunds kommun' })))).toBe(0);

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
