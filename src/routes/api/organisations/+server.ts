import { dataLicence, sql } from '$lib/server/context';
import { jsonError, openDataResponse, preflight, validatorsFor } from '$lib/server/public/http';
import { licenceJson } from '$lib/server/public/licence';
import { searchOrganisations } from '$lib/server/public/organisations';
import { publicVersion } from '$lib/server/public/state';
import type { RequestHandler } from './$types';

const MAX_LIMIT = 500;

/** Organisations named in approved projects, A–Z, `q` searching their names and variants. */
export const GET: RequestHandler = async ({ url, request }) => {
	const q = url.searchParams.get('q')?.slice(0, 200) ?? '';
	const pageParam = url.searchParams.get('page');
	const limitParam = url.searchParams.get('limit');
	if (pageParam !== null && !/^\d{1,7}$/.test(pageParam)) return jsonError(400, 'page must be a whole number from 1');
	if (limitParam !== null && !/^\d{1,4}$/.test(limitParam)) return jsonError(400, `limit must be a whole number from 1 to ${MAX_LIMIT}`);
	const page = Math.max(1, Number(pageParam ?? 1));
	const limit = Math.min(MAX_LIMIT, Math.max(1, Number(limitParam ?? 100)));
	const licence = dataLicence();
	return openDataResponse(request, validatorsFor(await publicVersion(sql()), url), {
		licence,
		contentType: 'application/json; charset=utf-8',
		body: async () => {
			const found = await searchOrganisations(sql(), q, page, limit);
			return JSON.stringify({
				total: found.total,
				page: found.page,
				pageCount: found.pageCount,
				organisations: found.items.map((o) => ({
					...o,
					url: `${url.origin}/organisations/${o.slug}`,
					api: `${url.origin}/api/organisations/${o.slug}`
				})),
				licence: licenceJson(licence)
			});
		}
	});
};

export const OPTIONS: RequestHandler = () => preflight();
