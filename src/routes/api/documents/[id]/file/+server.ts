/** The original file a document was read from, as uploaded. Token or session; editors. */
import { json } from '@sveltejs/kit';
import { apiUser } from '$lib/server/api/guard';
import { sql } from '$lib/server/context';
import { documentFile } from '$lib/server/documents/list';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const user = apiUser(event.locals, 'editor');
	if (user instanceof Response) return user;
	const file = await documentFile(sql(), event.params.id);
	if (!file) return json({ error: 'No such document.' }, { status: 404 });
	const ascii = file.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
	return new Response(new Uint8Array(file.data), {
		headers: {
			'content-type': file.mediaType,
			'content-length': String(file.data.byteLength),
			// Always a download: an uploaded HTML page must never render on this origin.
			'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
			'cache-control': 'private, no-store'
		}
	});
};
