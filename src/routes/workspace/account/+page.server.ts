import { fail } from '@sveltejs/kit';
import { ACCOUNT_MESSAGES } from '$lib/i18n/account-messages';
import { resolveLang } from '$lib/i18n/lang';
import { requireUser } from '$lib/server/auth/guard';
import { parseLangSetting, setUserLang } from '$lib/server/auth/user-lang';
import { getUser, UserError } from '$lib/server/auth/users';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { readFields } from '$lib/server/auth/form-fields';
import { formProblemText } from '$lib/i18n/form-messages';
import { changeOwnPassword } from '$lib/server/auth/sign-in';
import { userProblemText } from '$lib/i18n/user-messages';
import { sql } from '$lib/server/context';
import type { Actions, PageServerLoad } from './$types';

/** The person's own settings: anyone signed in may change their own, and only their own. */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event, 'viewer');
	return { me: { name: user.name, email: user.email, role: user.role, lang: (await getUser(sql(), user.id))?.lang ?? null } };
};

async function setLanguage(event: Parameters<Actions[string]>[0]) {
	const user = requireUser(event, 'viewer');
	const lang = parseLangSetting((await event.request.formData()).get('lang'));
	if (lang === undefined) {
		return fail(400, { form: 'language', message: ACCOUNT_MESSAGES[event.locals.lang.lang].account.badLanguage });
	}
	await setUserLang(sql(), user.id, lang);
	// This answer is already in the new language: the hook chose the old one before the action ran.
	event.locals.lang = resolveLang(event.url, event.request.headers.get('accept-language'), lang);
	return { form: 'language', saved: true };
}

async function changePassword(event: Parameters<Actions[string]>[0]) {
	const user = requireUser(event, 'viewer');
	const lang = event.locals.lang.lang;
	const t = ACCOUNT_MESSAGES[lang];
	const { fields, problem } = await readFields(event.request, ['current', 'password', 'repeat']);
	const refuse = (status: number, message: string) => fail(status, { form: 'password', message });
	if (problem) return refuse(400, formProblemText(lang, problem));
	if (!fields.current || !fields.password) return refuse(400, t.account.passwordMissing);
	if (fields.password !== fields.repeat) return refuse(400, t.account.passwordsDiffer);
	try {
		const result = await changeOwnPassword(sql(), {
			userId: user.id,
			current: fields.current,
			password: fields.password,
			clientAddress: event.getClientAddress()
		});
		if (!result.ok && result.reason === 'throttled')
			return refuse(429, t.login.throttled(Math.max(1, Math.ceil(result.retryAfterMs / 60_000))));
		if (!result.ok) return refuse(400, t.account.wrongCurrent);
		setSessionCookie(event.cookies, event.url, result.token, result.session.expiresAt);
		return { form: 'password', changed: true };
	} catch (err) {
		if (err instanceof UserError) return refuse(err.status, err.problem ? userProblemText(lang, err.problem) : err.message);
		throw err;
	}
}

export const actions: Actions = { setLanguage, changePassword };
