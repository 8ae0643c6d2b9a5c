/** safeRedirectTarget against hostile targets: whatever it answers must stay on this site in a browser's reading. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_AFTER_SIGN_IN, safeRedirectTarget } from '../../src/lib/server/auth/redirect-target';

const SITE = 'https://samla.example.org';

/** How a browser follows a Location header from a page on this site (WHATWG URL, as browsers parse). */
function followed(location: string, from = `${SITE}/login`): URL {
	return new URL(location, from);
}

const HOSTILE = [
	'//evil.example',
	'///evil.example',
	'/.//evil.example/phish',
	'/./\\evil.example',
	'/..//evil.example',
	'/a/..//evil.example',
	'/%2e//evil.example',
	'/.%2F/evil.example',
	'/%2F%2Fevil.example',
	'/%5C%5Cevil.example',
	'/\\evil.example',
	'/\\/evil.example',
	'\\\\evil.example',
	'/\t/evil.example',
	'/\n/evil.example',
	'/\r\n/evil.example',
	'/ /evil.example',
	'https://evil.example/workspace',
	'http:evil.example',
	'https:/evil.example',
	'javascript:alert(1)',
	'data:text/html,x',
	' //evil.example',
	'/.///evil.example',
	'/././/evil.example',
	'/..\\evil.example',
	'workspace',
	'',
	'/login',
	'/./login',
	'/logout'
];

describe('safeRedirectTarget', () => {
	it.each(HOSTILE)('keeps %j on this site', (target) => {
		const answer = safeRedirectTarget(target);
		expect(answer.startsWith('/')).toBe(true);
		expect(answer).not.toMatch(/^\/[/\\]/);
		for (const from of [`${SITE}/login`, `${SITE}/a/b/c`, `${SITE}/`]) expect(followed(answer, from).origin).toBe(SITE);
		expect(followed(answer).hostname).not.toContain('evil');
	});

	it('answers the default for a target that normalises to another host', () => {
		expect(safeRedirectTarget('/.//host/phish')).toBe(DEFAULT_AFTER_SIGN_IN);
		expect(safeRedirectTarget('/..//host/phish')).toBe(DEFAULT_AFTER_SIGN_IN);
	});

	it('keeps ordinary paths, queries and fragments as they are', () => {
		expect(safeRedirectTarget('/workspace/records/abc?field=title#c1')).toBe('/workspace/records/abc?field=title#c1');
		expect(safeRedirectTarget('/projects/x?lang=sv')).toBe('/projects/x?lang=sv');
		expect(safeRedirectTarget('/workspace/./records/../records/1')).toBe('/workspace/records/1');
		expect(safeRedirectTarget('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
	});
});
