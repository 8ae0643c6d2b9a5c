import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { describeServerEachDialect } from '../helpers/dialect-server';
import { parseCsv } from '../public/csv-parse';
import { seedPublic, type Seeded } from '../public/fixtures';

const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));

let browser: Browser;

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

/**
 * Waits until the home page lists every one of `recordIds`. On PostgreSQL the server's search
 * index follows the database at most once a second, so what the test published through its
 * own handle shows there a little later; on SQLite at once.
 */
async function listedOnHome(url: string, recordIds: string[], timeoutMs = 10_000): Promise<void> {
	const until = Date.now() + timeoutMs;
	for (;;) {
		const html = await (await fetch(url)).text();
		if (recordIds.every((id) => html.includes(`/projects/${id}`))) return;
		if (Date.now() > until) throw new Error(`the home page did not list ${recordIds.join(', ')} within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

interface AxeResult {
	violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
	await page.addScriptTag({ path: AXE });
	const result = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResult> } }).axe.run());
	return result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

const resultTitles = (page: Page) => page.locator('ol h3 a').allTextContents();

describeServerEachDialect('the public view in a browser', {}, (app) => {
	let context: BrowserContext;
	let seeded: Seeded;
	beforeAll(async () => {
		seeded = await seedPublic(app().sql);
		await listedOnHome(
			app().server.url,
			[seeded.skane, seeded.tromso, seeded.contacts, seeded.odd].map((p) => p.recordId)
		);
		// The app's CSP allows no inline script; axe is injected as one.
		context = await browser.newContext({ bypassCSP: true, locale: 'en-GB', acceptDownloads: true });
	});
	afterAll(async () => {
		await context?.close();
	});

	it('searches as one types, filters by a facet, opens a project and downloads the CSV', async () => {
		const page = await context.newPage();
		await page.goto(app().server.url);
		expect(await resultTitles(page)).toHaveLength(4);
		expect(await seriousViolations(page)).toEqual([]);

		const box = page.getByRole('searchbox', { name: 'Search projects' });
		await box.click();
		await box.pressSequentially('kompet', { delay: 40 });
		await page.waitForURL(/\?q=kompet$/);
		await expect.poll(() => resultTitles(page)).toEqual(['Kompetenslyft Skåne']);
		// Typing went on undisturbed: the box kept focus and every letter.
		expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('q');
		expect(await box.inputValue()).toBe('kompet');

		await box.fill('');
		await box.press('Backspace');
		await page.waitForURL((u) => !u.search.includes('q='));
		await expect.poll(() => resultTitles(page)).toHaveLength(4);

		await page.locator('[data-facet="country"] a', { hasText: 'Norway' }).click();
		await page.waitForURL(/country=NO/);
		await expect.poll(() => resultTitles(page)).toEqual(['Grønn omstilling i Tromsø']);
		expect(await page.getByTestId('result-count').textContent()).toContain('1 project');
		await page.getByRole('link', { name: 'Remove filter: Country: Norway' }).click();
		await page.waitForURL((u) => !u.search.includes('country'));

		await page.locator('[data-facet="region"] a', { hasText: 'Skåne' }).click();
		await page.waitForURL(/region=Sk%C3%A5ne/);
		await page.getByRole('link', { name: 'Kompetenslyft Skåne' }).click();
		await page.waitForURL(new RegExp(`/projects/${seeded.skane.recordId}`));
		expect(await page.locator('h1').textContent()).toBe('Kompetenslyft Skåne');
		expect(await page.locator('[data-field="owner"] blockquote').textContent()).toContain('Projektägare är Region Skåne');
		expect(await page.getByTestId('versions').locator('li').count()).toBe(2);
		expect(await seriousViolations(page)).toEqual([]);

		await page.goBack();
		await page.waitForURL(/region=/);
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV (spreadsheet)' }).click()]);
		expect(download.suggestedFilename()).toBe('samla-projects.csv');
		const rows = parseCsv(readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, ''));
		expect(rows).toHaveLength(2);
		expect(rows[1][rows[0].indexOf('title')]).toBe('Kompetenslyft Skåne');
		await page.close();
	});

	it('works without JavaScript', async () => {
		const noJs = await browser.newContext({ javaScriptEnabled: false });
		const page = await noJs.newPage();
		await page.goto(app().server.url);
		await page.fill('input[name=q]', 'tromso');
		await page.click('button:has-text("Search")');
		await page.waitForURL(/q=tromso/);
		expect(await resultTitles(page)).toEqual(['Grønn omstilling i Tromsø']);
		await page.selectOption('select[name=sort]', 'amount');
		await page.click('button:has-text("Search")');
		await page.waitForURL(/sort=amount/);
		expect(await resultTitles(page)).toEqual(['Grønn omstilling i Tromsø']);
		await noJs.close();
	});

	it('keeps every amount of the statistics on one line on a phone', async () => {
		const page = await context.newPage();
		await page.setViewportSize({ width: 390, height: 800 });
		await page.goto(`${app().server.url}/stats`);
		const cells = page.locator('td.tabular-nums, td [data-amount]');
		expect(await cells.count()).toBeGreaterThan(0);
		const wrapped = await cells.evaluateAll((tds) =>
			tds
				.filter((td) => {
					const range = document.createRange();
					range.selectNodeContents(td.firstChild ?? td);
					return range.getClientRects().length > 1;
				})
				.map((td) => td.firstChild?.textContent)
		);
		expect(wrapped).toEqual([]);
		await page.close();
	});

	it('switches language with the switcher, and the statistics page passes the accessibility check', async () => {
		const page = await context.newPage();
		await page.goto(`${app().server.url}/stats`);
		expect(await page.locator('svg[role="img"]').count()).toBe(4);
		expect(await seriousViolations(page)).toEqual([]);
		await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Svenska' }).click();
		await page.waitForURL(/lang=sv/);
		expect(await page.locator('html').getAttribute('lang')).toBe('sv');
		expect(await page.locator('h1').textContent()).toBe('Statistik');
		await page.getByRole('link', { name: 'Projekt', exact: true }).click();
		await page.waitForURL(/\/\?lang=sv$/);
		expect(await page.locator('h1').textContent()).toBe('Offentligt finansierade projekt');
		expect(await seriousViolations(page)).toEqual([]);
		await page.close();
	});
});
