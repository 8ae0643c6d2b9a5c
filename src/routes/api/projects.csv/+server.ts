import { dataLicence, sql } from '$lib/server/context';
import { csvStream } from '$lib/server/public/csv-export';
import { jsonError, openDataResponse, preflight, validatorsFor } from '$lib/server/public/http';
import { parseFilters, unknownFilterValues } from '$lib/server/public/query';
import { searchedVersion } from '$lib/server/public/search-index';
import type { RequestHandler } from './$types';

/** Every approved project matching the filters, one row each, streamed. */
export const GET: RequestHandler = async ({ url, request }) => {
	const unknown = unknownFilterValues(url.searchParams);
	if (unknown.length) return jsonError(400, `not understood: ${unknown.join(', ')}`);
	const filters = parseFilters(url.searchParams);
	return openDataResponse(request, validatorsFor(await searchedVersion(sql()), url), {
		licence: dataLicence(),
		contentType: 'text/csv; charset=utf-8; header=present',
		headers: { 'content-disposition': 'attachment; filename="samla-projects.csv"' },
		body: () => csvStream(sql(), filters)
	});
};

export const OPTIONS: RequestHandler = () => preflight();
