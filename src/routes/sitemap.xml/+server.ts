import { dataLicence, sql } from '$lib/server/context';
import { openDataResponse, validatorsFor } from '$lib/server/public/http';
import { sitemapIndex } from '$lib/server/public/sitemap';
import { publicVersion } from '$lib/server/public/state';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, request }) => {
	const version = await publicVersion(sql());
	return openDataResponse(request, validatorsFor(version, url), {
		licence: dataLicence(),
		contentType: 'application/xml; charset=utf-8',
		body: () => sitemapIndex(sql(), url.origin, version.changedAt)
	});
};
