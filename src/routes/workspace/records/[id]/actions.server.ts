/**
 * The record page's form actions: review workflow and comments. Each is a named
 * function that checks the role it needs itself, and answers fail(status, { form, message }).
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { ACTION_MESSAGES } from '$lib/i18n/action-messages';
import { requireUser } from '$lib/server/auth/guard';
import { readFields } from '$lib/server/auth/form-fields';
import { formProblemText } from '$lib/i18n/form-messages';
import { docs, sql } from '$lib/server/context';
import { failWith } from '$lib/server/refusal-fail';
import { addComment, CommentError, MAX_COMMENT_BYTES, setResolved } from '$lib/server/records/comments';
import { approveRecord, changeReviewState, type ReviewChange } from '$lib/server/records/workflow';
import { announceComments } from '$lib/server/records/comment-signal';

type Event = RequestEvent<{ id: string }>;

/** A reason or note is at most 2,000 characters (checked by the workflow); in UTF-8 that is at most 8,000 bytes. */
const MAX_REASON_BYTES = 8_000;

function reviewAction(action: ReviewChange['action']) {
	return async (event: Event) => {
		const user = requireUser(event, action === 'submit' ? 'editor' : 'approver');
		const { fields, problem } = await readFields(event.request, ['reason'], { maxBytes: { reason: MAX_REASON_BYTES } });
		if (problem) return fail(400, { form: action, message: formProblemText(event.locals.lang.lang, problem) });
		const outcome = await changeReviewState(
			{ sql: sql(), docs: docs() },
			{ recordId: event.params.id, action, user, reason: fields.reason, clientAddress: event.getClientAddress() }
		);
		if (!outcome.ok) return failWith(action, outcome);
		const blocked = outcome.blockers.length;
		return {
			form: action,
			message: blocked ? ACTION_MESSAGES[event.locals.lang.lang].sentButBlocked(blocked) : null
		};
	};
}

export const submit = reviewAction('submit');
export const requestChanges = reviewAction('request_changes');
export const reject = reviewAction('reject');
export const reopen = reviewAction('reopen');

export async function approve(event: Event) {
	const user = requireUser(event, 'approver');
	const { fields, problem } = await readFields(event.request, ['expectedVersion', 'note'], { maxBytes: { note: MAX_REASON_BYTES } });
	if (problem) return fail(400, { form: 'approve', message: formProblemText(event.locals.lang.lang, problem) });
	const expected = fields.expectedVersion;
	const expectedVersion = expected === '' ? null : Number(expected);
	if (expectedVersion !== null && (!Number.isInteger(expectedVersion) || expectedVersion < 1)) {
		return fail(400, { form: 'approve', message: ACTION_MESSAGES[event.locals.lang.lang].badVersion });
	}
	const outcome = await approveRecord(
		{ sql: sql(), docs: docs() },
		{ recordId: event.params.id, expectedVersion, user, note: fields.note, clientAddress: event.getClientAddress() }
	);
	if (!outcome.ok) return failWith('approve', outcome);
	return { form: 'approve', message: null, version: outcome.version };
}

export async function comment(event: Event) {
	const user = requireUser(event, 'editor');
	// The form reads a few times the limit, so a comment just over it gets the comment service's
	// refusal in the person's language rather than the form reader's, which names the field "body".
	const { fields, problem } = await readFields(event.request, ['body', 'field', 'parentId'], { maxBytes: { body: 4 * MAX_COMMENT_BYTES } });
	if (problem) return fail(400, { form: 'comment', message: formProblemText(event.locals.lang.lang, problem) });
	try {
		await addComment(sql(), {
			recordId: event.params.id,
			authorId: user.id,
			body: fields.body,
			field: fields.field || null,
			parentId: fields.parentId || null
		});
	} catch (err) {
		if (err instanceof CommentError) return failWith('comment', err.refusal);
		throw err;
	}
	await announceComments(docs(), event.params.id);
	return { form: 'comment', message: null };
}

export async function resolve(event: Event) {
	const user = requireUser(event, 'editor');
	const { fields, problem } = await readFields(event.request, ['commentId', 'resolved'] as const);
	if (problem) return fail(400, { form: 'resolve', message: formProblemText(event.locals.lang.lang, problem) });
	try {
		await setResolved(sql(), event.params.id, fields.commentId, user.id, fields.resolved !== 'false');
	} catch (err) {
		if (err instanceof CommentError) return failWith('resolve', err.refusal);
		throw err;
	}
	await announceComments(docs(), event.params.id);
	return { form: 'resolve', message: null };
}
