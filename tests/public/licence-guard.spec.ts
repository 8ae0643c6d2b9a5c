import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/lib/server/config';
import { guardFormula } from '../../src/lib/server/public/formula-guard';
import { licenceLink } from '../../src/lib/server/public/licence';

describe('SAMLA_DATA_LICENCE', () => {
	it('defaults to CC BY 4.0, takes a known SPDX id in any case, or the URL of another licence with its name', () => {
		expect(readConfig({}).dataLicence).toEqual({
			id: 'CC-BY-4.0',
			name: 'Creative Commons Attribution 4.0 International',
			url: 'https://creativecommons.org/licenses/by/4.0/'
		});
		expect(readConfig({ SAMLA_DATA_LICENCE: 'cc0-1.0' }).dataLicence.url).toBe('https://creativecommons.org/publicdomain/zero/1.0/');
		expect(readConfig({ SAMLA_DATA_LICENCE: 'NLOD-2.0' }).dataLicence.name).toContain('NLOD');
		expect(readConfig({ SAMLA_DATA_LICENCE: 'https://example.org/licence', SAMLA_DATA_LICENCE_NAME: 'Our licence' }).dataLicence).toEqual({
			id: 'https://example.org/licence',
			name: 'Our licence',
			url: 'https://example.org/licence'
		});
	});

	it('stops start-up naming the variable for anything else', () => {
		expect(() => readConfig({ SAMLA_DATA_LICENCE: 'free' })).toThrow(ConfigError);
		expect(() => readConfig({ SAMLA_DATA_LICENCE: 'javascript:alert(1)' })).toThrow(/SAMLA_DATA_LICENCE/);
	});

	it('is announced as an RFC 8288 link with the license relation', () => {
		expect(licenceLink({ id: 'x', name: 'A "quoted" name', url: 'https://example.org/l' })).toBe(
			'<https://example.org/l>; rel="license"; title="A quoted name"'
		);
	});
});

describe('guardFormula', () => {
	it('makes text a spreadsheet would run as a formula show as text, also after leading spaces and line breaks', () => {
		for (const s of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', ' =1', '\n=HYPERLINK("x")', '  \n -2+3', '\tplain', '\rplain']) {
			expect(guardFormula(s), JSON.stringify(s)).toBe(`'${s}`);
		}
		for (const s of ['Region Skåne', '2024-01-15', 'a=b', "'already", '', 'x-1']) expect(guardFormula(s)).toBe(s);
	});
});
