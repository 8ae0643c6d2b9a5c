/** The write API: POST documents (multipart, one or more `file` parts), GET the list. Token or session; editors. */
import { json } from '@sveltejs/kit';
import { apiUser } from '$lib/server/api/guard';
import { MultipartError, readFileParts } from '$lib/server/api/multipart';
import { appContext } from '$lib/server/context';
import { DOCUMENT_STATUSES, listDocuments, type DocumentStatus } from '$lib/server/documents/list';
import { ingestFiles } from '$lib/server/ingest/ingest-file';
import type { RequestHandler } from './$types';

const MAX_FILES_PER_REQUEST = 50;

export const POST: RequestHandler = async (event) => {
	const user = apiUser(event.locals, 'editor');
	if (user instanceof Response) return user;
	const ctx = appContext();
	let files;
	try {
		files = await readFileParts(event.request, { maxFileBytes: ctx.config.maxDocumentBytes, maxFiles: MAX_FILES_PER_REQUEST });
	} catch (err) {
		if (err instanceof MultipartError) return json({ error: err.message }, { status: err.status });
		throw err;
	}
	if (!files.length) return json({ error: 'No "file" part in the request.' }, { status: 400 });
	const outcomes = await ingestFiles(ctx, files, { id: user.id, tokenId: event.locals.apiTokenId }, event.getClientAddress());
	return json({
		documents: outcomes.map(({ name, id, status, language, records, error }) => ({ name, id, status, language, records, error }))
	});
};

const PAGE_SIZE_MAX = 100;

export const GET: RequestHandler = async (event) => {
	const user = apiUser(event.locals, 'editor');
	if (user instanceof Response) return user;
	const params = event.url.searchParams;
	const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
	const pageSize = Math.min(PAGE_SIZE_MAX, Math.max(1, Number.parseInt(params.get('pageSize') ?? '20', 10) || 20));
	const status = params.get('status');
	if (status && !(DOCUMENT_STATUSES as readonly string[]).includes(status)) {
		return json({ error: `status must be one of ${DOCUMENT_STATUSES.join(', ')}` }, { status: 400 });
	}
	const { documents, total } = await listDocuments(appContext().sql, {
		q: params.get('q') ?? undefined,
		status: (status as DocumentStatus) || undefined,
		page,
		pageSize
	});
	return json({
		documents: documents.map((d) => ({
			id: d.id,
			name: d.name,
			title: d.title,
			type: d.format,
			language: d.language,
			records: d.recordCount,
			status: d.status,
			uploadedBy: d.uploadedBy,
			ingestedAt: d.ingestedAt.toISOString()
		})),
		total,
		page,
		pageSize
	});
};
