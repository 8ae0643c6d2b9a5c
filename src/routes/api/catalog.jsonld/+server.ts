import { dataLicence, sql as appSql } from '$lib/server/context';
import { catalog, publishedCountries } from '$lib/server/public/catalog';
import { openDataResponse, preflight, validatorsFor } from '$lib/server/public/http';
import { publicVersion } from '$lib/server/public/state';
import type { RequestHandler } from './$types';

/** The DCAT-AP description of the dataset and its distributions, for open-data portals to harvest. */
export const GET: RequestHandler = async ({ url, request }) => {
	const version = await publicVersion(appSql());
	const licence = dataLicence();
	return openDataResponse(request, validatorsFor(version, url), {
		licence,
		contentType: 'application/ld+json; charset=utf-8',
		body: async () => {
			const countries = await publishedCountries(appSql());
			return JSON.stringify(catalog({ origin: url.origin, licence, modified: version.changedAt, countries }), null, 2);
		}
	});
};

export const OPTIONS: RequestHandler = () => preflight();
