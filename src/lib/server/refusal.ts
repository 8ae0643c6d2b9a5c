/**
 * What a service answers when it will not do something: one shape for every service, so
 * each page shows the same kind of message and a test can match on a code, not on words.
 * Turned into SvelteKit's fail() by `failWith` (src/lib/server/refusal-fail.ts).
 */
import type { FieldIssue } from '../records/validate';
import { localizeRefusal, type RefusalSay } from '../i18n/refusal-messages';
import type { Localized } from '../i18n/validation-messages';

export type RefusalCode = 'forbidden' | 'not_found' | 'invalid' | 'conflict' | 'no_changes' | 'wrong_state';

export interface Refusal {
	ok: false;
	status: 400 | 403 | 404 | 409;
	code: RefusalCode;
	/** In English. */
	message: string;
	/** In every language, when the refusal is one of the common ones (refusal-messages.ts). */
	text?: Localized;
	/** Field by field, when the record itself is what is wrong. */
	issues?: FieldIssue[];
}

/** A service's answer: what it did, or why not. */
export type Outcome<T = object> = ({ ok: true } & T) | Refusal;

const STATUS: Record<RefusalCode, Refusal['status']> = {
	forbidden: 403,
	not_found: 404,
	invalid: 400,
	conflict: 409,
	no_changes: 400,
	wrong_state: 400
};

/** `message` in English, or worded in every language from refusal-messages.ts. */
export function refuse(code: RefusalCode, message: string | RefusalSay, issues?: FieldIssue[]): Refusal {
	const text = typeof message === 'string' ? undefined : localizeRefusal(message);
	const base: Refusal = { ok: false, status: STATUS[code], code, message: text ? text.en : (message as string), ...(text ? { text } : {}) };
	return issues?.length ? { ...base, issues } : base;
}
