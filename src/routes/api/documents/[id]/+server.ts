/** One document: its stored text (what provenance offsets point into) and its records. Token or session; editors. */
import { json } from '@sveltejs/kit';
import { apiUser } from '$lib/server/api/guard';
import { sql } from '$lib/server/context';
import { getDocument } from '$lib/server/documents/list';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const user = apiUser(event.locals, 'editor');
	if (user instanceof Response) return user;
	const doc = await getDocument(sql(), event.params.id);
	if (!doc) return json({ error: 'No such document.' }, { status: 404 });
	return json({
		id: doc.id,
		name: doc.name,
		type: doc.format,
		language: doc.language,
		status: doc.status,
		text: doc.text,
		records: doc.records.map((r) => ({ id: r.id, title: r.title, status: r.status, notFound: r.notFoundAt !== null }))
	});
};
