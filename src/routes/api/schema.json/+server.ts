import { createHash } from 'node:crypto';
import { projectJsonSchema } from '$lib/records/json-schema';
import { dataLicence } from '$lib/server/context';
import { openDataResponse, preflight } from '$lib/server/public/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, request }) => {
	const body = JSON.stringify(projectJsonSchema(`${url.origin}/api/schema.json`), null, 2);
	const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`;
	return openDataResponse(
		request,
		{ etag, lastModified: null },
		{
			licence: dataLicence(),
			contentType: 'application/schema+json; charset=utf-8',
			body: () => body
		}
	);
};

export const OPTIONS: RequestHandler = () => preflight();
