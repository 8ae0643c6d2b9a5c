/** /workspace/tokens in a real browser: a token made on the page works on the API once, shown once, and stops when revoked. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { contextSignedInAs, gotoHydrated, launchBrowser } from '../helpers/browser';
import { describeServerEachDialect } from '../helpers/dialect-server';

let browser: Browser;

beforeAll(async () => {
	browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
	await browser?.close();
});

describeServerEachDialect('API tokens page', {}, (app) => {
	it('creates a token shown once, which the API accepts until it is revoked', async () => {
		const { server, sql } = app();
		const context = await contextSignedInAs(browser, sql, server.url, { role: 'editor', name: 'Tove Token' });
		const page = await context.newPage();
		await page.setViewportSize({ width: 1280, height: 800 });
		await gotoHydrated(page, `${server.url}/workspace/tokens`);
		await page.getByLabel('Name (what will use it)').fill('nightly import');
		await page.getByRole('button', { name: 'Create token' }).click();
		const shown = page.getByLabel('The new token');
		await shown.waitFor();
		const token = await shown.inputValue();
		expect(token).toMatch(/^samla_/);
		const shots = process.env.SAMLA_SCREENSHOTS;
		if (shots) {
			await page.screenshot({ path: `${shots}/tokens-1280.png`, fullPage: true });
			await page.setViewportSize({ width: 390, height: 800 });
			await page.screenshot({ path: `${shots}/tokens-390.png`, fullPage: true });
		}
		const api = () => fetch(`${server.url}/api/documents`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
		expect(await api()).toBe(200);

		await page.reload();
		expect(await page.getByLabel('The new token').count()).toBe(0);
		expect(await page.content()).not.toContain(token);
		await page.getByRole('button', { name: 'Revoke' }).click();
		await page.getByText(/revoked/).waitFor();
		expect(await api()).toBe(401);
		await context.close();
	}, 120_000);
});
