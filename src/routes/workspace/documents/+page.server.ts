import { fail } from '@sveltejs/kit';
import { ACTION_MESSAGES } from '$lib/i18n/action-messages';
import { ingestProblemText } from '$lib/i18n/ingest-messages';
import { requireUser } from '$lib/server/auth/guard';
import { hasRole } from '$lib/server/auth/roles';
import { appContext, sql } from '$lib/server/context';
import { withoutNul } from '$lib/server/db/without-nul';
import { DOCUMENT_STATUSES, listDocuments, type DocumentStatus } from '$lib/server/documents/list';
import { ingestFiles, type IncomingFile } from '$lib/server/ingest/ingest-file';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 25;
/** More files than anyone uploads at once by hand; the API takes larger batches in several requests too. */
const MAX_FILES = 50;

const isStatus = (s: string | null): s is DocumentStatus => (DOCUMENT_STATUSES as readonly (string | null)[]).includes(s);

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event, 'viewer');
	const { searchParams } = event.url;
	const q = searchParams.get('q')?.slice(0, 200) ?? '';
	const status = searchParams.get('status');
	const page = Math.max(1, Math.min(100_000, Number.parseInt(searchParams.get('page') ?? '1', 10) || 1));
	const { documents, total } = await listDocuments(sql(), { q, status: isStatus(status) ? status : undefined, page, pageSize: PAGE_SIZE });
	return {
		filter: { q, status: isStatus(status) ? status : null },
		documents,
		total,
		page,
		pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
		canUpload: hasRole(user, 'editor')
	};
};

export const actions: Actions = {
	/** Every file is stored (or refused) on its own and answered for itself. */
	upload: async function upload(event) {
		const user = requireUser(event, 'editor');
		const form = await event.request.formData().catch(() => null);
		if (!form) return fail(400, { form: 'upload', message: ACTION_MESSAGES[event.locals.lang.lang].uploadUnreadable, results: [] });
		const files = form.getAll('file').filter((f): f is File => f instanceof File && (f.size > 0 || f.name !== ''));
		if (!files.length) return fail(400, { form: 'upload', message: ACTION_MESSAGES[event.locals.lang.lang].chooseFiles, results: [] });
		if (files.length > MAX_FILES)
			return fail(400, { form: 'upload', message: ACTION_MESSAGES[event.locals.lang.lang].uploadAtMost(MAX_FILES), results: [] });
		const incoming: IncomingFile[] = await Promise.all(
			files.map(async (f) => ({ name: withoutNul(f.name), bytes: new Uint8Array(await f.arrayBuffer()) }))
		);
		const { config } = appContext();
		const outcomes = await ingestFiles({ sql: sql(), config }, incoming, { id: user.id }, event.getClientAddress());
		const { lang } = event.locals.lang;
		const results = outcomes.map(({ problem, ...r }) => ({ ...r, error: problem ? ingestProblemText(lang, problem) : r.error }));
		return { form: 'upload', message: null, results };
	}
};
