import { error } from '@sveltejs/kit';
import { colourFor } from '$lib/collab/colours';
import { FIELDS, fieldDef, isFieldKey, type FieldKey, type ProjectRecord } from '$lib/records/fields';
import { inputFromValue } from '$lib/records/kinds';
import { segmentText } from '$lib/records/spans';
import { requireUser } from '$lib/server/auth/guard';
import { hasRole } from '$lib/server/auth/roles';
import { docs, sql } from '$lib/server/context';
import { getRecord } from '$lib/server/records/queries';
import { fieldsWithOpenComments, listComments, mentionablePeople } from '$lib/server/records/comments';
import { sameProjectCandidates } from '$lib/server/records/same-project';
import { listSuggestions } from '$lib/server/documents/suggestions';
import { selectable } from '$lib/server/records/parse-selection';
import type { Actions, PageServerLoad } from './$types';
import { approve, comment, reject, reopen, requestChanges, resolve, submit } from './actions.server';
import { assign, assignmentOf } from './assignment.server';
import { dismissSuggestion, fromSource, merge, takeSuggestion, unmerge } from './curation.server';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event, 'viewer');
	event.depends('samla:comments', 'samla:assignment');
	const { params, url } = event;
	const detail = await getRecord(sql(), params.id);
	// The live document, not the records row: the row's projection may be a second behind.
	const live = detail && (await docs().snapshot(params.id));
	if (!detail || !live) error(404, 'No record with that id');
	const { record, document, provenance } = detail;
	const field = url.searchParams.get('field');
	const comments = await listComments(sql(), params.id);
	// Set by the restore action's redirect, so the page can confirm what the restore did.
	const restoredVersion = Number(url.searchParams.get('restored'));
	// Spans copied in by a merge point into other documents: listed, not highlighted here.
	const ownSpans = provenance.filter((p) => p.documentId === document.id);
	const mergedInto = record.mergedIntoId ? (await getRecord(sql(), record.mergedIntoId))?.record : null;
	const candidates = record.mergedIntoId
		? []
		: await sameProjectCandidates(sql(), {
				id: record.id,
				title: live.record.title,
				reference: live.record.reference,
				owner: live.record.owner
			});
	return {
		record: {
			id: record.id,
			sameAsId: record.sameAsId,
			mergedInto: mergedInto ? { id: mergedInto.id, title: mergedInto.title, at: record.mergedAt } : null
		},
		assignment: await assignmentOf(user, record.assigneeId),
		candidates,
		suggestions: (await listSuggestions(sql(), record.id))
			.filter((s) => isFieldKey(s.field))
			.map((s) => ({
				id: s.id,
				label: fieldDef(s.field as FieldKey).labels.en,
				value: shown(s.field as FieldKey, s.value),
				snippet: s.snippet
			})),
		notFoundAt: record.notFoundAt,
		/** The fields an editor can set by selecting their value in the source. */
		selectableFields: FIELDS.filter(selectable).map((f) => ({ key: f.key, label: f.labels.en, list: f.kind === 'list' })),
		/** The document's state; the page (on the server too) renders from a Y.Doc made from it. */
		state: live.state,
		me: {
			id: user.id,
			name: user.name,
			colour: colourFor(user.id),
			canEdit: hasRole(user, 'editor') && !record.mergedIntoId,
			canMerge: hasRole(user, 'editor'),
			canApprove: hasRole(user, 'approver')
		},
		comments,
		/** Who may be called in with @name in a comment. */
		people: await mentionablePeople(sql()),
		openCommentFields: [...fieldsWithOpenComments(comments)],
		document: {
			id: document.id,
			title: document.title,
			language: document.language,
			fileName: document.fileName,
			sourceUrl: document.sourceUrl
		},
		provenance: ownSpans.map((p) => ({
			id: String(p.id),
			field: p.field,
			index: p.itemIndex,
			start: p.start,
			end: p.end,
			snippet: p.snippet,
			rule: p.rule,
			confidence: p.confidence,
			setBy: p.setByName,
			setAt: p.setAt
		})),
		otherSources: provenance
			.filter((p) => p.documentId !== document.id)
			.map((p) => ({ id: String(p.id), field: p.field, documentId: p.documentId, snippet: p.snippet })),
		segments: segmentText(
			document.content,
			ownSpans.map((p) => ({ id: String(p.id), start: p.start, end: p.end }))
		),
		selectedField: field && isFieldKey(field) ? field : null,
		restored:
			Number.isInteger(restoredVersion) && restoredVersion > 0
				? { version: restoredVersion, fields: (url.searchParams.get('changed') ?? '').split(',').filter(isFieldKey) }
				: null
	};
};

export const actions: Actions = {
	submit,
	approve,
	requestChanges,
	reject,
	reopen,
	comment,
	resolve,
	fromSource,
	merge,
	unmerge,
	takeSuggestion,
	dismissSuggestion,
	assign
};

/** A field's value as one line of text, as the form would show it. */
function shown(key: FieldKey, value: ProjectRecord[FieldKey]): string {
	const input = inputFromValue(fieldDef(key), value);
	if (typeof input === 'string') return input;
	if (Array.isArray(input)) return input.map((i) => (typeof i === 'string' ? i : i.name)).join(', ');
	return `${input.value} ${input.currency}`.trim();
}
