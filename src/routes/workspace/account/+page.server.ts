import { fail } from '@sveltejs/kit';
import { ACCOUNT_MESSAGES } from '$lib/i18n/account-messages';
import { resolveLang } from '$lib/i18n/lang';
import { requireUser } from '$lib/server/auth/guard';
import { parseLangSetting, setUserLang } from '$lib/server/auth/user-lang';
import { getUser } from '$lib/server/auth/users';
import { db } from '$lib/server/context';
import type { Actions, PageServerLoad } from './$types';

/** The person's own settings: anyone signed in may change their own, and only their own. */
export const load: PageServerLoad = (event) => {
	const user = requireUser(event, 'viewer');
	return { me: { name: user.name, email: user.email, role: user.role, lang: getUser(db(), user.id)?.lang ?? null } };
};

async function setLanguage(event: Parameters<Actions[string]>[0]) {
	const user = requireUser(event, 'viewer');
	const lang = parseLangSetting((await event.request.formData()).get('lang'));
	if (lang === undefined) {
		return fail(400, { form: 'language', message: ACCOUNT_MESSAGES[event.locals.lang.lang].account.badLanguage });
	}
	setUserLang(db(), user.id, lang);
	// This answer is already in the new language: the hook chose the old one before the action ran.
	event.locals.lang = resolveLang(event.url, event.request.headers.get('accept-language'), lang);
	return { form: 'language', saved: true };
}

export const actions: Actions = { setLanguage };
