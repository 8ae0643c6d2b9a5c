/** The registry's `facet` flags are the public search's filters: their parameters, their order, and what each selects. */
import { describe, expect, it } from 'vitest';
import { FIELDS, type ProjectRecord } from '../../src/lib/records/fields';
import { countProjects } from '../../src/lib/server/public/projects';
import { FACETS, parseFilters, parseQuery, unknownFilterValues, type FacetKey } from '../../src/lib/server/public/query';
import { searchProjects } from '../../src/lib/server/public/search';
import { createApproved } from '../helpers/approved';
import { describeEachDialect } from '../helpers/dialects';
import { searchEachTest } from './search-db';

/** Per facet: a record value that one project has and the other lacks, and the parameter that selects it. */
const SAMPLES: Record<FacetKey, { record: Partial<ProjectRecord>; other: Partial<ProjectRecord>; param: string }> = {
	country: { record: { country: 'SE' }, other: { country: 'NO' }, param: 'se' },
	funder: { record: { funder: 'Vinnova' }, other: { funder: 'Interreg' }, param: 'Vinnova' },
	programme: { record: { programme: 'ESF+' }, other: { programme: 'Horizon' }, param: 'ESF+' },
	region: { record: { regions: ['Skåne', 'Halland'] }, other: { regions: ['Troms'] }, param: 'Halland' },
	year: { record: { startDate: '2021-03-01' }, other: { startDate: '2022-03-01' }, param: '2021' },
	amount: {
		record: { amount: { value: 200_000, currency: 'EUR' } },
		other: { amount: { value: 2_000_000, currency: 'EUR' } },
		param: '100k-500k'
	}
};

describe('facet flags in the field registry', () => {
	it('name the filter parameters, in facet order', () => {
		const flagged = FIELDS.flatMap((f) => (f.facet ? [f.facet] : [])).sort((a, b) => a.rank - b.rank);
		expect(FACETS).toEqual(flagged.map((f) => f.param));
		expect(FACETS).toEqual(['country', 'funder', 'programme', 'region', 'year', 'amount']);
	});

	it('report a value of a formed facet that does not fit, and drop it', () => {
		const params = new URLSearchParams({ country: 'Sweden', year: '21', amount: 'all', funder: 'anything' });
		expect(unknownFilterValues(params)).toEqual(['country', 'year', 'amount']);
		expect(parseFilters(params)).toEqual({
			q: '',
			country: null,
			funder: 'anything',
			programme: null,
			region: null,
			year: null,
			amount: null
		});
	});
});

describeEachDialect('facet flags selecting projects', (database) => {
	const sql = () => database().sql;
	const index = searchEachTest(database);

	it.each(FACETS.map((key) => [key]))('make %s select its projects on the page and in the API alike', async (key) => {
		const sample = SAMPLES[key];
		const wanted = await createApproved(sql(), { record: { title: 'Wanted', ...sample.record } });
		const other = await createApproved(sql(), { record: { title: 'Other', ...sample.other } });
		// Both are published and nothing else (searchEachTest clears), so it is the parameter that leaves Other out.
		const none = new URLSearchParams();
		expect(searchProjects(await index.db(), parseQuery(none)).items.map((p) => p.id)).toEqual([other.recordId, wanted.recordId]);
		expect(await countProjects(sql(), parseFilters(none))).toBe(2);
		const params = new URLSearchParams({ [key]: sample.param });
		const page = searchProjects(await index.db(), parseQuery(params));
		expect(page.items.map((p) => p.id)).toEqual([wanted.recordId]);
		expect(page.facets[key].length).toBeGreaterThan(0);
		expect(await countProjects(sql(), parseFilters(params))).toBe(1);
		expect(unknownFilterValues(params)).toEqual([]);
	});
});
