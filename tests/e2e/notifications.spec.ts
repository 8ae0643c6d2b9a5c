/** A mention in a comment reaches another signed-in person live: their bell's count changes without a reload. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { contextSignedInAs, launchBrowser } from '../helpers/browser';
import { describeServerEachDialect } from '../helpers/dialect-server';
import { validRecord } from '../helpers/records';
import { draftRecord } from '../helpers/records-sql';

let browser: Browser;

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

describeServerEachDialect('mentions and the notification bell', {}, (app) => {
	let recordId: string;
	beforeAll(async () => {
		recordId = await draftRecord(app().sql, validRecord({ title: 'Gröna hamnar Göteborg' }));
	});

	// Two people, two pages and typing: on a loaded CI machine this outlasts the 30 s default.
	it('shows a mention to the person mentioned at once, and clears when read', async () => {
		const { server, sql } = app();
		const bea = await (await contextSignedInAs(browser, sql, server.url, { role: 'editor', name: 'Bea Bell' })).newPage();
		await bea.goto(`${server.url}/workspace`);
		// Her bell's stream is open: what follows must reach her live, not on connecting.
		await bea.locator('[data-testid="notification-bell"][data-live]').waitFor();
		const count = bea.getByTestId('notification-count');
		expect(await count.count()).toBe(0);

		const ana = await (await contextSignedInAs(browser, sql, server.url, { role: 'editor', name: 'Ana Author' })).newPage();
		await ana.goto(`${server.url}/workspace/records/${recordId}`);
		// Hydrated and connected: keys typed before that never reach the mention autocomplete.
		await ana.locator('[data-connection="connected"]').waitFor();
		const box = ana.locator('#comment-body');
		await box.click();
		await box.pressSequentially('Could @be');
		const option = ana.getByRole('listbox').getByRole('option', { name: 'Bea Bell' });
		await option.waitFor();
		await box.press('Enter');
		await box.pressSequentially('check the amount?');
		expect(await box.inputValue()).toBe('Could @Bea Bell check the amount?');
		await ana.getByRole('button', { name: 'Add comment' }).click();
		await ana.getByText('Could @Bea Bell check the amount?').waitFor();

		// Bea's page was not reloaded: the count arrives over the event stream.
		await expect.poll(() => count.textContent(), { timeout: 10_000 }).toBe('1');
		await bea.getByTestId('notification-bell').click();
		await bea.waitForURL(/\/workspace\/notifications$/);
		const item = bea.getByRole('link', { name: 'Ana Author mentioned you on “Gröna hamnar Göteborg”' });
		await item.waitFor();
		await bea.getByRole('button', { name: 'Mark all read' }).click();
		await expect.poll(() => count.count(), { timeout: 10_000 }).toBe(0);
		await item.click();
		await bea.waitForURL(new RegExp(`/workspace/records/${recordId}#comment-`));
	}, 90_000);
});
