import { sql } from 'drizzle-orm';
import { dataLicence, db, sql as appSql } from '$lib/server/context';
import { catalog } from '$lib/server/public/catalog';
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
		body: () => {
			const countries = db()
				.all<{ c: string }>(sql`SELECT DISTINCT country AS c FROM public_projects WHERE country IS NOT NULL`)
				.map((r) => r.c);
			return JSON.stringify(catalog({ origin: url.origin, licence, modified: version.changedAt, countries }), null, 2);
		}
	});
};

export const OPTIONS: RequestHandler = () => preflight();
