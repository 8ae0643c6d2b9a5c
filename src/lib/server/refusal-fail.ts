/** A service's refusal as a form action's answer: fail(status, { form, code, message, issues }), the message in the person's language where the refusal has it. */
import { fail } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import type { Lang } from '../i18n/lang';
import type { Refusal } from './refusal';

/** The language of the request being answered; English outside one (a test calling a service's action directly). */
function requestLang(): Lang {
	try {
		return getRequestEvent().locals.lang?.lang ?? 'en';
	} catch {
		return 'en';
	}
}

/** A refusal in the language of the request being answered, English where it has only that. */
export function refusalText(refusal: Refusal): string {
	return refusal.text?.[requestLang()] ?? refusal.message;
}

export function failWith(form: string, refusal: Refusal) {
	return fail(refusal.status, { form, code: refusal.code, message: refusalText(refusal), issues: refusal.issues ?? [] });
}
