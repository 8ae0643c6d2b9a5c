/**
 * Every message exists in every language. The types already refuse a dictionary that
 * lacks a key (each language is typed as the English one); this also catches what the
 * types cannot: a key spelled into one language only through a cast, an empty string,
 * a function that wants more arguments than the English one is given, a message left in English.
 */
import { describe, expect, it } from 'vitest';
import { LANGS, type Lang } from '../../src/lib/i18n/lang';
import { MESSAGES, LANG_NAMES, RATES_SOURCE } from '../../src/lib/i18n/messages';
import { SITE_MESSAGES } from '../../src/lib/i18n/site-messages';
import { WORKSPACE_MESSAGES } from '../../src/lib/i18n/workspace-messages';
import { WORKSPACE_TOOLS_MESSAGES } from '../../src/lib/i18n/workspace-tools-messages';
import { ACCOUNT_MESSAGES } from '../../src/lib/i18n/account-messages';
import { TEAM_MESSAGES } from '../../src/lib/i18n/team-messages';
import { WORKFLOW_MESSAGES } from '../../src/lib/i18n/workflow-messages';
import { VALIDATION_MESSAGES } from '../../src/lib/i18n/validation-messages';
import { AUDIT_MESSAGES } from '../../src/lib/i18n/audit-messages';
import { REFUSAL_MESSAGES } from '../../src/lib/i18n/refusal-messages';
import { ACTION_MESSAGES } from '../../src/lib/i18n/action-messages';
import { USER_MESSAGES } from '../../src/lib/i18n/user-messages';
import { INGEST_MESSAGES } from '../../src/lib/i18n/ingest-messages';
import { WEBHOOK_MESSAGES } from '../../src/lib/i18n/webhook-messages';
import { FORM_MESSAGES } from '../../src/lib/i18n/form-messages';
import { CloseCode, closeReason } from '../../src/lib/collab/close-codes';
import { FIELDS } from '../../src/lib/records/fields';

const DICTIONARIES: Record<string, Record<Lang, unknown>> = {
	MESSAGES,
	SITE_MESSAGES,
	WORKSPACE_MESSAGES,
	WORKSPACE_TOOLS_MESSAGES,
	ACCOUNT_MESSAGES,
	TEAM_MESSAGES,
	WORKFLOW_MESSAGES,
	VALIDATION_MESSAGES,
	AUDIT_MESSAGES,
	REFUSAL_MESSAGES,
	ACTION_MESSAGES,
	USER_MESSAGES,
	INGEST_MESSAGES,
	WEBHOOK_MESSAGES,
	FORM_MESSAGES,
	LANG_NAMES,
	RATES_SOURCE,
	...Object.fromEntries(FIELDS.map((f) => [`field ${f.key}`, f.labels]))
};

/** Every leaf of a dictionary: its path, and what it holds (a string, or a function of n arguments). */
function leaves(value: unknown, path = ''): Map<string, string> {
	if (typeof value === 'string') return new Map([[path, value.trim() ? 'string' : 'EMPTY string']]);
	if (typeof value === 'function') return new Map([[path, `function of ${value.length}`]]);
	if (value && typeof value === 'object') {
		return new Map(Object.entries(value).flatMap(([k, v]) => [...leaves(v, path ? `${path}.${k}` : k)]));
	}
	return new Map([[path, typeof value]]);
}

/** Sample arguments for a message function: numbers and short words work for every message here. */
const sample = (fn: (...args: unknown[]) => unknown) => fn(...Array.from({ length: fn.length }, (_, i) => (i % 2 ? 'x' : 2)));

function texts(value: unknown, path = ''): [string, string][] {
	if (typeof value === 'string') return [[path, value]];
	if (typeof value === 'function') return [[path, String(sample(value as (...args: unknown[]) => unknown))]];
	if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => texts(v, path ? `${path}.${k}` : k));
	return [];
}

