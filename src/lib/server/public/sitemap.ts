/**
 * sitemap.xml (sitemaps.org 0.9): an index of parts, since one file may list at most
 * 50,000 addresses and 100,000 projects do not fit. Parts: `pages` (the fixed public pages),
 * `projects-N` and `organisations-N` (N from 1), each read a part at a time by key.
 */
import { asc, count } from 'drizzle-orm';
import type { Sql } from '../db/sql';
import { listOrganisations } from './organisations';

export const SITEMAP_PART = 40_000;

const esc = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

export async function sitemapIndex(sql: Sql, origin: string, modified: Date): Promise<string> {
	const [{ projects }] = await sql.db.select({ projects: count() }).from(sql.t.publicProjects);
	const organisations = (await listOrganisations(sql)).length;
	const parts = ['pages'];
	for (let i = 1; i <= Math.ceil(projects / SITEMAP_PART); i++) parts.push(`projects-${i}`);
	for (let i = 1; i <= Math.ceil(organisations / SITEMAP_PART); i++) parts.push(`organisations-${i}`);
	const lastmod = modified.toISOString();
	return `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${parts.map((p) => `<sitemap><loc>${esc(`${origin}/sitemaps/${p}.xml`)}</loc><lastmod>${lastmod}</lastmod></sitemap>`).join('\n')}
</sitemapindex>
`;
}

/** Null for a part that does not exist. */
export async function sitemapPart(sql: Sql, origin: string, part: string): Promise<string | null> {
	const urls: { loc: string; lastmod?: string }[] = [];
	const m = /^(projects|organisations)-([1-9]\d{0,5})$/.exec(part);
	if (part === 'pages') {
		for (const path of ['/', '/organisations', '/stats']) urls.push({ loc: `${origin}${path}` });
	} else if (m?.[1] === 'projects') {
		const { publicProjects: p } = sql.t;
		const rows = await sql.db
			.select({ recordId: p.recordId, approvedAt: p.approvedAt })
			.from(p)
			.orderBy(asc(p.id))
			.limit(SITEMAP_PART)
			.offset((Number(m[2]) - 1) * SITEMAP_PART);
		if (!rows.length) return null;
		for (const r of rows) urls.push({ loc: `${origin}/projects/${encodeURIComponent(r.recordId)}`, lastmod: r.approvedAt.toISOString() });
	} else if (m?.[1] === 'organisations') {
		const orgs = (await listOrganisations(sql)).slice((Number(m[2]) - 1) * SITEMAP_PART, Number(m[2]) * SITEMAP_PART);
		if (!orgs.length) return null;
		for (const o of orgs) urls.push({ loc: `${origin}/organisations/${o.slug}` });
	} else return null;
	return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.map((u) => `<url><loc>${esc(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ''}</url>`).join('\n')}
</urlset>
`;
}
