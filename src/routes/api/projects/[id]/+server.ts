import { dataLicence, sql } from '$lib/server/context';
import { jsonError, openDataResponse, preflight, validatorsFor } from '$lib/server/public/http';
import { getProject } from '$lib/server/public/projects';
import { publicVersion } from '$lib/server/public/state';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, request }) => {
	const version = await publicVersion(sql());
	const detail = await getProject(sql(), params.id);
	if (!detail) return jsonError(404, 'no published project has this id');
	return openDataResponse(request, validatorsFor(version, url), {
		licence: dataLicence(),
		contentType: 'application/json; charset=utf-8',
		body: () => JSON.stringify(detail.project)
	});
};

export const OPTIONS: RequestHandler = () => preflight();
