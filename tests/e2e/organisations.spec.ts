/**
 * Organisation pages in a browser: find an organisation, read its page, follow its project
 * and back; an approver merges two name variants in the workspace and the public page
 * shows them as one, then splits them again.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApproved } from '../helpers/approved';
import { contextSignedInAs, gotoHydrated, launchBrowser } from '../helpers/browser';
import { describeServerEachDialect } from '../helpers/dialect-server';
import { seedPublic, type Seeded } from '../public/fixtures';

let browser: Browser;

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

/** With SAMLA_SCREENSHOTS=<folder>, the pages are saved at desktop and phone width for a person to look at. */
async function screenshots(page: Page, name: string): Promise<void> {
	const dir = process.env.SAMLA_SCREENSHOTS;
	if (!dir) return;
	mkdirSync(dir, { recursive: true });
	for (const width of [1280, 390]) {
		await page.setViewportSize({ width, height: 900 });
		await page.screenshot({ path: join(dir, `${name}-${width}.png`), fullPage: true });
	}
	await page.setViewportSize({ width: 1280, height: 900 });
}

describeServerEachDialect('organisation pages in a browser', {}, (app) => {
	let context: BrowserContext;
	let seeded: Seeded;
	beforeAll(async () => {
		const db = app().sql;
		seeded = await seedPublic(db);
		await createApproved(db, {
			record: {
				title: 'Regional kompetensplattform',
				owner: 'Region Skåne, Regional utveckling',
				partners: ['Lunds universitet'],
				funder: 'Tillväxtverket',
				amount: { value: 2_500_000, currency: 'SEK' },
				startDate: '2025-02-01',
				country: 'SE'
			}
		});
		await createApproved(db, {
			record: { title: 'Fiskveiðar framtíðarinnar', owner: 'Háskóli Íslands', country: 'IS', startDate: '2025-05-01' }
		});
		context = await browser.newContext({ locale: 'en-GB' });
	});
	afterAll(async () => {
		await context?.close();
	});

	it('finds an organisation, shows its projects and totals, and links to and from its projects', async () => {
		const page = await context.newPage();
		await page.goto(`${app().server.url}/`);
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organisations' }).click();
		await page.waitForURL(/\/organisations$/);
		await screenshots(page, 'organisations');
		await page.getByLabel('Search organisations').fill('skane');
		await page.getByRole('button', { name: 'Search' }).click();
		await page.waitForURL(/q=skane/);
		const names = await page.getByTestId('organisations').locator('li > a').allTextContents();
		expect(names).toEqual(['Region Skåne', 'Region Skåne, Regional utveckling']);

		await page.getByRole('link', { name: 'Region Skåne', exact: true }).click();
		await page.waitForURL(/\/organisations\/region-skane$/);
		expect(await page.getByTestId('org-name').textContent()).toBe('Region Skåne');
		const rows = page.getByTestId('org-projects').locator('tbody tr');
		expect(await rows.count()).toBe(1);
		expect(await rows.first().textContent()).toContain('Kompetenslyft Skåne');
		expect(await rows.first().textContent()).toContain('Owner');
		expect(await rows.first().textContent()).toContain('Svenska ESF-rådet');
		expect(await page.getByTestId('org-currencies').textContent()).toContain('12,000,000 SEK');
		expect(await page.getByTestId('org-totals').textContent()).toContain('December 31, 2024');
		await expect(
			page
				.getByTestId('licence-note')
				.getByRole('link', { name: /Creative Commons/ })
				.getAttribute('href')
		).resolves.toBe('https://creativecommons.org/licenses/by/4.0/');
		await screenshots(page, 'organisation');

		await rows.first().getByRole('link').click();
		await page.waitForURL(new RegExp(`/projects/${seeded.skane.recordId}$`));
		await page.locator('[data-field="partners"]').getByRole('link', { name: 'Lunds universitet' }).click();
		await page.waitForURL(/\/organisations\/lunds-universitet$/);
		expect(await page.getByTestId('org-projects').locator('tbody tr').count()).toBe(2);
		await page.close();
	});

	it('lets an approver merge two name variants, which the public page then shows as one, and split them again', async () => {
		const approver = await contextSignedInAs(browser, app().sql, app().server.url, { role: 'approver' });
		const page = await approver.newPage();
		await gotoHydrated(page, `${app().server.url}/workspace/organisations?q=region+sk`);
		await page.getByLabel('Keep Region Skåne', { exact: true }).check();
		await page.getByLabel('Merge Region Skåne, Regional utveckling').check();
		await page.getByRole('button', { name: 'Merge ticked into the kept organisation' }).click();
		await page.getByTestId('org-result').getByText('Region Skåne, Regional utveckling merged into Region Skåne').waitFor();
		await screenshots(page, 'workspace-organisations');

		const visitor = await context.newPage();
		await visitor.goto(`${app().server.url}/organisations/region-skane-regional-utveckling`);
		await visitor.waitForURL(/\/organisations\/region-skane$/);
		expect(await visitor.getByTestId('org-variants').textContent()).toContain('Region Skåne, Regional utveckling');
		const titles = await visitor.getByTestId('org-projects').locator('tbody th a').allTextContents();
		expect(titles.sort()).toEqual(['Kompetenslyft Skåne', 'Regional kompetensplattform']);
		expect(await visitor.getByTestId('org-currencies').textContent()).toContain('14,500,000 SEK');

		await page.getByRole('button', { name: 'Split off Region Skåne, Regional utveckling' }).click();
		await page.getByTestId('org-result').getByText('Region Skåne, Regional utveckling split off from Region Skåne').waitFor();
		await visitor.reload();
		expect(await visitor.getByTestId('org-variants').count()).toBe(0);
		expect(await visitor.getByTestId('org-projects').locator('tbody tr').count()).toBe(1);
		await approver.close();
		await visitor.close();
	});

	it('refuses curation to an editor', async () => {
		const editor = await contextSignedInAs(browser, app().sql, app().server.url, { role: 'editor' });
		const page = await editor.newPage();
		await page.goto(`${app().server.url}/workspace/organisations`);
		expect(await page.getByRole('button', { name: /Merge/ }).count()).toBe(0);
		const res = await page.request.post(`${app().server.url}/workspace/organisations?/merge`, {
			form: { into: 'region-skane', merge: 'region-skane-regional-utveckling' },
			headers: { origin: app().server.url }
		});
		expect(res.status()).toBe(403);
		await editor.close();
	});

	it('shows the statistics without a bar for a group whose amounts are unknown', async () => {
		const page = await context.newPage();
		await page.goto(`${app().server.url}/stats`);
		const iceland = page.locator('[data-chart="chart-country"] g[data-bar="Iceland"]');
		expect(await iceland.getAttribute('data-empty')).toBe('true');
		expect(await iceland.locator('rect').count()).toBe(0);
		expect(await iceland.textContent()).toContain('1 without amount');
		expect(await page.locator('[data-chart="chart-country"] g[data-bar="Sweden"] rect').count()).toBe(1);
		const download = page.waitForEvent('download');
		await page.locator('[data-group="country"]').getByRole('link', { name: 'Download as CSV' }).click();
		expect((await download).suggestedFilename()).toBe('samla-funding-by-country.csv');
		await screenshots(page, 'stats');
		await page.close();
	});
});
