import { fail } from '@sveltejs/kit';
import { ACTION_MESSAGES } from '$lib/i18n/action-messages';
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
	const name = String((await event.request.formData()).get('name') ?? '');
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
	const id = String((await event.request.formData()).get('id') ?? '');
	if (!(await revokeApiToken(sql(), id, { actorId: user.id, clientAddress: event.getClientAddress() }, user.id))) {
		return fail(404, { message: ACTION_MESSAGES[event.locals.lang.lang].noToken });
	}
	return { revoked: true };
}

export const actions: Actions = { create, revoke };
