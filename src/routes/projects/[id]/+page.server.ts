import { error } from '@sveltejs/kit';
import { fieldDef } from '$lib/records/fields';
import { formatDay, formatMoney } from '$lib/i18n/format';
import { MESSAGES } from '$lib/i18n/messages';
import { dataLicence, sql } from '$lib/server/context';
import { organisationKey } from '$lib/server/public/index-organisations';
import { jsonLdScript, projectJsonLd } from '$lib/server/public/linked-data';
import { organisationSlugs } from '$lib/server/public/organisations';
import { fieldViews } from '$lib/server/public/present';
import { getProject } from '$lib/server/public/projects';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, locals, setHeaders }) => {
	const { lang, explicit } = locals.lang;
	setHeaders({ vary: 'Accept-Language' });
	const detail = await getProject(sql(), params.id);
	// The message is already in the reader's language: the error page has no other way to know it.
	if (!detail) error(404, MESSAGES[lang].notFound);
	const { project: p, versions } = detail;
	const langParam = explicit ? lang : null;
	const path = `/projects/${encodeURIComponent(p.id)}`;
	const slugs = await organisationSlugs(sql(), p.id);
	const organisationPath = (name: string) => {
		const slug = slugs.get(organisationKey(name));
		return slug ? `/organisations/${slug}` : null;
	};
	const organisationHref = (name: string) => {
		const at = organisationPath(name);
		return at && langParam ? `${at}?lang=${langParam}` : at;
	};
	const description =
		p.summary?.slice(0, 300) || [p.owner, p.funder, p.programme, p.amount ? formatMoney(p.amount, lang) : null].filter(Boolean).join(' · ');
	return {
		lang,
		langParam,
		id: p.id,
		title: p.title,
		description,
		canonical: `${url.origin}${path}`,
		jsonHref: `/api/projects/${encodeURIComponent(p.id)}`,
		backHref: langParam ? `/?lang=${langParam}` : '/',
		version: p.version,
		approvedOn: formatDay(new Date(p.approvedAt), lang),
		fields: fieldViews(p, lang, organisationHref),
		jsonLd: jsonLdScript(
			projectJsonLd(
				p,
				`${url.origin}${path}`,
				(name) => {
					const at = organisationPath(name);
					return at ? `${url.origin}${at}` : undefined;
				},
				dataLicence()
			)
		),
		contactsLabel: fieldDef('contacts').labels[lang],
		contacts: p.contacts,
		sources: p.sources.map((s) => ({
			title: s.title,
			url: s.url,
			labels: [...new Set(s.quotes.map((q) => fieldDef(q.field).labels[lang]))]
		})),
		versions: versions.map((v) => ({ version: v.version, approvedOn: formatDay(v.approvedAt, lang), shown: v.version === p.version }))
	};
};
