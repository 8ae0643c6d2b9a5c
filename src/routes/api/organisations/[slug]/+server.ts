import { redirect } from '@sveltejs/kit';
import { EUR_RATES_DATE } from '$lib/records/eur-rates';
import { dataLicence, sql } from '$lib/server/context';
import { jsonError, openDataResponse, preflight, validatorsFor } from '$lib/server/public/http';
import { licenceJson } from '$lib/server/public/licence';
import { getOrganisation } from '$lib/server/public/organisations';
import { publicVersion } from '$lib/server/public/state';
import type { RequestHandler } from './$types';

/** One organisation with its projects (a page of them), totals and name variants; a merged variant redirects to its organisation. */
export const GET: RequestHandler = async ({ params, url, request }) => {
	const pageParam = url.searchParams.get('page');
	if (pageParam !== null && !/^\d{1,7}$/.test(pageParam)) return jsonError(400, 'page must be a whole number from 1');
	const version = await publicVersion(sql());
	const found = await getOrganisation(sql(), params.slug, Math.max(1, Number(pageParam ?? 1)));
	if (!found) return jsonError(404, 'no organisation with published projects has this address');
	if ('redirect' in found) redirect(308, `/api/organisations/${found.redirect}${url.search}`);
	const licence = dataLicence();
	const o = found.found;
	return openDataResponse(request, validatorsFor(version, url), {
		licence,
		contentType: 'application/json; charset=utf-8',
		body: () =>
			JSON.stringify({
				slug: o.slug,
				name: o.name,
				variants: o.variants,
				url: `${url.origin}/organisations/${o.slug}`,
				projectCount: o.projects,
				owned: o.owned,
				partnered: o.partnered,
				totals: { ...o.totals, eurRatesDate: EUR_RATES_DATE },
				page: o.page,
				pageCount: o.pageCount,
				projects: o.items.map((p) => ({ ...p, url: `${url.origin}/projects/${encodeURIComponent(p.id)}` })),
				licence: licenceJson(licence)
			})
	});
};

export const OPTIONS: RequestHandler = () => preflight();
