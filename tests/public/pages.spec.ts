import { beforeAll, describe, expect, it } from 'vitest';
import { describeServerEachDialect } from '../helpers/dialect-server';
import { searchable, seedPublic, type Seeded } from './fixtures';

describeServerEachDialect('the public pages', {}, (app) => {
	let seeded: Seeded;

	beforeAll(async () => {
		seeded = await seedPublic(app().sql);
		await searchable(app().server.url, 'cmd');
	});

	async function page(path: string, lang = 'en'): Promise<{ status: number; html: string; headers: Headers }> {
		const res = await fetch(`${app().server.url}${path}`, { headers: { 'accept-language': lang } });
		return { status: res.status, html: await res.text(), headers: res.headers };
	}

	/** The visible text of the results list: titles of the projects found. */
	function resultTitles(html: string): string[] {
		const list = /<ol class="mt-3[^"]*">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
		return [...list.matchAll(/<h3[^>]*><a [^>]*>([^<]*)<\/a>/g)].map((m) => m[1]);
	}

	function facet(html: string, key: string): { label: string; count: string }[] {
		const section = new RegExp(`data-facet="${key}">([\\s\\S]*?)</section>`).exec(html)?.[1] ?? '';
		return [...section.matchAll(/<span class="text-teal-800[^"]*">([^<]*)<\/span> <span[^>]*>([^<]*)<\/span>/g)].map((m) => ({
			label: m[1],
			count: m[2]
		}));
	}

	describe('the search page, server-rendered', () => {
		it('lists the approved projects and nothing else', async () => {
			const { status, html } = await page('/');
			expect(status).toBe(200);
			expect(resultTitles(html)).toHaveLength(4);
			expect(html).toContain('Kompetenslyft Skåne');
			expect(html).not.toContain('Avslaget projekt');
			expect(html).toContain('4 projects');
		});

		it('searches from the URL, folding diacritics and matching prefixes', async () => {
			expect(resultTitles((await page('/?q=skane')).html)).toEqual(['Kompetenslyft Skåne']);
			expect(resultTitles((await page('/?q=Troms%C3%B8')).html)).toEqual(['Grønn omstilling i Tromsø']);
			expect(resultTitles((await page('/?q=gronn%20troms')).html)).toEqual(['Grønn omstilling i Tromsø']);
			expect(resultTitles((await page('/?q=lunds%20univ')).html)).toEqual(['Kompetenslyft Skåne']);
		});

		it('shows facets with counts, as links that add the filter to the URL', async () => {
			const { html } = await page('/');
			expect(facet(html, 'country')).toEqual([
				{ label: 'Sweden', count: '3' },
				{ label: 'Norway', count: '1' }
			]);
			expect(html).toContain('href="/?country=NO"');
			const filtered = await page('/?q=komp&country=SE');
			expect(resultTitles(filtered.html)).toEqual(['Kompetenslyft Skåne']);
			expect(filtered.html).toContain('aria-label="Remove filter: Country: Sweden"');
			expect(filtered.html).toContain('href="/?q=komp"');
			expect(facet(filtered.html, 'region')).toEqual([
				{ label: 'Blekinge', count: '1' },
				{ label: 'Skåne', count: '1' }
			]);
			expect(filtered.html).toContain('href="/api/projects.csv?q=komp&amp;country=SE"');
		});

		it('survives malformed, hostile and huge query strings', async () => {
			for (const path of [
				'/?q=%E0%A4%A',
				'/?q=%ZZ&page=%',
				'/?page=99999999999999999999999',
				'/?page=-1&sort=nonsense&year=20x4&country=Sweden&amount=all',
				'/?q=%22%20*%20NEAR(%20AND%20OR%20NOT%20-%20%5E%20%3A',
				'/?q=%22&q=*&country=SE&country=NO',
				`/?q=${'a'.repeat(5000)}`,
				'/?q=%01%02'
			]) {
				const { status } = await page(path);
				expect(status, path).toBe(200);
			}
			// No page or link makes a U+0000, and PostgreSQL's text cannot hold one: refused for every address alike (api/url-guard.ts).
			expect((await page('/?q=%00%01%02')).status).toBe(400);
			expect(resultTitles((await page('/?page=99999999999999999999999')).html)).toHaveLength(4);
		});

		it('escapes hostile text in the list', async () => {
			const { html } = await page('/?q=cmd');
			expect(resultTitles(html)).toHaveLength(1);
			expect(html).not.toContain('<script>alert');
			expect(html).toContain('&lt;script>alert("x")&lt;/script>');
		});
	});

	describe('a project page', () => {
		it('shows the latest approved version with labels from the registry, its sources and earlier versions', async () => {
			const { status, html } = await page(`/projects/${seeded.skane.recordId}`);
			expect(status).toBe(200);
			expect(html).toMatch(/<h1[^>]*>Kompetenslyft Skåne<\/h1>/);
			expect(html).toContain('Version 2, approved March 10, 2025');
			expect(html).toContain('Version 1, approved March 9, 2025');
			expect(html).toMatch(/<dt[^>]*>Project owner<\/dt>/);
			expect(html).toMatch(/<dt[^>]*>EU co-financing rate<\/dt>\s*<dd>[\s\S]*?40 %/);
			expect(html).toContain('12,000,000 SEK');
			expect(html).toContain('≈ 1,047,212 EUR at the ECB rate of December 31, 2024');
			expect(html).toContain('“Projektägare är Region Skåne”');
			expect(html).toContain('href="https://www.esf.se/nyheter/kompetenslyft"');
			// A passage that no longer supports the corrected value is not cited for it.
			expect(html).not.toContain('Regionala utvecklingsfonden');
			expect(html).not.toContain('internal note');
			expect(html).not.toContain('test-approver');
		});

		it('has a title, description, canonical URL and Open Graph tags', async () => {
			const { html } = await page(`/projects/${seeded.skane.recordId}`);
			expect(html).toContain('<title>Kompetenslyft Skåne · Samla</title>');
			expect(html).toContain('<meta name="description" content="Projektet höjer kompetensen hos anställda i små företag."');
			expect(html).toMatch(new RegExp(`<link rel="canonical" href="https?://[^"]+/projects/${seeded.skane.recordId}"`));
			expect(html).toContain('<meta property="og:title" content="Kompetenslyft Skåne"');
			expect(html).toContain('<meta property="og:type" content="article"');
			expect(html).toMatch(/<meta property="og:url" content="[^"]+\/projects\//);
		});

		it('shows a contact only when an approver marked it public', async () => {
			const { html } = await page(`/projects/${seeded.contacts.recordId}`);
			expect(html).toContain('Anna Publik');
			expect(html).toContain('anna@example.se');
			expect(html).toContain('+46 70 111 11 11');
			expect(html).not.toContain('Bertil');
			expect(html).not.toContain('Hemligt AB');
			expect(html).not.toContain('222 22 22');
		});

		it('escapes hostile text everywhere and drops a javascript: source link', async () => {
			const { html } = await page(`/projects/${seeded.odd.recordId}`);
			expect(html).not.toContain('<script>alert');
			expect(html).not.toContain('javascript:alert');
			expect(html).toContain('&lt;script>alert("x")&lt;/script>');
			expect(html).toContain("content=\"=cmd|' /C calc'!A0 &lt;script>alert(&quot;x&quot;)&lt;/script>");
			expect(html).toContain('🎉');
		});

		it('answers 404 with a page for an unknown, rejected or odd id', async () => {
			for (const id of ['does-not-exist', seeded.rejected.recordId, '%3Cscript%3E', 'a'.repeat(3000)]) {
				const { status, html } = await page(`/projects/${id}`);
				expect(status, id).toBe(404);
				expect(html).toContain('Project not found');
			}
			const sv = await page('/projects/nope', 'sv');
			expect(sv.status).toBe(404);
			expect(sv.html).toContain('Projektet finns inte');
			expect(sv.html).toContain('<html lang="sv">');
		});
	});

	describe('languages', () => {
		it('follows Accept-Language, and says so in <html lang> and Vary', async () => {
			const sv = await page(`/projects/${seeded.skane.recordId}`, 'sv-SE,sv;q=0.9,en;q=0.8');
			expect(sv.html).toContain('<html lang="sv">');
			expect(sv.headers.get('vary')).toMatch(/Accept-Language/);
			expect(sv.html).toMatch(/<dt[^>]*>Projektägare<\/dt>/);
			expect(sv.html).toContain('Version 2, godkänd 10 mars 2025');
			const no = await page('/', 'nb-NO,nb;q=0.9');
			expect(no.html).toContain('<html lang="nb">');
			expect(no.html).toContain('Offentlig finansierte prosjekter');
			expect(facet(no.html, 'country')[0]).toEqual({ label: 'Sverige', count: '3' });
			const other = await page('/', 'de-DE,fr;q=0.5');
			expect(other.html).toContain('<html lang="en">');
		});

		it('is chosen in the URL over the browser, and links keep the choice', async () => {
			const no = await page(`/projects/${seeded.skane.recordId}?lang=no`, 'sv');
			expect(no.html).toContain('<html lang="nb">');
			expect(no.html).toMatch(/<dt[^>]*>Prosjekteier<\/dt>/);
			expect(no.html).toContain('href="/?lang=no"');
			const home = await page('/?lang=sv&q=skane', 'en');
			expect(home.html).toContain('Offentligt finansierade projekt');
			expect(home.html).toContain(`href="/projects/${seeded.skane.recordId}?lang=sv"`);
			expect(home.html).toContain('<input type="hidden" name="lang" value="sv"/>');
			expect(home.html).toMatch(/href="\/\?lang=no&amp;q=skane"[^>]*>Norsk/);
			expect(home.html).toMatch(/aria-current="true"[^>]*>Svenska/);
			expect((await page('/?lang=xx', 'sv')).html).toContain('<html lang="sv">');
		});

		it("puts the sign-in page (where the workspace sends a visitor) in the browser's language too, Danish included", async () => {
			const sv = await page('/workspace', 'sv');
			expect(sv.html).toContain('<html lang="sv">');
			expect(sv.html).toContain('Logga in');
			const da = await page('/login', 'da-DK,da;q=0.9');
			expect(da.html).toContain('<html lang="da">');
			expect(da.html).toContain('E-mailadresse');
			expect((await page('/login', 'fi')).html).toContain('<html lang="en">');
		});
	});

	describe('statistics', () => {
		it('charts approved funding in euro with the original amounts beside, as SVG and a table', async () => {
			const { status, html } = await page('/stats');
			expect(status).toBe(200);
			for (const id of ['country', 'programme', 'year']) expect(html).toContain(`data-chart="chart-${id}"`);
			expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="chart-country-title chart-country-desc"/);
			const country = /data-group="country"[\s\S]*?<\/table>/.exec(html)![0];
			// Sweden: 12 MSEK + 1,000 EUR; Norway: 4 MNOK. Rates of 2024-12-31.
			const row = (name: string) =>
				country
					.split('<tr')
					.find((tr) => tr.includes(`>${name}</th>`))!
					.replace(/^[^>]*>/, '')
					.replace(/<\/t[hd]>/g, ' | ')
					.replace(/<[^>]*>/g, '')
					.replace(/\s+/g, ' ')
					.trim();
			expect(row('Sweden')).toMatch(/^Sweden \| 3 \| 1,048,212 EUR \| 12,000,000 SEK; 1,000 EUR/);
			expect(row('Norway')).toMatch(/^Norway \| 1 \| 339,127 EUR \| 4,000,000 NOK/);
			expect(country).toContain('1 without an amount in euro');
			expect(html).toContain('European Central Bank reference rate of December 31, 2024');
			expect(html).toContain('1 EUR = 11.459 SEK');
			expect(html).not.toContain('Avslaget');
		});
	});
});
