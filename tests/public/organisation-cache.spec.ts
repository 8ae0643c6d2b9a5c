/** A large organisation's projects are kept per data version: a publication or a merge shows at once. */
import { afterEach, describe, expect, it } from 'vitest';
import { getOrganisation } from '../../src/lib/server/public/organisations';
import { mergeOrganisations } from '../../src/lib/server/public/organisation-aliases';
import { asSql } from '../helpers/users';
import { createApproved } from '../helpers/approved';
import { tempDatabase, type TempDatabase } from '../helpers/db';

let t: TempDatabase | undefined;
afterEach(() => t?.cleanup());

const found = (slug: string) => {
	const r = getOrganisation(t!.db.$client, slug);
	if (!r || !('found' in r)) throw new Error(`no organisation ${slug}`);
	return r.found;
};

describe('a large organisation', () => {
	it('shows a new project, and a merged variant, on the next view', async () => {
		t = tempDatabase();
		// One transaction for all of them: 520 commits would take most of the test's time.
		await asSql(t.db).tx(async () => {
			for (let i = 0; i < 520; i++)
				await createApproved(t!.db, {
					record: { title: `P${i}`, owner: 'Region Skåne', startDate: `2020-01-${String((i % 28) + 1).padStart(2, '0')}` }
				});
		});
		await createApproved(t.db, { record: { title: 'Variant', owner: 'Region Skåne, Regional utveckling', startDate: '2030-01-01' } });
		expect(found('region-skane').projects).toBe(520);
		expect(found('region-skane').projects).toBe(520);

		await createApproved(t.db, {
			record: { title: 'Newest', owner: 'Region Skåne', startDate: '2029-01-01', amount: { value: 10, currency: 'EUR' } }
		});
		const after = found('region-skane');
		expect(after.projects).toBe(521);
		expect(after.items[0].title).toBe('Newest');
		expect(after.totals.eur).toBe(10);

		expect(await mergeOrganisations(asSql(t.db), 'region-skane', ['region-skane-regional-utveckling'], null)).toMatchObject({ ok: true });
		const merged = found('region-skane');
		expect(merged.projects).toBe(522);
		expect(merged.items[0].title).toBe('Variant');
	});
});
