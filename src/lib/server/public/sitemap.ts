/**
 * sitemap.xml (sitemaps.org 0.9): an index of parts, since one file may list at most
 * 50,000 addresses and 100,000 projects do not fit. Parts: `pages` (the fixed public pages),
 * `projects-N` and `organisations-N` (N from 1), each read a part at a time by key.
 */
import type Database from 'better-sqlite3';
import { listOrganisations } from './organisations';
import { statement } from './statements';

export const SITEMAP_PART = 40_000;

const esc = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

export function sitemapIndex(client: Database.Database, origin: string, modified: Date): string {
	const projects = statement(client, 'SELECT count(*) FROM public_projects').pluck().get() as number;
	const organisations = listOrganisations(client).length;
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
export function sitemapPart(client: Database.Database, origin: string, part: string): string | null {
	const urls: { loc: string; lastmod?: string }[] = [];
	const m = /^(projects|organisations)-([1-9]\d{0,5})$/.exec(part);
	if (part === 'pages') {
		for (const path of ['/', '/organisations', '/stats']) urls.push({ loc: `${origin}${path}` });
	} else if (m?.[1] === 'projects') {
		const rows = statement(client, 'SELECT record_id, approved_at FROM public_projects ORDER BY id LIMIT ? OFFSET ?').all(
			SITEMAP_PART,
			(Number(m[2]) - 1) * SITEMAP_PART
		) as { record_id: string; approved_at: number }[];
		if (!rows.length) return null;
		for (const r of rows)
			urls.push({ loc: `${origin}/projects/${encodeURIComponent(r.record_id)}`, lastmod: new Date(r.approved_at).toISOString() });
	} else if (m?.[1] === 'organisations') {
		const orgs = listOrganisations(client).slice((Number(m[2]) - 1) * SITEMAP_PART, Number(m[2]) * SITEMAP_PART);
		if (!orgs.length) return null;
		for (const o of orgs) urls.push({ loc: `${origin}/organisations/${o.slug}` });
	} else return null;
	return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.map((u) => `<url><loc>${esc(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ''}</url>`).join('\n')}
</urlset>
`;
}
