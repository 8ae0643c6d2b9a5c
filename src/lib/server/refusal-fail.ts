/** A service's refusal as a form action's answer: fail(status, { form, code, message, issues }). */
import { fail } from '@sveltejs/kit';
import type { Refusal } from './refusal';

export function failWith(form: string, refusal: Refusal) {
	return fail(refusal.status, { form, code: refusal.code, message: refusal.message, issues: refusal.issues ?? [] });
}
