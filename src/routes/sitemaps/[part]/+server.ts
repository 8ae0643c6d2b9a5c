import { error } from '@sveltejs/kit';
import { dataLicence, sql } from '$lib/server/context';
import { openDataResponse, validatorsFor } from '$lib/server/public/http';
import { sitemapPart } from '$lib/server/public/sitemap';
import { publicVersion } from '$lib/server/public/state';
import type { RequestHandler } from './$types';

/** One part of the sitemap, `/sitemaps/<part>.xml`. */
export const GET: RequestHandler = async ({ params, url, request }) => {
	const m = /^(.+)\.xml$/.exec(params.part);
	const body = m ? await sitemapPart(sql(), url.origin, m[1]) : null;
	if (body === null) error(404, 'No such sitemap');
	return openDataResponse(request, validatorsFor(await publicVersion(sql()), url), {
		licence: dataLicence(),
		contentType: 'application/xml; charset=utf-8',
		body: () => body
	});
};
