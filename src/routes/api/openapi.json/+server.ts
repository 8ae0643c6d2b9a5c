import { json } from '@sveltejs/kit';
import { openApiDocument } from '$lib/server/openapi/document';
import { preflight } from '$lib/server/public/http';
import type { RequestHandler } from './$types';

/** OpenAPI 3.1 description of the API; open, like the data it describes. */
export const GET: RequestHandler = ({ url }) =>
	json(openApiDocument(url.origin), { headers: { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'public, max-age=300' } });

export const OPTIONS: RequestHandler = () => preflight();
