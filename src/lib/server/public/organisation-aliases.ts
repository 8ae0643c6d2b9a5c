/**
 * Joining name variants of one organisation, and splitting them again: approvers curate
 * these in the workspace. Each change is one transaction with its audit entry, and bumps
 * public_state so the organisation pages, the exports and their ETags follow at once.
 * Changes are serialised on one lock: two approvers merging A into B and B into A at once
 * would otherwise each see the other unmerged and leave a cycle.
 */
import { eq, inArray } from 'drizzle-orm';
import { auditSql } from '../audit';
import type { Sql, SqlDb } from '../db/sql';
import { refuse, type Refusal } from '../refusal';
import { markChanged } from './state';

export type AliasResult = { ok: true; name: string; into?: string } | { ok: false; refusal: Refusal };

const CURATION_LOCK = 'organisation-aliases';

async function bySlug(sql: Sql, tx: SqlDb, slug: string) {
	const { organisationAliases, publicOrganisations } = sql.t;
	const [row] = await tx
		.select({
			id: publicOrganisations.id,
			name: publicOrganisations.name,
			slug: publicOrganisations.slug,
			canonicalId: organisationAliases.canonicalId
		})
		.from(publicOrganisations)
		.leftJoin(organisationAliases, eq(organisationAliases.organisationId, publicOrganisations.id))
		.where(eq(publicOrganisations.slug, slug));
	return row;
}

async function byId(sql: Sql, tx: SqlDb, id: number) {
	const { publicOrganisations } = sql.t;
	const [row] = await tx.select().from(publicOrganisations).where(eq(publicOrganisations.id, id));
	return row;
}

/**
 * Shows each organisation in `slugs` as part of `intoSlug`. Variants already joined to a
 * merged organisation move with it, so every alias points at a canonical organisation.
 */
export async function mergeOrganisations(
	sql: Sql,
	intoSlug: string,
	slugs: string[],
	actorId: string | null,
	now = new Date()
): Promise<AliasResult> {
	const { organisationAliases } = sql.t;
	return sql.tx(async (tx): Promise<AliasResult> => {
		await sql.lockKeys(tx, [CURATION_LOCK]);
		const target = await bySlug(sql, tx, intoSlug);
		if (!target) return { ok: false, refusal: refuse('not_found', (t) => t.noOrganisation(intoSlug)) };
		const intoId = target.canonicalId ?? target.id;
		const into = intoId === target.id ? target : (await byId(sql, tx, intoId))!;
		const merged: NonNullable<Awaited<ReturnType<typeof bySlug>>>[] = [];
		for (const slug of new Set(slugs)) {
			const org = await bySlug(sql, tx, slug);
			if (!org) return { ok: false, refusal: refuse('not_found', (t) => t.noOrganisation(slug)) };
			if (org.id !== intoId) merged.push(org);
		}
		if (!merged.length) return { ok: false, refusal: refuse('invalid', (t) => t.mergeWhichOrganisations) };
		const ids = merged.map((m) => m.id);
		// Their own variants come along: aliases stay one level deep.
		await tx.update(organisationAliases).set({ canonicalId: intoId }).where(inArray(organisationAliases.canonicalId, ids));
		for (const m of merged) {
			await tx
				.insert(organisationAliases)
				.values({ organisationId: m.id, canonicalId: intoId, mergedBy: actorId, mergedAt: now })
				.onConflictDoUpdate({ target: organisationAliases.organisationId, set: { canonicalId: intoId, mergedBy: actorId, mergedAt: now } });
		}
		await auditSql(sql, tx, {
			action: 'organisation.merged',
			actorId,
			targetType: 'organisation',
			targetId: into.slug,
			detail: { into: into.name, merged: merged.map((m) => ({ slug: m.slug, name: m.name })) },
			at: now
		});
		await markChanged(sql, tx, now);
		return { ok: true, name: merged.map((m) => m.name).join(', '), into: into.name };
	});
}

/** Shows a variant as its own organisation again. */
export async function splitOrganisation(sql: Sql, slug: string, actorId: string | null, now = new Date()): Promise<AliasResult> {
	const { organisationAliases } = sql.t;
	return sql.tx(async (tx): Promise<AliasResult> => {
		await sql.lockKeys(tx, [CURATION_LOCK]);
		const org = await bySlug(sql, tx, slug);
		if (!org) return { ok: false, refusal: refuse('not_found', (t) => t.noOrganisation(slug)) };
		if (org.canonicalId === null) return { ok: false, refusal: refuse('invalid', (t) => t.organisationNotMerged(org.name)) };
		const from = (await byId(sql, tx, org.canonicalId))!;
		await tx.delete(organisationAliases).where(eq(organisationAliases.organisationId, org.id));
		await auditSql(sql, tx, {
			action: 'organisation.split',
			actorId,
			targetType: 'organisation',
			targetId: org.slug,
			detail: { name: org.name, from: { slug: from.slug, name: from.name } },
			at: now
		});
		await markChanged(sql, tx, now);
		return { ok: true, name: org.name, into: from.name };
	});
}
