/**
 * Migration 0007 moves a database published under the hand-written facets to the registry's
 * layout: regions become rows of public_project_facet_values and amounts get their euro band,
 * so a search finds the same projects before any republish.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseFilters, parseQuery } from '../../src/lib/server/public/query';
import { countProjects } from '../../src/lib/server/public/projects';
import { asSql } from '../helpers/users';
import { searchProjects } from '../../src/lib/server/public/search';
import { insertRecords, tempDatabaseBefore, type DatabaseBefore } from '../helpers/db';

let temp: DatabaseBefore | undefined;
afterEach(() => temp?.cleanup());

describe('migration 0007 (facets from the registry)', () => {
	it('carries the regions and the euro bands of projects published before it', async () => {
		temp = tempDatabaseBefore('0007_finish_facet_registry');
		const { db } = temp;
		const c = db.$client;
		const amounts: [string, number | null][] = [
			['a', 50_000],
			['b', 250_000],
			['c', 7_000_000],
			['d', null]
		];
		const ids = amounts.map(([id]) => id);
		insertRecords(db, 'approved', ids);
		for (const [id, eur] of amounts) {
			const pid = c
				.prepare(
					`INSERT INTO public_projects (record_id, version, approved_at, sort_title, country, start_year, amount_eur) VALUES (?, 1, 0, ?, 'SE', 2021, ?) RETURNING id`
				)
				.pluck()
				.get(id, id, eur);
			c.prepare(`INSERT INTO public_project_records (project_id, record, sources) VALUES (?, ?, '[]')`).run(
				pid,
				JSON.stringify({ title: id, regions: [], partners: [], themes: [], contacts: [] })
			);
			c.prepare(`INSERT INTO public_project_regions (project_id, region) VALUES (?, ?)`).run(pid, id === 'a' ? 'Skåne' : 'Halland');
		}

		temp.migrate();

		expect(c.prepare(`SELECT record_id, amount_band FROM public_projects ORDER BY record_id`).raw().all()).toEqual([
			['a', 'lt100k'],
			['b', '100k-500k'],
			['c', 'gte5m'],
			['d', null]
		]);
		expect(c.prepare(`SELECT name FROM sqlite_master WHERE name = 'public_project_regions'`).get()).toBeUndefined();
		const found = (params: Record<string, string>) =>
			searchProjects(db, parseQuery(new URLSearchParams(params)))
				.items.map((p) => p.id)
				.sort();
		expect(found({ region: 'Halland' })).toEqual(['b', 'c', 'd']);
		expect(found({ amount: '100k-500k' })).toEqual(['b']);
		expect(await countProjects(asSql(db), parseFilters(new URLSearchParams({ region: 'Skåne', amount: 'lt100k' })))).toBe(1);
	});
});
