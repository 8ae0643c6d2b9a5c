/**
 * The organisations of the public view: every organisation named as owner or partner of a
 * published project, name variants joined through their aliases, with its projects and
 * their totals. Read only; the rows are written by index-organisations.ts and the aliases
 * by organisation-aliases.ts.
 */
import { asc, count, eq, inArray, sql as rawSql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Money } from '../../records/fields';
import type { OrganisationRole } from '../db/schema';
import type { Sql } from '../db/sql';
import { organisationKey } from './index-organisations';
import { publicVersion } from './state';

export interface OrganisationSummary {
	slug: string;
	name: string;
	/** Other spellings joined to it. */
	variants: string[];
	projects: number;
	/** Projects it owns. */
	owned: number;
	/** Projects it is a partner in (a project may count in both). */
	partnered: number;
	/** Its projects' amounts with a euro rate, summed in euro. */
	eur: number;
}

interface Listed extends OrganisationSummary {
	/** Name and variants folded, for search. */
	folded: string;
}

/** The list changes only with the public data (publications and merges bump public_state): kept per generation. */
const lists = new WeakMap<Sql, { generation: number; list: Listed[] }>();

const generation = async (sql: Sql) => (await publicVersion(sql)).generation;

/** The variants joined to each organisation (by id), by name. */
async function variantsById(sql: Sql, canonical?: number[]): Promise<Map<number, { slug: string; name: string }[]>> {
	const { organisationAliases: a, publicOrganisations: v } = sql.t;
	const rows = await sql.db
		.select({ canonical: a.canonicalId, slug: v.slug, name: v.name })
		.from(a)
		.innerJoin(v, eq(v.id, a.organisationId))
		.where(canonical ? inArray(a.canonicalId, canonical) : undefined)
		.orderBy(asc(v.name));
	const out = new Map<number, { slug: string; name: string }[]>();
	for (const r of rows) out.set(r.canonical, [...(out.get(r.canonical) ?? []), { slug: r.slug, name: r.name }]);
	return out;
}

async function allOrganisations(sql: Sql): Promise<Listed[]> {
	const g = await generation(sql);
	const hit = lists.get(sql);
	if (hit?.generation === g) return hit.list;
	const { publicProjectOrganisations: po, organisationAliases: a, publicProjects: p, publicOrganisations: o } = sql.t;
	// Per organisation and project first, so a project named by two variants, or in both roles, counts once.
	const org = rawSql`coalesce(${a.canonicalId}, ${po.organisationId})`;
	const m = sql.db
		.select({
			org: rawSql<number>`${org}`.as('org'),
			projectId: po.projectId,
			owner: rawSql<number>`max(case when ${po.role} = 'owner' then 1 else 0 end)`.as('owner'),
			partner: rawSql<number>`max(case when ${po.role} = 'partner' then 1 else 0 end)`.as('partner')
		})
		.from(po)
		.leftJoin(a, eq(a.organisationId, po.organisationId))
		.groupBy(org, po.projectId)
		.as('m');
	// PostgreSQL sums integers as bigint, which arrives as text: Number for both.
	const [rows, variants] = await Promise.all([
		sql.db
			.select({
				id: o.id,
				slug: o.slug,
				name: o.name,
				projects: count(),
				owned: rawSql<number>`sum(${m.owner})`.mapWith(Number),
				partnered: rawSql<number>`sum(${m.partner})`.mapWith(Number),
				eur: rawSql<number>`coalesce(sum(${p.amountEur}), 0)`.mapWith(Number)
			})
			.from(m)
			.innerJoin(p, eq(p.id, m.projectId))
			.innerJoin(o, eq(o.id, m.org))
			.groupBy(o.id, o.slug, o.name),
		variantsById(sql)
	]);
	const list = rows
		.map((r) => {
			const names = (variants.get(r.id) ?? []).map((v) => v.name).sort();
			return {
				slug: r.slug,
				name: r.name,
				variants: names,
				projects: r.projects,
				owned: r.owned,
				partnered: r.partnered,
				eur: r.eur,
				folded: [r.name, ...names].map(organisationKey).join('\n')
			};
		})
		.sort((a, b) => (a.folded < b.folded ? -1 : a.folded > b.folded ? 1 : 0));
	lists.set(sql, { generation: g, list });
	return list;
}

export interface OrganisationPage {
	total: number;
	page: number;
	pageCount: number;
	items: OrganisationSummary[];
}

export const ORGANISATIONS_PAGE = 50;

