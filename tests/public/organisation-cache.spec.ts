/** A large organisation's projects are kept per data version: a publication or a merge shows at once. */
import { expect, it } from 'vitest';
import type { Sql } from '../../src/lib/server/db/sql';
import { getOrganisation } from '../../src/lib/server/public/organisations';
import { mergeOrganisations } from '../../src/lib/server/public/organisation-aliases';
import { createApproved } from '../helpers/approved';
import { describeEachDialect } from '../helpers/dialects';

const found = async (sql: Sql, slug: string) => {
	const r = await getOrganisation(sql, slug);
	if (!r || !('found' in r)) throw new Error(`no organisation ${slug}`);
	return r.found;
};

describeEachDialect('a large organisation', (database) => {
	it('shows a new project, and a merged variant, on the next view', async () => {
		const { sql } = database();
		// One transaction for all of them: 520 commits would take most of the test's time.
		await sql.tx(async () => {
			for (let i = 0; i < 520; i++)
				await createApproved(sql, {
					record: { title: `P${i}`, owner: 'Region Skåne', startDate: `2020-01-${String((i % 28) + 1).padStart(2, '0')}` }
				});
		});
		await createApproved(sql, { record: { title: 'Variant', owner: 'Region Skåne, Regional utveckling', startDate: '2030-01-01' } });
		expect((await found(sql, 'region-skane')).projects).toBe(520);
		expect((await found(sql, 'region-skane')).projects).toBe(520);

		await createApproved(sql, {
			record: { title: 'Newest', owner: 'Region Skåne', startDate: '2029-01-01', amount: { value: 10, currency: 'EUR' } }
		});
		const after = await found(sql, 'region-skane');
		expect(after.projects).toBe(521);
		expect(after.items[0].title).toBe('Newest');
		expect(after.totals.eur).toBe(10);

		expect(await mergeOrganisations(sql, 'region-skane', ['region-skane-regional-utveckling'], null)).toMatchObject({ ok: true });
		const merged = await found(sql, 'region-skane');
		expect(merged.projects).toBe(522);
		expect(merged.items[0].title).toBe('Variant');
	});
});
