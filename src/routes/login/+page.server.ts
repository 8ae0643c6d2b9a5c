import { fail, redirect } from '@sveltejs/kit';
import { ACCOUNT_MESSAGES } from '$lib/i18n/account-messages';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { readFields } from '$lib/server/auth/form-fields';
import { formProblemText } from '$lib/i18n/form-messages';
import { safeRedirectTarget } from '$lib/server/auth/redirect-target';
import { invalidateSession } from '$lib/server/auth/session';
import { signIn } from '$lib/server/auth/sign-in';
import { emailProblem, normalizeEmail } from '$lib/server/auth/users';
import { userProblemText } from '$lib/i18n/user-messages';
import { sql } from '$lib/server/context';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const redirectTo = safeRedirectTarget(url.searchParams.get('redirectTo'));
	if (locals.user) redirect(303, redirectTo);
	return { redirectTo };
};

export const actions: Actions = {
	default: async (event) => {
		const { fields, problem } = await readFields(event.request, ['email', 'password', 'redirectTo']);
		const form = { email: fields.email };
		const t = ACCOUNT_MESSAGES[event.locals.lang.lang].login;
		if (problem) return fail(400, { form, message: formProblemText(event.locals.lang.lang, problem) });
		if (!fields.email.trim() || !fields.password) {
			return fail(400, { form, message: t.missing });
		}
		const malformed = emailProblem(normalizeEmail(fields.email));
		if (malformed) return fail(400, { form, message: userProblemText(event.locals.lang.lang, malformed) });

		const result = await signIn(sql(), {
			email: fields.email,
			password: fields.password,
			clientAddress: event.getClientAddress()
		});
		if (!result.ok && result.reason === 'throttled') {
			return fail(429, { form, message: t.throttled(Math.max(1, Math.ceil(result.retryAfterMs / 60_000))) });
		}
		if (!result.ok) return fail(400, { form, message: t.wrong });

		// A session that came with the request is replaced, never reused (session fixation).
		if (event.locals.session) await invalidateSession(sql(), event.locals.session.id);
		setSessionCookie(event.cookies, event.url, result.token, result.session.expiresAt);
		redirect(303, safeRedirectTarget(fields.redirectTo));
	}
};