/** Organisations whose name or a variant contains every word of `q` (folded), A–Z. */
export async function searchOrganisations(sql: Sql, q: string, page = 1, size = ORGANISATIONS_PAGE): Promise<OrganisationPage> {
	const words = organisationKey(q).split(' ').filter(Boolean);
	const all = await allOrganisations(sql);
	const matching = words.length ? all.filter((o) => words.every((w) => o.folded.includes(w))) : all;
	const pageCount = Math.max(1, Math.ceil(matching.length / size));
	const p = Math.min(Math.max(1, page), pageCount);
	return {
		total: matching.length,
		page: p,
		pageCount,
		items: matching.slice((p - 1) * size, p * size).map(({ folded: _, ...o }) => o)
	};
}

/** Every listed organisation, A–Z: for the exports and the sitemap. */
export async function listOrganisations(sql: Sql): Promise<OrganisationSummary[]> {
	return (await allOrganisations(sql)).map(({ folded: _, ...o }) => o);
}

export interface OrganisationProject {
	id: string;
	title: string;
	roles: OrganisationRole[];
	funder: string | null;
	programme: string | null;
	startDate: string | null;
	endDate: string | null;
	amount: Money | null;
	amountEur: number | null;
}

export interface OrganisationTotals {
	/** One sum per original currency, largest count first. */
	byCurrency: (Money & { projects: number })[];
	/** The amounts with a euro rate, summed in euro. */
	eur: number;
	/** Projects with an amount in euro; the others have no amount or a currency without a rate. */
	converted: number;
}

export interface OrganisationDetail {
	slug: string;
	name: string;
	variants: string[];
	projects: number;
	owned: number;
	partnered: number;
	totals: OrganisationTotals;
	page: number;
	pageCount: number;
	items: OrganisationProject[];
}

export type OrganisationLookup = { found: OrganisationDetail } | { redirect: string } | null;

export const ORGANISATION_PROJECTS_PAGE = 100;

/**
 * One organisation with a page of its projects (newest start first), their totals and its
 * name variants. A variant's own slug answers with the organisation it was merged into.
 */
export async function getOrganisation(sql: Sql, slug: string, page = 1, size = ORGANISATION_PROJECTS_PAGE): Promise<OrganisationLookup> {
	const { publicOrganisations: o, organisationAliases: a, publicProjects: pp, publicProjectRecords: r } = sql.t;
	const canonical = alias(o, 'canonical');
	const [org] = await sql.db
		.select({ id: o.id, name: o.name, canonicalSlug: canonical.slug })
		.from(o)
		.leftJoin(a, eq(a.organisationId, o.id))
		.leftJoin(canonical, eq(canonical.id, a.canonicalId))
		.where(eq(o.slug, slug));
	if (!org) return null;
	if (org.canonicalSlug) return { redirect: org.canonicalSlug };
	const variants = ((await variantsById(sql, [org.id])).get(org.id) ?? []).map((v) => v.name);
	const members = [org.id, ...(await sql.db.select({ id: a.organisationId }).from(a).where(eq(a.canonicalId, org.id))).map((m) => m.id)];
	const projects = await projectsOf(sql, org.id, members);
	if (!projects) return null;
	const { all, owned, partnered, eur, converted, byCurrency } = projects;
	const pageCount = Math.max(1, Math.ceil(all.length / size));
	const p = Math.min(Math.max(1, page), pageCount);
	const shown = all.slice((p - 1) * size, p * size);
	const details = new Map(
		(shown.length
			? await sql.db
					.select({ id: pp.id, recordId: pp.recordId, record: r.record })
					.from(pp)
					.innerJoin(r, eq(r.projectId, pp.id))
					.where(
						inArray(
							pp.id,
							shown.map((s) => s.id)
						)
					)
			: []
		).map((d) => [d.id, d])
	);
	return {
		found: {
			slug,
			name: org.name,
			variants,
			projects: all.length,
			owned,
			partnered,
			totals: {
				byCurrency: [...byCurrency]
					.map(([currency, c]) => ({ currency, value: c.value, projects: c.projects }))
					.sort((a, b) => b.projects - a.projects || (a.currency < b.currency ? -1 : 1)),
				eur,
				converted
			},
			page: p,
			pageCount,
			// A project withdrawn since its row was read is left out rather than shown half.
			items: shown.flatMap((r) => {
				const d = details.get(r.id);
				if (!d) return [];
				return {
					id: d.recordId,
					title: d.record.title ?? '',
					roles: ORDER.filter((role) => r.roles.has(role)),
					funder: d.record.funder ?? null,
					programme: d.record.programme ?? null,
					startDate: r.startDate,
					endDate: d.record.endDate ?? null,
					amount: r.value !== null && r.currency ? { value: r.value, currency: r.currency } : null,
					amountEur: r.eur
				};
			})
		}
	};
}

interface ProjectRow {
	id: number;
	roles: Set<OrganisationRole>;
	startDate: string | null;
	value: number | null;
	currency: string | null;
	eur: number | null;
}

