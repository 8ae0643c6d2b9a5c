import { dataLicence, sql } from '$lib/server/context';
import { decodeCursor, encodeCursor, jsonError, openDataResponse, preflight, validatorsFor } from '$lib/server/public/http';
import { countProjects, projectsAfter } from '$lib/server/public/projects';
import { filterParams, parseFilters, unknownFilterValues } from '$lib/server/public/query';
import { licenceJson } from '$lib/server/public/licence';
import { searchedVersion } from '$lib/server/public/search-index';
import type { RequestHandler } from './$types';

const MAX_LIMIT = 500;
const DEFAULT_LIMIT = 100;

/** The approved projects as JSON, the same filters as the search page, paged by an opaque cursor. */
export const GET: RequestHandler = async ({ url, request }) => {
	const limitParam = url.searchParams.get('limit');
	if (limitParam !== null && !/^0*[1-9]\d*$/.test(limitParam)) return jsonError(400, `limit must be a whole number from 1 to ${MAX_LIMIT}`);
	// Asking for more than the maximum gets the maximum, as APIs that cap a page size usually do.
	const limit = limitParam === null ? DEFAULT_LIMIT : Math.min(MAX_LIMIT, Number(limitParam));
	const cursorParam = url.searchParams.get('cursor');
	const after = cursorParam ? decodeCursor(cursorParam) : 0;
	if (after === null) return jsonError(400, 'cursor must be a nextCursor this API returned');
	const unknown = unknownFilterValues(url.searchParams);
	if (unknown.length) return jsonError(400, `not understood: ${unknown.join(', ')}`);

	const filters = parseFilters(url.searchParams);
	const version = await searchedVersion(sql());
	return openDataResponse(request, validatorsFor(version, url), {
		licence: dataLicence(),
		contentType: 'application/json; charset=utf-8',
		body: async () => {
			const batch = await projectsAfter(sql(), filters, after, limit);
			const nextCursor = batch.next === null ? null : encodeCursor(batch.next);
			const nextParams = filterParams(filters);
			nextParams.set('limit', String(limit));
			if (nextCursor) nextParams.set('cursor', nextCursor);
			return JSON.stringify({
				total: await countProjects(sql(), filters),
				count: batch.projects.length,
				nextCursor,
				next: nextCursor ? `${url.pathname}?${nextParams}` : null,
				projects: batch.projects,
				licence: licenceJson(dataLicence())
			});
		}
	});
};

export const OPTIONS: RequestHandler = () => preflight();
