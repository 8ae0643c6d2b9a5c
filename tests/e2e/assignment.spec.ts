/**
 * Assignment and the queue as a working view, in real browsers against the real server:
 * an assignment made on one person's record page shows at once on another person's open
 * queue and record page; "Assigned to me" and bulk assignment; a saved view with its count.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '../../src/lib/server/db/sql';
import { useBrowser } from '../helpers/browser';
import { validRecord } from '../helpers/records';
import { draftRecord } from '../helpers/records-sql';
import { describeServerEachDialect } from '../helpers/dialect-server';
import type { TestServer } from '../helpers/server';

let server: TestServer;
let db: Sql;
const chromium = useBrowser();

/** The id of the person signed in on this page, as the record page's "Assign to me" button carries it. */
async function myId(context: BrowserContext, recordId: string): Promise<string> {
	const page = await context.newPage();
	await page.goto(`${server.url}/workspace/records/${recordId}`);
	const id = await page.getByRole('button', { name: 'Assign to me' }).getAttribute('value');
	await page.close();
	return id!;
}

/** Marks the page so a test can tell a live update from a reload (a reload forgets the mark). */
const mark = (page: Page) => page.evaluate(() => ((window as unknown as { samlaMark: number }).samlaMark = 1));
const marked = (page: Page) => page.evaluate(() => (window as unknown as { samlaMark?: number }).samlaMark === 1);

async function openQueue(context: BrowserContext, query = ''): Promise<Page> {
	const page = await context.newPage();
	await page.goto(`${server.url}/workspace${query}`);
	// Hydrated, so the live feed is followed (it opens in onMount).
	await page.locator('[data-live-queue][data-connected]').waitFor({ timeout: 10_000 });
	return page;
}

/** A record page whose assignment panel is hydrated and follows the live feed. */
async function openRecord(context: BrowserContext, recordId: string): Promise<Page> {
	const page = await context.newPage();
	await page.goto(`${server.url}/workspace/records/${recordId}`);
	await page.locator('section[aria-labelledby="assignment-heading"][data-live]').waitFor({ timeout: 10_000 });
	return page;
}

/** The open queue page moved to `query` and hydrated again, so what is typed next is not reset. */
async function reopenQueue(page: Page, query = ''): Promise<void> {
	await page.goto(`${server.url}/workspace${query}`);
	await page.locator('[data-live-queue][data-connected]').waitFor({ timeout: 10_000 });
}

