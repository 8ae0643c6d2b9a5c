import { dataLicence, sql } from '$lib/server/context';
import { jsonError, openDataResponse, preflight, validatorsFor } from '$lib/server/public/http';
import { parseFilters, unknownFilterValues } from '$lib/server/public/query';
import { searchedVersion } from '$lib/server/public/search-index';
import { projectsXlsx } from '$lib/server/public/xlsx-export';
import type { RequestHandler } from './$types';

/** Every approved project matching the filters as a spreadsheet with typed cells, streamed. */
export const GET: RequestHandler = async ({ url, request }) => {
	const unknown = unknownFilterValues(url.searchParams);
	if (unknown.length) return jsonError(400, `not understood: ${unknown.join(', ')}`);
	const filters = parseFilters(url.searchParams);
	const licence = dataLicence();
	return openDataResponse(request, validatorsFor(await searchedVersion(sql()), url), {
		licence,
		contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		headers: { 'content-disposition': 'attachment; filename="samla-projects.xlsx"' },
		body: () => projectsXlsx(sql(), filters, licence, url.origin)
	});
};

export const OPTIONS: RequestHandler = () => preflight();
