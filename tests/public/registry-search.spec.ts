/** The registry's `search` flags are the full-text index: its columns, what publishing writes there, and the weights. */
import { afterAll, expect, it } from 'vitest';
import { SEARCH_FIELDS } from '../../src/lib/records/fields';
import { parseQuery } from '../../src/lib/server/public/query';
import { searchProjects } from '../../src/lib/server/public/search';
import { createApproved } from '../helpers/approved';
import { describeEachDialect } from '../helpers/dialects';
import { searchDatabase } from './search-db';

describeEachDialect('search flags in the field registry', (database) => {
	const sql = () => database().sql;
	// Not searchEachTest: only one test here publishes, so there is nothing before it to clear.
	const index = searchDatabase(database);
	afterAll(() => index.close());

	// On PostgreSQL the table is the one of the in-memory index the search runs on.
	it('name exactly the columns of public_search (a flag without its migration fails here)', async () => {
		const columns = (await index.db()).$client.prepare("SELECT name FROM pragma_table_info('public_search')").pluck().all() as string[];
		expect([...columns].sort()).toEqual(SEARCH_FIELDS.map((f) => f.key).sort());
	});

	it('make each flagged field findable, and rank by its weight', async () => {
		const inTitle = await createApproved(sql(), { record: { title: 'Havbruk i nord', summary: 'Et prosjekt.' } });
		const inSummary = await createApproved(sql(), { record: { title: 'Et prosjekt', summary: 'Om havbruk i nord.' } });
		const inPartner = await createApproved(sql(), { record: { title: 'Tredje', partners: ['Tromsø havbruk AS'] } });
		const found = searchProjects(await index.db(), parseQuery(new URLSearchParams({ q: 'havbruk' })));
		expect(found.items.map((p) => p.id)).toEqual([inTitle.recordId, inPartner.recordId, inSummary.recordId]);
		// ø folded on the way in, as on the way of the query.
		expect(searchProjects(await index.db(), parseQuery(new URLSearchParams({ q: 'tromso' }))).items.map((p) => p.id)).toEqual([
			inPartner.recordId
		]);
	});
});
