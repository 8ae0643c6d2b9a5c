import { describe, expect, it } from 'vitest';
import { fromAcceptLanguage, isPublicPath, resolveLang } from '../../src/lib/i18n/lang';
import { MESSAGES } from '../../src/lib/i18n/messages';

describe('choosing the language', () => {
	it('reads Accept-Language by weight, mapping Norwegian variants to bokmål', () => {
		expect(fromAcceptLanguage('sv-SE,sv;q=0.9,en;q=0.8')).toBe('sv');
		expect(fromAcceptLanguage('en;q=0.1, sv;q=0.9')).toBe('sv');
		expect(fromAcceptLanguage('de, nn;q=0.5, en;q=0.4')).toBe('no');
		expect(fromAcceptLanguage('nb-NO')).toBe('no');
		expect(fromAcceptLanguage('da-DK,da;q=0.9,en;q=0.5')).toBe('da');
		expect(fromAcceptLanguage('sv;q=0, en;q=0.2')).toBe('en');
		expect(fromAcceptLanguage('de-DE, fr')).toBeNull();
		expect(fromAcceptLanguage('*')).toBeNull();
		expect(fromAcceptLanguage(';;;,q=,')).toBeNull();
		expect(fromAcceptLanguage(null)).toBeNull();
	});

	it('prefers the URL, and ignores a language it does not have', () => {
		expect(resolveLang(new URL('http://x/?lang=no'), 'sv')).toEqual({ lang: 'no', explicit: true });
		expect(resolveLang(new URL('http://x/?lang=nb'), 'sv')).toEqual({ lang: 'no', explicit: true });
		expect(resolveLang(new URL('http://x/?lang=xx'), 'sv')).toEqual({ lang: 'sv', explicit: false });
		expect(resolveLang(new URL('http://x/'), null)).toEqual({ lang: 'en', explicit: false });
	});

	it("puts the person's own setting before the browser's, and a choice in the URL before both", () => {
		expect(resolveLang(new URL('http://x/workspace'), 'sv', 'da')).toEqual({ lang: 'da', explicit: false });
		expect(resolveLang(new URL('http://x/workspace'), 'sv', null)).toEqual({ lang: 'sv', explicit: false });
		expect(resolveLang(new URL('http://x/?lang=no'), 'sv', 'da')).toEqual({ lang: 'no', explicit: true });
	});

	it('knows which pages are public', () => {
		expect(['/', '/stats', '/projects/abc'].every(isPublicPath)).toBe(true);
		expect(['/workspace', '/api/projects', '/login', '/projectsx'].some(isPublicPath)).toBe(false);
	});

	it('counts in each language', () => {
		expect(MESSAGES.en.results('1', 1)).toBe('1 project');
		expect(MESSAGES.sv.results('2', 2)).toBe('2 projekt');
		expect(MESSAGES.no.results('2', 2)).toBe('2 prosjekter');
		expect(MESSAGES.da.results('1', 1)).toBe('1 projekt');
	});
});