describeServerEachDialect('assignment and the queue', {}, (app) => {
	beforeAll(() => {
		({ server, sql: db } = app());
	});
	const signedIn = chromium.signingIn(() => ({ sql: db, url: server.url }));

	describe('assignment', () => {
		it('shows a record handed over on one page at once on another person’s open queue and record page', async () => {
			const id = await draftRecord(db, validRecord({ title: 'Levande tilldelning Gotland' }));
			const lead = await signedIn('approver', 'Lena Lead');
			const reviewer = await signedIn('editor', 'Rasmus Reviewer');
			const rasmus = await myId(reviewer, id);

			const queue = await openQueue(reviewer, '?q=Levande+tilldelning');
			const record = await openRecord(reviewer, id);
			await Promise.all([mark(queue), mark(record)]);
			expect(await queue.locator(`[data-row="${id}"] [data-assignee]`).getAttribute('data-assignee')).toBe('');

			const leadPage = await openRecord(lead, id);
			await leadPage.getByLabel('Assign to').selectOption({ label: 'Rasmus Reviewer' });
			await leadPage.getByRole('button', { name: 'Assign', exact: true }).click();
			await expect.poll(() => leadPage.locator('[data-assigned-to]').getAttribute('data-assigned-to')).toBe(rasmus);

			await expect
				.poll(() => queue.locator(`[data-row="${id}"] [data-assignee]`).getAttribute('data-assignee'), { timeout: 10_000 })
				.toBe(rasmus);
			expect(await queue.locator(`[data-row="${id}"] [data-assignee]`).textContent()).toContain('Rasmus Reviewer (you)');
			await expect.poll(() => record.locator('[data-assigned-to]').getAttribute('data-assigned-to'), { timeout: 10_000 }).toBe(rasmus);
			expect(await marked(queue)).toBe(true);
			expect(await marked(record)).toBe(true);
		}, 90_000);

		it('filters the queue to what is assigned to me, or to nobody, after a bulk assignment', async () => {
			const titles = ['Filtrerad Alfa', 'Filtrerad Beta', 'Filtrerad Gamma'];
			const ids: string[] = [];
			for (const title of titles) ids.push(await draftRecord(db, validRecord({ title })));
			const editor = await signedIn('editor', 'Frida Filter');
			const page = await openQueue(editor, '?q=Filtrerad');
			expect(await page.locator('[data-row]').count()).toBe(3);
			await page.getByLabel('Select Filtrerad Alfa').check();
			await page.getByLabel('Select Filtrerad Gamma').check();
			await page.getByTestId('bulk-assignee').selectOption({ label: 'Frida Filter' });
			await page.getByRole('button', { name: 'Assign selected (2)' }).click();
			await page.getByText('2 of 2 assigned.').waitFor();
			expect(await page.locator('[data-result="assigned"]').count()).toBe(2);

			await page.locator('select[name="assigned"]').selectOption({ label: 'Assigned to me' });
			await page.getByRole('button', { name: 'Filter' }).click();
			await page.waitForURL(/assigned=me/);
			await expect.poll(() => page.locator('[data-row]').count()).toBe(2);
			expect(await page.locator(`[data-row="${ids[1]}"]`).count()).toBe(0);

			await page.locator('select[name="assigned"]').selectOption({ label: 'Unassigned' });
			await page.getByRole('button', { name: 'Filter' }).click();
			await page.waitForURL(/assigned=none/);
			await expect.poll(() => page.locator('[data-row]').count()).toBe(1);
			expect(await page.locator(`[data-row="${ids[1]}"]`).count()).toBe(1);

			// The queue's keys still work: j moves to the first record.
			await page.locator('h1').click();
			await page.keyboard.press('j');
			await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-row]')?.getAttribute('data-row'))).toBe(ids[1]);
			await page.keyboard.press('?');
			await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
		}, 90_000);
	});

	describe('saved views', () => {
		it('saves the filters and sort as a view that survives a reload, opens it, and keeps its count live', async () => {
			const first = await draftRecord(db, validRecord({ title: 'Vyprojekt Ett' }));
			const second = await draftRecord(db, validRecord({ title: 'Vyprojekt Två' }));
			const editor = await signedIn('editor', 'Vilma View');
			const vilma = await myId(editor, first);
			const page = await openQueue(editor, '?q=Vyprojekt');
			await page.getByLabel('Select Vyprojekt Ett').check();
			await page.getByTestId('bulk-assignee').selectOption({ label: 'Vilma View' });
			await page.getByRole('button', { name: 'Assign selected (1)' }).click();
			await page.getByText('1 of 1 assigned.').waitFor();

			await reopenQueue(page, '?q=Vyprojekt&assigned=me&sort=confidence');
			await page.getByLabel('Save these filters and sort as').fill('Mina vyprojekt');
			await page.getByRole('button', { name: 'Save view' }).click();
			const view = page.locator('[data-view="Mina vyprojekt"]');
			await view.waitFor();
			expect(await view.locator('[data-view-count]').textContent()).toBe('1');
			expect(await view.locator('a').getAttribute('aria-current')).toBe('page');

			await page.goto(`${server.url}/workspace`);
			await page.reload();
			// Hydrated before the mark: a click on the view before that would load a new page and lose it.
			await page.locator('[data-live-queue][data-connected]').waitFor({ timeout: 10_000 });
			expect(await view.locator('a').getAttribute('aria-current')).toBeNull();
			await mark(page);
			await view.locator('a').click();
			await page.waitForURL(/assigned=me/);
			expect(new URL(page.url()).searchParams.get('sort')).toBe('confidence');
			expect(await view.locator('a').getAttribute('aria-current')).toBe('page');
			await expect.poll(() => page.locator('[data-row]').count()).toBe(1);
			expect(await page.locator(`[data-row="${first}"]`).count()).toBe(1);

			// Someone else hands her the second record: the list and the view's count follow without a reload.
			const lead = await signedIn('approver', 'Lars Lead');
			const other = await openRecord(lead, second);
			await other.getByLabel('Assign to').selectOption(vilma);
			await other.getByRole('button', { name: 'Assign', exact: true }).click();
			await expect.poll(() => view.locator('[data-view-count]').textContent(), { timeout: 10_000 }).toBe('2');
			await expect.poll(() => page.locator('[data-row]').count()).toBe(2);
			expect(await marked(page)).toBe(true);

			await page.getByRole('button', { name: 'Delete the view Mina vyprojekt' }).click();
			await expect.poll(() => view.count()).toBe(0);
		}, 90_000);
	});
});
