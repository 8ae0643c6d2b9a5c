/**
 * The organisations of a published project (its owner and partners), written by
 * publishVersion in the same transaction as the rest of the public index. A name is one
 * organisation per folded spelling; variants that fold differently are joined by aliases
 * an approver curates (organisation-aliases.ts), which publishing never touches.
 */
import { eq, sql } from 'drizzle-orm';
import { publicOrganisations, publicProjectOrganisations, type OrganisationRole } from '../db/schema';
import type { Conn } from './conn';
import { foldFully } from './fold';
import type { PublicRecord } from '../../records/public-record';
import { markChanged } from './state';

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

function freeSlug(tx: Conn, name: string): string {
	const base = slugBase(name);
	for (let n = 1; ; n++) {
		const slug = n === 1 ? base : `${base}-${n}`;
		if (!tx.select({ id: publicOrganisations.id }).from(publicOrganisations).where(eq(publicOrganisations.slug, slug)).get()) return slug;
	}
}

function organisationId(tx: Conn, name: string): number {
	const key = organisationKey(name);
	const found = tx.select({ id: publicOrganisations.id }).from(publicOrganisations).where(eq(publicOrganisations.key, key)).get();
	if (found) return found.id;
	return tx
		.insert(publicOrganisations)
		.values({ key, name, slug: freeSlug(tx, name) })
		.returning({ id: publicOrganisations.id })
		.get().id;
}

/** Replaces the project's organisation rows with those its published record names. */
export function indexOrganisations(tx: Conn, projectId: number, data: PublicRecord): void {
	tx.delete(publicProjectOrganisations).where(eq(publicProjectOrganisations.projectId, projectId)).run();
	const named: [string | null, OrganisationRole][] = [
		[data.owner, 'owner'],
		...data.partners.map((p): [string, OrganisationRole] => [p, 'partner'])
	];
	const rows = new Map<string, { projectId: number; organisationId: number; role: OrganisationRole }>();
	for (const [name, role] of named) {
		const trimmed = name?.trim();
		if (!trimmed || !organisationKey(trimmed)) continue;
		const organisationId_ = organisationId(tx, trimmed);
		rows.set(`${organisationId_}:${role}`, { projectId, organisationId: organisationId_, role });
	}
	if (rows.size)
		tx.insert(publicProjectOrganisations)
			.values([...rows.values()])
			.run();
}

/**
 * For a database published before organisations were indexed: every public project gets
 * its rows from its stored public record. Runs at start-up, in one transaction, only while
 * no organisation has been indexed yet.
 */
export function backfillOrganisations(db: Conn): number {
	const done = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM public_organisations`).n;
	if (done) return 0;
	// Nothing names an organisation: nothing to fill (and no reading every record at each start).
	const named = db.get<{ n: number }>(
		sql`SELECT count(*) AS n FROM (SELECT 1 FROM public_project_records WHERE record ->> '$.owner' IS NOT NULL OR json_array_length(record, '$.partners') > 0 LIMIT 1)`
	).n;
	if (!named) return 0;
	const rows = db.all<{ id: number; record: string }>(sql`SELECT project_id AS id, record FROM public_project_records`);
	if (!rows.length) return 0;
	db.transaction((tx) => {
		for (const r of rows) indexOrganisations(tx, r.id, JSON.parse(r.record) as PublicRecord);
		markChanged(tx, new Date());
	});
	return rows.length;
}
