/** A database published before organisations were indexed gets them at the next start, once. */
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { backfillOrganisations } from '../../src/lib/server/public/index-organisations';
import { searchOrganisations } from '../../src/lib/server/public/organisations';
import { createApproved } from '../helpers/approved';
import { tempDatabase, type TempDatabase } from '../helpers/db';

let t: TempDatabase | undefined;
afterEach(() => t?.cleanup());

describe('backfillOrganisations', () => {
	it('indexes the organisations of every published project when none are, and then never again', () => {
		t = tempDatabase();
		expect(backfillOrganisations(t.db)).toBe(0);
		createApproved(t.db, { record: { title: 'A', owner: 'Region Skåne', partners: ['Lunds universitet'] } });
		createApproved(t.db, { record: { title: 'B', owner: 'Lunds universitet' } });
		// As an older database has them: projects published, no organisation rows.
		t.db.run(sql`DELETE FROM public_project_organisations`);
		t.db.run(sql`DELETE FROM public_organisations`);
		expect(searchOrganisations(t.db.$client, '').total).toBe(0);
		expect(backfillOrganisations(t.db)).toBe(2);
		const found = searchOrganisations(t.db.$client, '');
		expect(found.items.map((o) => [o.name, o.projects])).toEqual([
			['Lunds universitet', 2],
			['Region Skåne', 1]
		]);
		expect(backfillOrganisations(t.db)).toBe(0);
	});
});
