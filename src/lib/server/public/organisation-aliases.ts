/**
 * Joining name variants of one organisation, and splitting them again: approvers curate
 * these in the workspace. Each change is one transaction with its audit entry, and bumps
 * public_state so the organisation pages, the exports and their ETags follow at once.
 */
import { eq, inArray } from 'drizzle-orm';
import { audit } from '../audit';
import type { Db } from '../db/client';
import { organisationAliases, publicOrganisations } from '../db/schema';
import { refuse, type Refusal } from '../refusal';
import { markChangedSync } from './state';

export type AliasResult = { ok: true; name: string; into?: string } | { ok: false; refusal: Refusal };

function bySlug(db: Db, slug: string) {
	return db
		.select({
			id: publicOrganisations.id,
			name: publicOrganisations.name,
			slug: publicOrganisations.slug,
			canonicalId: organisationAliases.canonicalId
		})
		.from(publicOrganisations)
		.leftJoin(organisationAliases, eq(organisationAliases.organisationId, publicOrganisations.id))
		.where(eq(publicOrganisations.slug, slug))
		.get();
}

/**
 * Shows each organisation in `slugs` as part of `intoSlug`. Variants already joined to a
 * merged organisation move with it, so every alias points at a canonical organisation.
 */
export function mergeOrganisations(db: Db, intoSlug: string, slugs: string[], actorId: string | null, now = new Date()): AliasResult {
	const target = bySlug(db, intoSlug);
	if (!target) return { ok: false, refusal: refuse('not_found', (t) => t.noOrganisation(intoSlug)) };
	const intoId = target.canonicalId ?? target.id;
	const into = intoId === target.id ? target : db.select().from(publicOrganisations).where(eq(publicOrganisations.id, intoId)).get()!;
	const merged: NonNullable<ReturnType<typeof bySlug>>[] = [];
	for (const slug of new Set(slugs)) {
		const org = bySlug(db, slug);
		if (!org) return { ok: false, refusal: refuse('not_found', (t) => t.noOrganisation(slug)) };
		if (org.id !== intoId) merged.push(org);
	}
	if (!merged.length) return { ok: false, refusal: refuse('invalid', (t) => t.mergeWhichOrganisations) };
	db.transaction((tx) => {
		const ids = merged.map((m) => m.id);
		// Their own variants come along: aliases stay one level deep.
		tx.update(organisationAliases).set({ canonicalId: intoId }).where(inArray(organisationAliases.canonicalId, ids)).run();
		for (const m of merged) {
			tx.insert(organisationAliases)
				.values({ organisationId: m.id, canonicalId: intoId, mergedBy: actorId, mergedAt: now })
				.onConflictDoUpdate({ target: organisationAliases.organisationId, set: { canonicalId: intoId, mergedBy: actorId, mergedAt: now } })
				.run();
		}
		audit(tx, {
			action: 'organisation.merged',
			actorId,
			targetType: 'organisation',
			targetId: into.slug,
			detail: { into: into.name, merged: merged.map((m) => ({ slug: m.slug, name: m.name })) },
			at: now
		});
		markChangedSync(tx, now); // pg: organisation-aliases.ts not converted yet
	});
	return { ok: true, name: merged.map((m) => m.name).join(', '), into: into.name };
}

/** Shows a variant as its own organisation again. */
export function splitOrganisation(db: Db, slug: string, actorId: string | null, now = new Date()): AliasResult {
	const org = bySlug(db, slug);
	if (!org) return { ok: false, refusal: refuse('not_found', (t) => t.noOrganisation(slug)) };
	if (org.canonicalId === null) return { ok: false, refusal: refuse('invalid', (t) => t.organisationNotMerged(org.name)) };
	const from = db.select().from(publicOrganisations).where(eq(publicOrganisations.id, org.canonicalId)).get()!;
	db.transaction((tx) => {
		tx.delete(organisationAliases).where(eq(organisationAliases.organisationId, org.id)).run();
		audit(tx, {
			action: 'organisation.split',
			actorId,
			targetType: 'organisation',
			targetId: org.slug,
			detail: { name: org.name, from: { slug: from.slug, name: from.name } },
			at: now
		});
		markChangedSync(tx, now); // pg: organisation-aliases.ts not converted yet
	});
	return { ok: true, name: org.name, into: from.name };
}