interface OrganisationProjects {
	/** Newest start first, no start last, then the latest published first. */
	all: ProjectRow[];
	owned: number;
	partnered: number;
	eur: number;
	converted: number;
	byCurrency: Map<string, { value: number; projects: number }>;
}

/**
 * The largest organisations' projects, per data version: thousands of rows read at random
 * over the index for every page view otherwise. Only those past LARGE, and at most
 * CACHED of them, so memory stays small.
 */
const LARGE = 500;
const CACHED = 32;
const large = new WeakMap<Sql, { generation: number; byOrganisation: Map<number, OrganisationProjects> }>();

async function projectsOf(sql: Sql, organisationId: number, members: number[]): Promise<OrganisationProjects | null> {
	const g = await generation(sql);
	let cache = large.get(sql);
	if (cache?.generation !== g) large.set(sql, (cache = { generation: g, byOrganisation: new Map() }));
	const hit = cache.byOrganisation.get(organisationId);
	if (hit) return hit;
	const { publicProjectOrganisations: po, publicProjects: p } = sql.t;
	// One pass over the organisation's projects (a project once, even when two variants or both roles name it):
	// counts, sums and the page's order come from these rows; only the page's rows have their record read.
	const named = await sql.db
		.select({
			id: p.id,
			role: po.role,
			startDate: p.startDate,
			value: p.amountValue,
			currency: p.amountCurrency,
			eur: p.amountEur
		})
		.from(po)
		.innerJoin(p, eq(p.id, po.projectId))
		.where(inArray(po.organisationId, members));
	const byId = new Map<number, ProjectRow>();
	for (const { role, ...r } of named) {
		const row = byId.get(r.id);
		if (row) row.roles.add(role);
		else byId.set(r.id, { ...r, roles: new Set([role]) });
	}
	const all = [...byId.values()];
	if (!all.length) return null;
	let owned = 0;
	let partnered = 0;
	let eur = 0;
	let converted = 0;
	const byCurrency = new Map<string, { value: number; projects: number }>();
	for (const r of all) {
		if (r.roles.has('owner')) owned++;
		if (r.roles.has('partner')) partnered++;
		if (r.eur !== null) {
			eur += r.eur;
			converted++;
		}
		if (r.currency !== null && r.value !== null) {
			const c = byCurrency.get(r.currency) ?? { value: 0, projects: 0 };
			c.value += r.value;
			c.projects++;
			byCurrency.set(r.currency, c);
		}
	}
	// Newest start first, no start last, then the latest published first.
	all.sort((a, b) =>
		a.startDate === b.startDate ? b.id - a.id : a.startDate === null ? 1 : b.startDate === null ? -1 : a.startDate < b.startDate ? 1 : -1
	);
	const found = { all, owned, partnered, eur, converted, byCurrency };
	if (all.length >= LARGE) {
		if (cache.byOrganisation.size >= CACHED) cache.byOrganisation.delete(cache.byOrganisation.keys().next().value!);
		cache.byOrganisation.set(organisationId, found);
	}
	return found;
}

const ORDER: OrganisationRole[] = ['owner', 'partner'];

/** The slugs of a project's organisations, by name, for links on its page; merged variants point at their organisation. */
export async function organisationSlugs(sql: Sql, recordId: string): Promise<Map<string, string>> {
	const { publicProjects: p, publicProjectOrganisations: po, publicOrganisations: o, organisationAliases: a } = sql.t;
	const canonical = alias(o, 'canonical');
	const rows = await sql.db
		.select({ key: o.key, slug: o.slug, canonicalSlug: canonical.slug })
		.from(p)
		.innerJoin(po, eq(po.projectId, p.id))
		.innerJoin(o, eq(o.id, po.organisationId))
		.leftJoin(a, eq(a.organisationId, o.id))
		.leftJoin(canonical, eq(canonical.id, a.canonicalId))
		.where(eq(p.recordId, recordId));
	return new Map(rows.map((r) => [r.key, r.canonicalSlug ?? r.slug]));
}

/** The variants joined to each of these organisations, with their own slugs: for the workspace, where they can be split off. */
export async function variantsOf(sql: Sql, slugs: string[]): Promise<Map<string, { slug: string; name: string }[]>> {
	if (!slugs.length) return new Map();
	const { publicOrganisations: o } = sql.t;
	const orgs = await sql.db.select({ id: o.id, slug: o.slug }).from(o).where(inArray(o.slug, slugs));
	const variants = await variantsById(
		sql,
		orgs.map((c) => c.id)
	);
	const out = new Map<string, { slug: string; name: string }[]>();
	for (const c of orgs) {
		const v = variants.get(c.id);
		if (v) out.set(c.slug, v);
	}
	return out;
}
