/** The record page's assignment: who it is handed to, and the action that changes it. */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { readFields } from '$lib/server/auth/form-fields';
import { formProblemText } from '$lib/i18n/form-messages';
import { requireUser } from '$lib/server/auth/guard';
import { getUser } from '$lib/server/auth/users';
import type { SessionUser } from '$lib/server/auth/session';
import { hasRole } from '$lib/server/auth/roles';
import { sql } from '$lib/server/context';
import { assignRecord, listAssignable } from '$lib/server/records/assign';
import { failWith } from '$lib/server/refusal-fail';

export async function assignmentOf(user: SessionUser, assigneeId: string | null) {
	const person = assigneeId ? await getUser(sql(), assigneeId) : undefined;
	const canAssign = hasRole(user, 'editor');
	return {
		assignee: person ? { id: person.id, name: person.name } : null,
		people: canAssign ? await listAssignable(sql()) : [],
		canAssign
	};
}

export async function assign(event: RequestEvent<{ id: string }>) {
	const user = requireUser(event, 'editor');
	const { fields, problem } = await readFields(event.request, ['assignee']);
	if (problem) return fail(400, { form: 'assign', message: formProblemText(event.locals.lang.lang, problem) });
	const outcome = await assignRecord(sql(), {
		recordId: event.params.id,
		assigneeId: fields.assignee || null,
		actor: user,
		clientAddress: event.getClientAddress()
	});
	if (!outcome.ok) return failWith('assign', outcome);
	return { form: 'assign', message: null };
}
