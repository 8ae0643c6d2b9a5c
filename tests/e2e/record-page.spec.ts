import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { describeServerEachDialect } from '../helpers/dialect-server';
import { signedInAs } from '../helpers/users';

const SEEDS = new URL('../../seeds', import.meta.url).pathname;

let browser: Browser;

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

describeServerEachDialect('browsing ingested records', { seedsDir: SEEDS }, (app) => {
	let cookie: { name: string; value: string };
	beforeAll(async () => {
		({ cookie } = await signedInAs(app().sql, 'viewer'));
	});

	async function viewerContext(options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
		const context = await browser.newContext(options);
		await context.addCookies([{ ...cookie, url: app().server.url }]);
		return context;
	}

	it('lists the seeded records, filters them, and opens one with its source spans highlighted', async () => {
		const context = await viewerContext();
		const page = await context.newPage();
		await page.goto(`${app().server.url}/workspace`);
		await expect.poll(() => page.locator('tbody tr').count()).toBeGreaterThanOrEqual(14);
		// The page is hydrated and its live feed open: a reload from the feed cannot race the typing.
		await page.locator('[data-live-queue][data-connected]').waitFor({ timeout: 15_000 });

		await page.fill('input[name=q]', 'CompCor');
		await page.getByRole('button', { name: 'Filter', exact: true }).click();
		await page.waitForURL(/q=CompCor/);
		expect(await page.locator('tbody tr').count()).toBe(1);

		await page.click('a:has-text("CompCor")');
		await page.waitForURL(/\/workspace\/records\//);
		expect(await page.locator('h1').textContent()).toContain('CompCor');
		const source = page.locator('#source');
		expect(await source.textContent()).toContain('Europeiska socialfonden har beviljat projektet CompCor');
		expect(await source.locator('mark.span').count()).toBeGreaterThan(3);
		expect(await source.locator('mark.active').count()).toBe(0);

		await page.click('[data-field="amount"] dt a');
		const active = source.locator('mark.active');
		await expect.poll(() => active.count()).toBeGreaterThan(0);
		expect(await active.first().textContent()).toMatch(/8,8 miljoner/);
		expect(page.url()).toContain('field=amount');
		await context.close();
	});

	it('highlights the chosen field without JavaScript, from the URL', async () => {
		const context = await viewerContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(`${app().server.url}/workspace?q=CoSkill`);
		const href = await page.locator('tbody a').first().getAttribute('href');
		await page.goto(`${app().server.url}${href}?field=owner`);
		const active = page.locator('#source mark.active');
		expect(await active.count()).toBeGreaterThan(0);
		expect(await active.first().textContent()).toContain('Region Skåne');
		await context.close();
	});

	it('answers an unknown record id with 404, and sends a signed-out reader to sign in', async () => {
		const res = await fetch(`${app().server.url}/workspace/records/does-not-exist`, {
			headers: { cookie: `${cookie.name}=${cookie.value}` }
		});
		expect(res.status).toBe(404);
		const anonymous = await fetch(`${app().server.url}/workspace`, { redirect: 'manual' });
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toMatch(/^\/login\?redirectTo=/);
	});
});
