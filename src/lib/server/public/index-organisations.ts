/**
 * The organisations of a published project (its owner and partners), written by
 * publishVersion in the same transaction as the rest of the public index. A name is one
 * organisation per folded spelling; variants that fold differently are joined by aliases
 * an approver curates (organisation-aliases.ts), which publishing never touches.
 */
import { count, eq, or, sql as rawSql } from 'drizzle-orm';
import type { OrganisationRole } from '../db/schema';
import type { Sql, SqlDb } from '../db/sql';
import { foldFully } from './fold';
import type { PublicRecord } from '../../records/public-record';
import { lockPublicIndex, markChanged } from './state';

const MAX_SLUG = 80;

/** Case, accents, ø/æ and spacing folded: "Region  Skane" and "Region Skåne" are one organisation. */
export function organisationKey(name: string): string {
	return foldFully(name).replace(/\s+/g, ' ').trim();
}

/** Letters and digits of the folded name, dashes between: readable in a URL in every language. */
export function slugBase(name: string): string {
	const base = organisationKey(name)
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, MAX_SLUG)
		.replace(/-+$/, '');
	return base || 'organisation';
}

async function freeSlug(sql: Sql, tx: SqlDb, name: string): Promise<string> {
	const { publicOrganisations } = sql.t;
	const base = slugBase(name);
	for (let n = 1; ; n++) {
		const slug = n === 1 ? base : `${base}-${n}`;
		const [taken] = await tx.select({ id: publicOrganisations.id }).from(publicOrganisations).where(eq(publicOrganisations.slug, slug));
		if (!taken) return slug;
	}
}

async function organisationId(sql: Sql, tx: SqlDb, name: string): Promise<number> {
	const { publicOrganisations } = sql.t;
	const key = organisationKey(name);
	const [found] = await tx.select({ id: publicOrganisations.id }).from(publicOrganisations).where(eq(publicOrganisations.key, key));
	if (found) return found.id;
	const [made] = await tx
		.insert(publicOrganisations)
		.values({ key, name, slug: await freeSlug(sql, tx, name) })
		.returning({ id: publicOrganisations.id });
	return made.id;
}

/**
 * Replaces the project's organisation rows with those its published record names; call
 * inside the publishing transaction. An organisation's key and slug are chosen by reading,
 * then inserting: without the public index's lock, two publications naming a new
 * organisation at once (two processes on PostgreSQL) would both insert it.
 */
export async function indexOrganisations(sql: Sql, tx: SqlDb, projectId: number, data: PublicRecord): Promise<void> {
	const { publicProjectOrganisations } = sql.t;
	await lockPublicIndex(sql, tx);
	await tx.delete(publicProjectOrganisations).where(eq(publicProjectOrganisations.projectId, projectId));
	const named: [string | null, OrganisationRole][] = [
		[data.owner, 'owner'],
		...data.partners.map((p): [string, OrganisationRole] => [p, 'partner'])
	];
	const rows = new Map<string, { projectId: number; organisationId: number; role: OrganisationRole }>();
	for (const [name, role] of named) {
		const trimmed = name?.trim();
		if (!trimmed || !organisationKey(trimmed)) continue;
		const organisationId_ = await organisationId(sql, tx, trimmed);
		rows.set(`${organisationId_}:${role}`, { projectId, organisationId: organisationId_, role });
	}
	if (rows.size) await tx.insert(publicProjectOrganisations).values([...rows.values()]);
}

/**
 * For a database published before organisations were indexed: every public project gets
 * its rows from its stored public record. Runs at start-up, in one transaction, only while
 * no organisation has been indexed yet; of processes starting together, the first does it.
 */
export async function backfillOrganisations(sql: Sql): Promise<number> {
	const { publicOrganisations, publicProjectRecords } = sql.t;
	const indexed = async (db: SqlDb) => (await db.select({ n: count() }).from(publicOrganisations))[0].n > 0;
	if (await indexed(sql.db)) return 0;
	const record = publicProjectRecords.record;
	// Nothing names an organisation: nothing to fill (and no reading every record at each start).
	const namesOne =
		sql.dialect === 'pg'
			? or(rawSql`${record} ->> 'owner' IS NOT NULL`, rawSql`jsonb_array_length(${record} -> 'partners') > 0`)
			: or(rawSql`${record} ->> '$.owner' IS NOT NULL`, rawSql`json_array_length(${record}, '$.partners') > 0`);
	const [named] = await sql.db.select({ id: publicProjectRecords.projectId }).from(publicProjectRecords).where(namesOne).limit(1);
	if (!named) return 0;
	return sql.tx(async (tx) => {
		await lockPublicIndex(sql, tx);
		// Another process may have filled them while this one looked.
		if (await indexed(tx)) return 0;
		const rows = await tx.select({ id: publicProjectRecords.projectId, record }).from(publicProjectRecords);
		for (const r of rows) await indexOrganisations(sql, tx, r.id, r.record);
		await markChanged(sql, tx, new Date());
		return rows.length;
	});
}
