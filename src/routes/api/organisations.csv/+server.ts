import { dataLicence, sql } from '$lib/server/context';
import { organisationsCsv } from '$lib/server/public/organisations-csv';
import { openDataResponse, preflight, validatorsFor } from '$lib/server/public/http';
import { publicVersion } from '$lib/server/public/state';
import type { RequestHandler } from './$types';

/** Every organisation with its project counts and euro total, one row each. */
export const GET: RequestHandler = async ({ url, request }) =>
	openDataResponse(request, validatorsFor(await publicVersion(sql()), url), {
		licence: dataLicence(),
		contentType: 'text/csv; charset=utf-8; header=present',
		headers: { 'content-disposition': 'attachment; filename="samla-organisations.csv"' },
		body: () => organisationsCsv(sql(), url.origin)
	});

export const OPTIONS: RequestHandler = () => preflight();
