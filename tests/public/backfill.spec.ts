/** A database published before organisations were indexed gets them at the next start, once. */
import { expect, it } from 'vitest';
import type { Sql } from '../../src/lib/server/db/sql';
import { backfillOrganisations } from '../../src/lib/server/public/index-organisations';
import { publicVersion } from '../../src/lib/server/public/state';
import { createApproved } from '../helpers/approved';
import { describeEachDialect, itOn } from '../helpers/dialects';

/** As an older database has them: projects published, no organisation rows. */
async function forgetOrganisations(sql: Sql): Promise<void> {
	await sql.db.delete(sql.t.publicProjectOrganisations);
	await sql.db.delete(sql.t.publicOrganisations);
}

/** Each organisation's name with the number of projects naming it, by name. */
async function organisations(sql: Sql): Promise<[string, number][]> {
	const orgs = await sql.db.select().from(sql.t.publicOrganisations);
	const links = await sql.db.select().from(sql.t.publicProjectOrganisations);
	return orgs
		.map((o): [string, number] => [o.name, new Set(links.filter((l) => l.organisationId === o.id).map((l) => l.projectId)).size])
		.sort(([a], [b]) => a.localeCompare(b));
}

describeEachDialect('backfillOrganisations', (database, dialect) => {
	it('indexes the organisations of every published project when none are, and then never again', async () => {
		const { sql } = database();
		expect(await backfillOrganisations(sql)).toBe(0);
		await createApproved(sql, { record: { title: 'A', owner: 'Region Skåne', partners: ['Lunds universitet'] } });
		await createApproved(sql, { record: { title: 'B', owner: 'Lunds universitet' } });
		await forgetOrganisations(sql);
		expect(await organisations(sql)).toEqual([]);
		expect(await backfillOrganisations(sql)).toBe(2);
		expect(await organisations(sql)).toEqual([
			['Lunds universitet', 2],
			['Region Skåne', 1]
		]);
		expect(await backfillOrganisations(sql)).toBe(0);
	});

	itOn(dialect, 'pg')('is done by one of two processes starting at once', async () => {
		const { sql } = database();
		const other = await database().openAnother();
		await forgetOrganisations(sql);
		const before = (await publicVersion(sql)).generation;
		const filled = await Promise.all([backfillOrganisations(sql), backfillOrganisations(other)]);
		expect(filled.sort()).toEqual([0, 2]);
		expect((await publicVersion(sql)).generation).toBe(before + 1);
		expect(await organisations(sql)).toEqual([
			['Lunds universitet', 2],
			['Region Skåne', 1]
		]);
	});
});
