import { error, fail, redirect } from '@sveltejs/kit';
import { REFUSAL_MESSAGES } from '$lib/i18n/refusal-messages';
import { colourFor } from '$lib/collab/colours';
import { segmentText } from '$lib/records/spans';
import { requireUser } from '$lib/server/auth/guard';
import { readFields } from '$lib/server/auth/form-fields';
import { formProblemText } from '$lib/i18n/form-messages';
import { hasRole } from '$lib/server/auth/roles';
import { docs, sql } from '$lib/server/context';
import { failWith } from '$lib/server/refusal-fail';
import { getDocument } from '$lib/server/documents/list';
import { markNoProject } from '$lib/server/documents/no-project';
import { reextractDocument } from '$lib/server/documents/reextract';
import { documentSpans, newRecordFromDocument } from '$lib/server/records/document-records';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event, 'viewer');
	const doc = await getDocument(sql(), event.params.id);
	if (!doc) error(404, 'No document with that id');
	const spans = await documentSpans(sql(), doc.id);
	const recordOfSpan = Object.fromEntries(spans.map((s) => [String(s.id), s.recordId]));
	const fieldOfSpan = Object.fromEntries(spans.map((s) => [String(s.id), s.field]));
	// Its own records, then those a merge gave spans in it.
	const records = [
		...doc.records.map((r) => ({ ...r, own: true })),
		...[...new Map(spans.filter((s) => !doc.records.some((r) => r.id === s.recordId)).map((s) => [s.recordId, s])).values()].map((s) => ({
			id: s.recordId,
			title: s.recordTitle,
			status: '',
			notFoundAt: null,
			own: false
		}))
	].map((r) => ({ ...r, colour: colourFor(r.id), spans: spans.filter((s) => s.recordId === r.id).length }));
	const { text: _text, ...meta } = doc;
	return {
		document: meta,
		records,
		recordOfSpan,
		fieldOfSpan,
		segments: segmentText(
			doc.text,
			spans.map((s) => ({ id: String(s.id), start: s.start, end: s.end }))
		),
		canEdit: hasRole(user, 'editor')
	};
};

export const actions: Actions = {
	newRecord: async function newRecord(event) {
		const user = requireUser(event, 'editor');
		const outcome = await newRecordFromDocument({ sql: sql(), docs: docs() }, event.params.id, user, event.getClientAddress());
		if (!outcome.ok) return failWith('newRecord', outcome);
		redirect(303, `/workspace/records/${outcome.id}`);
	},

	noProject: async function noProject(event) {
		const user = requireUser(event, 'editor');
		const { fields, problem } = await readFields(event.request, ['on'] as const);
		if (problem) return fail(400, { form: 'noProject', message: formProblemText(event.locals.lang.lang, problem) });
		if (!(await markNoProject(sql(), event.params.id, fields.on === 'true', user, event.getClientAddress()))) {
			return fail(404, { form: 'noProject', message: REFUSAL_MESSAGES[event.locals.lang.lang].noDocument });
		}
		return { form: 'noProject', message: null };
	},

	reextract: async function reextract(event) {
		const user = requireUser(event, 'editor');
		const report = await reextractDocument({ sql: sql(), docs: docs() }, event.params.id, user);
		if (!report) return fail(404, { form: 'reextract', message: REFUSAL_MESSAGES[event.locals.lang.lang].noDocument });
		return { form: 'reextract', message: null, report };
	}
};
