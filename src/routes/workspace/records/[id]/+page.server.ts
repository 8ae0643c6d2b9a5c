import { error } from '@sveltejs/kit';
import { colourFor } from '$lib/collab/colours';
import { isFieldKey } from '$lib/records/fields';
import { segmentText } from '$lib/records/spans';
import { requireUser } from '$lib/server/auth/guard';
import { hasRole } from '$lib/server/auth/roles';
import { db, docs } from '$lib/server/context';
import { getRecord } from '$lib/server/records/queries';
import { fieldsWithOpenComments, listComments } from '$lib/server/records/comments';
import type { Actions, PageServerLoad } from './$types';
import { approve, comment, reject, reopen, requestChanges, resolve, submit } from './actions.server';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event, 'viewer');
	event.depends('samla:comments');
	const { params, url } = event;
	const detail = getRecord(db(), params.id);
	// The live document, not the records row: the row's projection may be a second behind.
	const live = detail && (await docs().snapshot(params.id));
	if (!detail || !live) error(404, 'No record with that id');
	const { record, document, provenance } = detail;
	const field = url.searchParams.get('field');
	const comments = listComments(db(), params.id);
	// Set by the restore action's redirect, so the page can confirm what the restore did.
	const restoredVersion = Number(url.searchParams.get('restored'));
	return {
		record: { id: record.id, sameAsId: record.sameAsId },
		/** The document's state; the page (on the server too) renders from a Y.Doc made from it. */
		state: live.state,
		me: {
			id: user.id,
			name: user.name,
			colour: colourFor(user.id),
			canEdit: hasRole(user, 'editor'),
			canApprove: hasRole(user, 'approver')
		},
		comments,
		openCommentFields: [...fieldsWithOpenComments(comments)],
		document: {
			id: document.id,
			title: document.title,
			language: document.language,
			fileName: document.fileName,
			sourceUrl: document.sourceUrl
		},
		provenance: provenance.map((p) => ({
			id: String(p.id),
			field: p.field,
			index: p.itemIndex,
			start: p.start,
			end: p.end,
			snippet: p.snippet,
			rule: p.rule,
			confidence: p.confidence
		})),
		segments: segmentText(
			document.content,
			provenance.map((p) => ({ id: String(p.id), start: p.start, end: p.end }))
		),
		selectedField: field && isFieldKey(field) ? field : null,
		restored:
			Number.isInteger(restoredVersion) && restoredVersion > 0
				? { version: restoredVersion, fields: (url.searchParams.get('changed') ?? '').split(',').filter(isFieldKey) }
				: null
	};
};

export const actions: Actions = { submit, approve, requestChanges, reject, reopen, comment, resolve };
