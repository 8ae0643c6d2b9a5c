/**
 * What editors are told in the browser (issue 14, items 7, 8 and 10): what blocks approval,
 * before and on asking for review; a paste over a field's limit, at once; a restore, after it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role } from '../../src/lib/server/auth/roles';
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

/** An edit or action goes to the server and its answer comes back over the socket: slower on a loaded machine, so waited for, not timed. */
const ROUND_TRIP = { timeout: 10_000 };

describeServerEachDialect('the record page tells editors', {}, (app) => {
	async function openRecord(role: Role, name: string, id: string): Promise<Page> {
		const { server, sql } = app();
		const page = await (await contextSignedInAs(browser, sql, server.url, { role, name })).newPage();
		await page.goto(`${server.url}/workspace/records/${id}`);
		await page.locator('[data-connection="connected"]').waitFor({ timeout: 10_000 });
		return page;
	}

	it('what blocks approval before they ask for review, and warns when they ask anyway', async () => {
		const id = await draftRecord(app().sql, validRecord({ title: 'Attract2Tech', startDate: '2024-02-30', nuts: 'XX99' }));
		const editor = await openRecord('editor', 'Elin Editor', id);
		const blockers = editor.getByTestId('approval-blockers');
		await blockers.waitFor();
		expect(await blockers.textContent()).toContain('Start date: 2024-02-30 is not a day in the calendar');
		expect(await blockers.textContent()).toContain('NUTS code: XX99 is not a NUTS 2021 code');
		expect(await editor.locator('[data-field="nuts"] [data-hint]').textContent()).toContain('XX99 is not a NUTS 2021 code');
		await editor.getByRole('button', { name: 'Ask for review' }).click();
		await expect.poll(() => editor.locator('[data-review]').getAttribute('data-review')).toBe('in_review');
		await expect
			.poll(() => editor.getByRole('alert').first().textContent())
			.toContain('approval stays blocked until the 2 problems listed below are fixed');
		// The warning points to the list of problems: it stays under the warning while the record is in review.
		expect(await blockers.textContent()).toContain('Start date: 2024-02-30 is not a day in the calendar');
		expect(await blockers.textContent()).toContain('NUTS code: XX99 is not a NUTS 2021 code');
	});

	it('that a paste over the limit was cut, and what was cut', async () => {
		const id = await draftRecord(app().sql, validRecord({ title: 'Kort titel' }));
		const editor = await openRecord('editor', 'Petra Paste', id);
		const title = editor.locator('[data-field="title"] input').first();
		await title.click();
		await title.press('ControlOrMeta+a');
		await editor.keyboard.insertText('x'.repeat(100_000));
		const notice = editor.locator('[data-field="title"] [data-cut]');
		await notice.waitFor();
		expect(await notice.textContent()).toContain('Cut to 500 characters; 99,500 not kept.');
		expect(await title.inputValue()).toHaveLength(500);
		expect(await notice.locator('textarea').inputValue()).toHaveLength(99_500);
		await editor.reload();
		await editor.locator('[data-connection="connected"]').waitFor({ timeout: 10_000 });
		expect(await editor.locator('[data-field="title"] input').first().inputValue()).toBe('x'.repeat(500));
		expect(await editor.locator('[data-field="title"] [data-counter]').textContent()).toContain('500 / 500 characters');
	});

	it('what a restore did, after it', async () => {
		const id = await draftRecord(app().sql, validRecord({ title: 'Version ett', cofinancingRate: 0.5 }));
		const approver = await openRecord('approver', 'Anna Approver', id);
		// The form's answer reloads the page data and then moves focus (SvelteKit's applyAction): type after that.
		const reloaded = approver.waitForResponse((r) => r.url().includes('__data.json'));
		await approver.getByRole('button', { name: 'Approve v1' }).click();
		await reloaded;
		await expect.poll(() => approver.locator('[data-approval]').getAttribute('data-approval'), ROUND_TRIP).toBe('1');
		await approver.locator('[data-field="title"] input').first().fill('Version två');
		await expect.poll(() => approver.locator('[data-field="title"] input').first().inputValue()).toBe('Version två');
		await expect.poll(() => approver.locator('[data-review]').getAttribute('data-review'), ROUND_TRIP).toBe('draft');
		await approver.getByRole('button', { name: 'Approve v2' }).click();
		await expect.poll(() => approver.locator('[data-approval]').getAttribute('data-approval'), ROUND_TRIP).toBe('2');
		await approver.getByRole('link', { name: 'History and diff' }).click();
		await approver.getByRole('button', { name: 'Restore v1 as a new draft' }).click();
		const done = approver.locator('[data-restored="1"]');
		await done.waitFor();
		expect((await done.textContent())?.replace(/\s+/g, ' ')).toContain('Restored v1 as a new edit: Title changed back.');
		await approver.locator('[data-connection="connected"]').waitFor({ timeout: 10_000 });
		expect(await approver.locator('[data-field="title"] input').first().inputValue()).toBe('Version ett');
	});
});
