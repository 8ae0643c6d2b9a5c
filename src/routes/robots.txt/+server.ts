import type { RequestHandler } from './$types';

/** The public pages and the open data are for everyone to crawl; the workspace, admin and sign-in are not pages to index. */
export const GET: RequestHandler = ({ url }) =>
	new Response(
		[
			'User-agent: *',
			'Disallow: /workspace',
			'Disallow: /admin',
			'Disallow: /login',
			'Disallow: /logout',
			'Allow: /',
			'',
			`Sitemap: ${url.origin}/sitemap.xml`,
			''
		].join('\n'),
		{ headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=3600' } }
	);
