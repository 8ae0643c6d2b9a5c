/** Merging and splitting organisation name variants (organisation-aliases.ts) on both databases. */
import { eq } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import type { Sql } from '../../src/lib/server/db/sql';
import { mergeOrganisations, splitOrganisation } from '../../src/lib/server/public/organisation-aliases';
import { describeEachDialect, itOn } from '../helpers/dialects';
import { createTestUser } from '../helpers/users';

async function organisation(sql: Sql, name: string): Promise<string> {
	const slug = name.toLowerCase().replace(/\W+/g, '-');
	await sql.db.insert(sql.t.publicOrganisations).values({ key: name.toLowerCase(), name, slug });
	return slug;
}

async function aliases(sql: Sql): Promise<Map<string, string>> {
	const { organisationAliases: a, publicOrganisations: o } = sql.t;
	const rows = await sql.db.select({ variant: o.slug, canonicalId: a.canonicalId }).from(a).innerJoin(o, eq(o.id, a.organisationId));
	const slugs = new Map((await sql.db.select({ id: o.id, slug: o.slug }).from(o)).map((r) => [r.id, r.slug]));
	return new Map(rows.map((r) => [r.variant, slugs.get(r.canonicalId)!]));
}

async function generation(sql: Sql): Promise<number> {
	const [row] = await sql.db.select({ generation: sql.t.publicState.generation }).from(sql.t.publicState);
	return row?.generation ?? 0;
}

describeEachDialect('organisation aliases', (database, dialect) => {
	beforeEach(async () => {
		const { sql } = database();
		await sql.db.delete(sql.t.organisationAliases);
		await sql.db.delete(sql.t.publicOrganisations);
	});

	it('joins variants to an organisation, with theirs, and splits one off again; each a new generation, audited', async () => {
		const { sql } = database();
		const skane = await organisation(sql, 'Region Skåne');
		const ru = await organisation(sql, 'Region Skåne RU');
		const rs = await organisation(sql, 'Region Skane');
		const before = await generation(sql);
		const { id: approver } = await createTestUser(sql, { role: 'approver' });

		expect(await mergeOrganisations(sql, ru, [rs], approver)).toMatchObject({ ok: true, name: 'Region Skane', into: 'Region Skåne RU' });
		// Merging RU moves its own variant along: aliases stay one level deep.
		expect(await mergeOrganisations(sql, skane, [ru], approver)).toMatchObject({ ok: true, into: 'Region Skåne' });
		expect(await aliases(sql)).toEqual(
			new Map([
				[ru, skane],
				[rs, skane]
			])
		);
		expect(await splitOrganisation(sql, rs, approver)).toMatchObject({ ok: true, name: 'Region Skane', into: 'Region Skåne' });
		expect(await aliases(sql)).toEqual(new Map([[ru, skane]]));
		expect(await generation(sql)).toBe(before + 3);
		const audit = await sql.db.select({ action: sql.t.auditLog.action }).from(sql.t.auditLog).where(eq(sql.t.auditLog.actorId, approver));
		expect(audit.map((a) => a.action).sort()).toEqual(['organisation.merged', 'organisation.merged', 'organisation.split']);
	});

	it('refuses what cannot be done', async () => {
		const { sql } = database();
		const a = await organisation(sql, 'Alfa AB');
		expect(await mergeOrganisations(sql, a, ['nobody'], null)).toMatchObject({ ok: false, refusal: { status: 404 } });
		expect(await mergeOrganisations(sql, a, [a], null)).toMatchObject({ ok: false, refusal: { status: 400 } });
		expect(await splitOrganisation(sql, a, null)).toMatchObject({ ok: false, refusal: { status: 400 } });
	});

	// Two approvers in two processes merge the same pair opposite ways at once: without the lock
	// each sees the other unmerged and both succeed, leaving A an alias of B and B of A.
	itOn(dialect, 'pg')('lets one of two opposite merges at once through, never a cycle', async () => {
		const { sql } = database();
		const other = await database().openAnother();
		for (let round = 0; round < 5; round++) {
			await sql.db.delete(sql.t.organisationAliases);
			const x = await organisation(sql, `Xylo ${round}`);
			const y = await organisation(sql, `Yggdrasil ${round}`);
			const results = await Promise.all([mergeOrganisations(sql, x, [y], null), mergeOrganisations(other, y, [x], null)]);
			expect(results.filter((r) => r.ok)).toHaveLength(1);
			const joined = await aliases(sql);
			for (const canonical of joined.values()) expect(joined.has(canonical)).toBe(false);
		}
	});
});
