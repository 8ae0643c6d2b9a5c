/**
 * The organisations of the public view: every organisation named as owner or partner of a
 * published project, name variants joined through their aliases, with its projects and
 * their totals. Read only; the rows are written by index-organisations.ts and the aliases
 * by organisation-aliases.ts.
 */
import type Database from 'better-sqlite3';
import type { Money } from '../../records/fields';
import type { OrganisationRole } from '../db/schema';
import { organisationKey } from './index-organisations';
import { statement } from './statements';

type Client = Database.Database;

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
const lists = new WeakMap<Client, { generation: number; list: Listed[] }>();

function generation(client: Client): number {
	return (statement(client, 'SELECT generation FROM public_state WHERE id = 1').pluck().get() as number | undefined) ?? 0;
}

function allOrganisations(client: Client): Listed[] {
	const g = generation(client);
	const hit = lists.get(client);
	if (hit?.generation === g) return hit.list;
	// Per organisation and project first, so a project named by two variants, or in both roles, counts once.
	const rows = statement(
		client,
		`SELECT o.slug, o.name, t.projects, t.owned, t.partnered, t.eur,
			(SELECT json_group_array(v.name) FROM organisation_aliases a JOIN public_organisations v ON v.id = a.organisation_id WHERE a.canonical_id = o.id) AS variants
		FROM (SELECT m.org, count(*) AS projects, sum(m.owner) AS owned, sum(m.partner) AS partnered, total(p.amount_eur) AS eur
			FROM (SELECT coalesce(a.canonical_id, po.organisation_id) AS org, po.project_id, max(po.role = 'owner') AS owner, max(po.role = 'partner') AS partner
				FROM public_project_organisations po LEFT JOIN organisation_aliases a ON a.organisation_id = po.organisation_id
				GROUP BY org, po.project_id) m
			JOIN public_projects p ON p.id = m.project_id
			GROUP BY m.org) t
		JOIN public_organisations o ON o.id = t.org`
	).all() as { slug: string; name: string; projects: number; owned: number; partnered: number; eur: number; variants: string }[];
	const list = rows
		.map((r) => {
			const variants = (JSON.parse(r.variants) as string[]).sort();
			return {
				slug: r.slug,
				name: r.name,
				variants,
				projects: r.projects,
				owned: r.owned,
				partnered: r.partnered,
				eur: r.eur,
				folded: [r.name, ...variants].map(organisationKey).join('\n')
			};
		})
		.sort((a, b) => (a.folded < b.folded ? -1 : a.folded > b.folded ? 1 : 0));
	lists.set(client, { generation: g, list });
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
export function searchOrganisations(client: Client, q: string, page = 1, size = ORGANISATIONS_PAGE): OrganisationPage {
	const words = organisationKey(q).split(' ').filter(Boolean);
	const all = allOrganisations(client);
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
export function listOrganisations(client: Client): OrganisationSummary[] {
	return allOrganisations(client).map(({ folded: _, ...o }) => o);
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
export function getOrganisation(client: Client, slug: string, page = 1, size = ORGANISATION_PROJECTS_PAGE): OrganisationLookup {
	return client.transaction((): OrganisationLookup => {
		const org = statement(
			client,
			`SELECT o.id, o.name, a.canonical_id AS canonical, (SELECT slug FROM public_organisations WHERE id = a.canonical_id) AS canonicalSlug
			FROM public_organisations o LEFT JOIN organisation_aliases a ON a.organisation_id = o.id WHERE o.slug = ?`
		).get(slug) as { id: number; name: string; canonical: number | null; canonicalSlug: string | null } | undefined;
		if (!org) return null;
		if (org.canonicalSlug) return { redirect: org.canonicalSlug };
		const members = JSON.stringify([
			org.id,
			...(statement(client, 'SELECT organisation_id FROM organisation_aliases WHERE canonical_id = ?').pluck().all(org.id) as number[])
		]);
		const variants = statement(
			client,
			'SELECT v.name FROM organisation_aliases a JOIN public_organisations v ON v.id = a.organisation_id WHERE a.canonical_id = ? ORDER BY v.name'
		)
			.pluck()
			.all(org.id) as string[];
		const projects = projectsOf(client, org.id, members);
		if (!projects) return null;
		const { all, owned, partnered, eur, converted, byCurrency } = projects;
		const pageCount = Math.max(1, Math.ceil(all.length / size));
		const p = Math.min(Math.max(1, page), pageCount);
		const shown = all.slice((p - 1) * size, p * size);
		const details = new Map(
			(
				statement(
					client,
					`SELECT p.id, p.record_id AS recordId, p.funder, p.programme, r.record ->> '$.title' AS title, r.record ->> '$.endDate' AS endDate
					FROM public_projects p JOIN public_project_records r ON r.project_id = p.id WHERE p.id IN (SELECT value FROM json_each(?))`
				).all(JSON.stringify(shown.map((r) => r.id))) as {
					id: number;
					recordId: string;
					funder: string | null;
					programme: string | null;
					title: string;
					endDate: string | null;
				}[]
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
				items: shown.map((r) => {
					const d = details.get(r.id)!;
					return {
						id: d.recordId,
						title: d.title,
						roles: ORDER.filter((role) => r.roles.split(',').includes(role)),
						funder: d.funder,
						programme: d.programme,
						startDate: r.startDate,
						endDate: d.endDate,
						amount: r.value !== null && r.currency ? { value: r.value, currency: r.currency } : null,
						amountEur: r.eur
					};
				})
			}
		};
	})();
}

interface ProjectRow {
	id: number;
	roles: string;
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
const large = new WeakMap<Client, { generation: number; byOrganisation: Map<number, OrganisationProjects> }>();

function projectsOf(client: Client, organisationId: number, members: string): OrganisationProjects | null {
	const g = generation(client);
	let cache = large.get(client);
	if (cache?.generation !== g) large.set(client, (cache = { generation: g, byOrganisation: new Map() }));
	const hit = cache.byOrganisation.get(organisationId);
	if (hit) return hit;
	// One pass over the organisation's projects (a project once, even when two variants or both roles name it):
	// counts, sums and the page's order come from these rows; only the page's rows have their JSON read.
	const all = statement(
		client,
		`SELECT p.id, m.roles, p.start_date AS startDate, p.amount_value AS value, p.amount_currency AS currency, p.amount_eur AS eur
	FROM (SELECT project_id AS id, group_concat(DISTINCT role) AS roles FROM public_project_organisations
	WHERE organisation_id IN (SELECT value FROM json_each(?)) GROUP BY project_id) m
	JOIN public_projects p ON p.id = m.id`
	).all(members) as ProjectRow[];
	if (!all.length) return null;
	let owned = 0;
	let partnered = 0;
	let eur = 0;
	let converted = 0;
	const byCurrency = new Map<string, { value: number; projects: number }>();
	for (const r of all) {
		if (r.roles.includes('owner')) owned++;
		if (r.roles.includes('partner')) partnered++;
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
export function organisationSlugs(client: Client, recordId: string): Map<string, string> {
	const rows = statement(
		client,
		`SELECT o.key, coalesce(c.slug, o.slug) AS slug FROM public_projects p
		JOIN public_project_organisations po ON po.project_id = p.id
		JOIN public_organisations o ON o.id = po.organisation_id
		LEFT JOIN organisation_aliases a ON a.organisation_id = o.id
		LEFT JOIN public_organisations c ON c.id = a.canonical_id
		WHERE p.record_id = ?`
	).all(recordId) as { key: string; slug: string }[];
	return new Map(rows.map((r) => [r.key, r.slug]));
}

/** The variants joined to each of these organisations, with their own slugs: for the workspace, where they can be split off. */
export function variantsOf(client: Client, slugs: string[]): Map<string, { slug: string; name: string }[]> {
	const rows = statement(
		client,
		`SELECT c.slug AS canonical, v.slug, v.name FROM organisation_aliases a
		JOIN public_organisations c ON c.id = a.canonical_id JOIN public_organisations v ON v.id = a.organisation_id
		WHERE c.slug IN (SELECT value FROM json_each(?)) ORDER BY v.name`
	).all(JSON.stringify(slugs)) as { canonical: string; slug: string; name: string }[];
	const out = new Map<string, { slug: string; name: string }[]>();
	for (const r of rows) out.set(r.canonical, [...(out.get(r.canonical) ?? []), { slug: r.slug, name: r.name }]);
	return out;
}
