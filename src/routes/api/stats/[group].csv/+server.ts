import { dataLicence, sql } from '$lib/server/context';
import { jsonError, openDataResponse, preflight, validatorsFor } from '$lib/server/public/http';
import { isStatsGroup, statsCsv, STATS_GROUPS } from '$lib/server/public/stats-csv';
import { publicVersion } from '$lib/server/public/state';
import type { RequestHandler } from './$types';

/** The figures of one chart on /stats, as CSV. */
export const GET: RequestHandler = async ({ params, url, request }) => {
	const group = params.group;
	if (!isStatsGroup(group)) return jsonError(404, `no such statistics; there are ${STATS_GROUPS.join(', ')}`);
	return openDataResponse(request, validatorsFor(await publicVersion(sql()), url), {
		licence: dataLicence(),
		contentType: 'text/csv; charset=utf-8; header=present',
		headers: { 'content-disposition': `attachment; filename="samla-funding-by-${group}.csv"` },
		body: () => statsCsv(sql(), group)
	});
};

export const OPTIONS: RequestHandler = () => preflight();
