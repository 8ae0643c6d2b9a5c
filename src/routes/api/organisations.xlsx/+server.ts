import { dataLicence, sql } from '$lib/server/context';
import { openDataResponse, preflight, validatorsFor } from '$lib/server/public/http';
import { publicVersion } from '$lib/server/public/state';
import { organisationsXlsx } from '$lib/server/public/xlsx-export';
import type { RequestHandler } from './$types';

/** Every organisation with its project counts and euro total, as a spreadsheet. */
export const GET: RequestHandler = async ({ url, request }) => {
	const licence = dataLicence();
	return openDataResponse(request, validatorsFor(await publicVersion(sql()), url), {
		licence,
		contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		headers: { 'content-disposition': 'attachment; filename="samla-organisations.xlsx"' },
		body: () => organisationsXlsx(sql(), licence, url.origin)
	});
};

export const OPTIONS: RequestHandler = () => preflight();
