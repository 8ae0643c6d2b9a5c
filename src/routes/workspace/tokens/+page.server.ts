import { fail } from '@sveltejs/kit';
import { ACTION_MESSAGES } from '$lib/i18n/action-messages';
import { formProblemText } from '$lib/i18n/form-messages';
import { readFields } from '$lib/server/auth/form-fields';
import { requireUser } from '$lib/server/auth/guard';
import { refusalText } from '$lib/server/refusal-fail';
import { createApiToken, listApiTokens, MAX_TOKEN_NAME_LENGTH, revokeApiToken, TokenError } from '$lib/server/auth/api-tokens';
import { sql } from '$lib/server/context';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event, 'viewer');
	return {
		role: user.role,
		maxName: MAX_TOKEN_NAME_LENGTH,
		tokens: (await listApiTokens(sql(), user.id)).map(({ id, name, createdAt, lastUsedAt, revokedAt }) => ({
			id,
			name,
			createdAt,
			lastUsedAt,
			revokedAt
		}))
	};
};

async function create(event: Parameters<Actions[string]>[0]) {
	const user = requireUser(event, 'viewer');
	const { fields, problem } = await readFields(event.request, ['name']);
	if (problem) return fail(400, { message: formProblemText(event.locals.lang.lang, problem), name: '' });
	const { name } = fields;
	try {
		const { token } = await createApiToken(sql(), user.id, name, { actorId: user.id, clientAddress: event.getClientAddress() });
		// Shown in this one answer only; it is stored as a hash.
		return { created: { name: name.trim(), token } };
	} catch (err) {
		if (err instanceof TokenError) return fail(400, { message: refusalText(err.refusal), name });
		throw err;
	}
}

async function revoke(event: Parameters<Actions[string]>[0]) {
	const user = requireUser(event, 'viewer');
	const { fields, problem } = await readFields(event.request, ['id']);
	if (problem) return fail(400, { message: formProblemText(event.locals.lang.lang, problem) });
	const { id } = fields;
	if (!(await revokeApiToken(sql(), id, { actorId: user.id, clientAddress: event.getClientAddress() }, user.id))) {
		return fail(404, { message: ACTION_MESSAGES[event.locals.lang.lang].noToken });
	}
	return { revoked: true };
}

export const actions: Actions = { create, revoke };
