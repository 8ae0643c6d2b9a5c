/**
 * The record page's curation actions: a field set from a span of the source, and merging
 * with (or un-merging from) another record of the same project. Each checks its role and
 * answers fail(status, { form, message }).
 */
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { ACTION_MESSAGES } from '$lib/i18n/action-messages';
import { requireUser } from '$lib/server/auth/guard';
import { readFields } from '$lib/server/auth/form-fields';
import { formProblemText } from '$lib/i18n/form-messages';
import { docs, sql } from '$lib/server/context';
import { failWith } from '$lib/server/refusal-fail';
import { mergeRecords, unmergeRecord } from '$lib/server/records/merge';
import { setFromSource } from '$lib/server/records/source-provenance';
import { acceptSuggestion, dismissSuggestion as dismiss, listSuggestions } from '$lib/server/documents/suggestions';

type Event = RequestEvent<{ id: string }>;

const offset = (s: string) => (/^\d{1,9}$/.test(s) ? Number(s) : NaN);

export async function fromSource(event: Event) {
	const user = requireUser(event, 'editor');
	const { fields, problem } = await readFields(event.request, ['field', 'start', 'end'] as const);
	if (problem) return fail(400, { form: 'fromSource', message: formProblemText(event.locals.lang.lang, problem) });
	const outcome = await setFromSource(
		{ sql: sql(), docs: docs() },
		{
			recordId: event.params.id,
			user,
			field: fields.field,
			start: offset(fields.start),
			end: offset(fields.end),
			clientAddress: event.getClientAddress()
		}
	);
	if (!outcome.ok) return failWith('fromSource', outcome);
	return { form: 'fromSource', message: null, field: outcome.field, value: outcome.value };
}

/** `direction=keep`: the other record is closed into this one; `direction=into`: this one is closed into the other. */
export async function merge(event: Event) {
	const user = requireUser(event, 'editor');
	const { fields, problem } = await readFields(event.request, ['other', 'direction'] as const);
	if (problem) return fail(400, { form: 'merge', message: formProblemText(event.locals.lang.lang, problem) });
	if (!fields.other) return fail(400, { form: 'merge', message: ACTION_MESSAGES[event.locals.lang.lang].chooseMergeWith });
	const into = fields.direction === 'into';
	const outcome = await mergeRecords(sql(), {
		keepId: into ? fields.other : event.params.id,
		closeId: into ? event.params.id : fields.other,
		user,
		clientAddress: event.getClientAddress()
	});
	if (!outcome.ok) return failWith('merge', outcome);
	if (into) redirect(303, `/workspace/records/${fields.other}`);
	return { form: 'merge', message: null };
}

export async function unmerge(event: Event) {
	const user = requireUser(event, 'editor');
	const outcome = await unmergeRecord(sql(), { recordId: event.params.id, user, clientAddress: event.getClientAddress() });
	if (!outcome.ok) return failWith('unmerge', outcome);
	return { form: 'unmerge', message: null };
}

/** The open suggestion of this record named by the form, or a reason why not. */
async function suggestionOf(event: Event, form: string) {
	const { fields, problem } = await readFields(event.request, ['suggestion'] as const);
	if (problem) return fail(400, { form, message: formProblemText(event.locals.lang.lang, problem) });
	const id = Number(fields.suggestion);
	if (!(await listSuggestions(sql(), event.params.id)).some((s) => s.id === id)) {
		return fail(409, { form, message: ACTION_MESSAGES[event.locals.lang.lang].valueTaken });
	}
	return id;
}

export async function takeSuggestion(event: Event) {
	const user = requireUser(event, 'editor');
	const id = await suggestionOf(event, 'suggestion');
	if (typeof id !== 'number') return id;
	if (!(await acceptSuggestion({ sql: sql(), docs: docs() }, id, { id: user.id, name: user.name }))) {
		return fail(409, { form: 'suggestion', message: ACTION_MESSAGES[event.locals.lang.lang].valueTaken });
	}
	return { form: 'suggestion', message: null };
}

export async function dismissSuggestion(event: Event) {
	const user = requireUser(event, 'editor');
	const id = await suggestionOf(event, 'suggestion');
	if (typeof id !== 'number') return id;
	await dismiss(sql(), id, user);
	return { form: 'suggestion', message: null };
}