describe('messages', () => {
	it('every dictionary has all four languages', () => {
		expect(LANGS).toEqual(['en', 'sv', 'no', 'da']);
		for (const [name, dict] of Object.entries(DICTIONARIES)) expect(Object.keys(dict).sort(), name).toEqual([...LANGS].sort());
	});

	it('every key of every language is in every other, of the same shape, and not empty', () => {
		for (const [name, dict] of Object.entries(DICTIONARIES)) {
			const english = leaves(dict.en);
			for (const lang of LANGS) {
				const other = leaves(dict[lang]);
				const missing = [...english.keys()].filter((k) => !other.has(k));
				const extra = [...other.keys()].filter((k) => !english.has(k));
				// A language may ignore an argument (Swedish needs no plural of "projekt"), never want one more.
				const arity = (kind: string | undefined) => Number(kind?.replace('function of ', ''));
				const shape = [...english]
					.filter(([k, kind]) => {
						const theirs = other.get(k);
						if (theirs === undefined || theirs === kind) return false;
						return !(kind.startsWith('function') && theirs.startsWith('function') && arity(theirs) <= arity(kind));
					})
					.map(([k]) => k);
				const empty = [...other].filter(([, kind]) => kind === 'EMPTY string').map(([k]) => k);
				expect({ missing, extra, shape, empty }, `${name}.${lang}`).toEqual({ missing: [], extra: [], shape: [], empty: [] });
			}
		}
	});

	it('the Nordic dictionaries are translated, not English copies', () => {
		for (const name of [
			'MESSAGES',
			'SITE_MESSAGES',
			'WORKSPACE_MESSAGES',
			'WORKSPACE_TOOLS_MESSAGES',
			'ACCOUNT_MESSAGES',
			'TEAM_MESSAGES',
			'WORKFLOW_MESSAGES',
			'REFUSAL_MESSAGES',
			'ACTION_MESSAGES',
			'USER_MESSAGES',
			'INGEST_MESSAGES',
			'WEBHOOK_MESSAGES'
		]) {
			const english = new Map(texts(DICTIONARIES[name].en));
			for (const lang of ['sv', 'no', 'da'] as const) {
				const all = texts(DICTIONARIES[name][lang]);
				// Names, formats and symbols read the same in every language ("Status", "JSON", "← Newer" do not).
				const same = all.filter(([k, v]) => english.get(k) === v && /[a-z]{3,}/.test(v));
				expect(same.length / all.length, `${name}.${lang}: ${same.map(([k]) => k).join(', ')}`).toBeLessThan(0.12);
			}
		}
	});

	it('every refusal, form answer and reason a sync connection closed is worded in each language, none left in English', () => {
		const strict = {
			REFUSAL_MESSAGES,
			ACTION_MESSAGES,
			USER_MESSAGES,
			INGEST_MESSAGES,
			WEBHOOK_MESSAGES,
			closeReasons: Object.fromEntries(LANGS.map((lang) => [lang, WORKSPACE_MESSAGES[lang].closeReasons]))
		};
		for (const [name, dict] of Object.entries(strict)) {
			const english = new Map(texts(dict.en));
			for (const lang of ['sv', 'no', 'da'] as const) {
				const same = texts(dict[lang as Lang]).filter(([k, v]) => english.get(k) === v);
				expect(
					same.map(([k]) => k),
					`${name}.${lang}`
				).toEqual([]);
			}
		}
		// Every code the sync server closes with has its words: a code added without them shows nothing.
		for (const [reason, code] of Object.entries(CloseCode)) {
			expect(closeReason(code)).toBe(reason);
			for (const lang of LANGS) expect(WORKSPACE_MESSAGES[lang].closeReasons[closeReason(code)!], `${reason}.${lang}`).toMatch(/\p{L}{3}/u);
		}
		expect(closeReason(4999)).toBeNull();
	});

	it('names roles and review states in a refusal as the page does', () => {
		expect(REFUSAL_MESSAGES.sv.onlyRole('approver')).toBe('Bara en godkännare eller högre får göra det.');
		expect(REFUSAL_MESSAGES.da.assigneeCannotEdit('Vera', 'viewer')).toContain('Vera er læser');
		expect(REFUSAL_MESSAGES.no.cannotApprove('rejected')).toContain('«Avvist»');
	});

	it('counts in each language', () => {
		expect(WORKSPACE_MESSAGES.en.queue.count(1)).toBe('1 record');
		expect(WORKSPACE_MESSAGES.sv.queue.count(3)).toBe('3 poster');
		expect(WORKSPACE_TOOLS_MESSAGES.no.documents.count(2)).toBe('2 dokumenter');
		expect(MESSAGES.da.results('2', 2)).toBe('2 projekter');
	});
});
