/** An editor corrects a record and asks for review; an approver finds it in the queue, approves it, and sees v1 in history. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role } from '../../src/lib/server/auth/roles';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { contextSignedInAs, launchBrowser } from '../helpers/browser';
import { describeServerEachDialect } from '../helpers/dialect-server';
import { validRecord } from '../helpers/records';
import { draftRecord } from '../helpers/records-sql';
import { createTestUser } from '../helpers/users';

let browser: Browser;

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

describeServerEachDialect('review and approval in the browser', {}, (app) => {
	let recordId: string;
	beforeAll(async () => {
		recordId = await draftRecord(app().sql, validRecord({ title: 'Digitalt lyft Norrbotten', owner: 'Luleå tekniska universitet' }));
	});

	async function signedIn(role: Role, name: string): Promise<Page> {
		return (await contextSignedInAs(browser, app().sql, app().server.url, { role, name })).newPage();
	}

	it('goes from an editor’s correction to an approved version in history', async () => {
		const editor = await signedIn('editor', 'Elin Editor');
		await editor.goto(`${app().server.url}/workspace/records/${recordId}`);
		await editor.locator('[data-connection="connected"]').waitFor({ timeout: 10_000 });
		const owner = editor.locator('[data-field="owner"]').locator('input, textarea').first();
		await owner.fill('Luleå tekniska universitet (LTU)');
		await expect.poll(() => editor.locator('[data-field="owner"] [data-changed-by]').count()).toBe(1);
		await editor.getByRole('button', { name: 'Ask for review' }).click();
		await expect.poll(() => editor.locator('[data-review]').getAttribute('data-review')).toBe('in_review');

		const approver = await signedIn('approver', 'Anna Approver');
		await approver.goto(`${app().server.url}/workspace`);
		const queued = approver.locator('section[aria-labelledby="group-in_review"] [data-row]');
		await expect.poll(() => queued.count()).toBe(1);
		await queued.locator('a.record-link').click();
		await approver.waitForURL(new RegExp(`/workspace/records/${recordId}`));
		await approver.locator('[data-connection="connected"]').waitFor({ timeout: 10_000 });
		expect(await approver.locator('[data-field="owner"] input, [data-field="owner"] textarea').first().inputValue()).toBe(
			'Luleå tekniska universitet (LTU)'
		);
		await approver.getByLabel('Note (optional)').fill('Kontrollerad mot källan');
		await approver.getByRole('button', { name: 'Approve v1' }).click();
		await expect.poll(() => approver.locator('[data-approval]').getAttribute('data-approval')).toBe('1');
		// The editor's open page sees the approval live.
		await expect.poll(() => editor.locator('[data-review]').getAttribute('data-review')).toBe('approved');

		await approver.getByRole('link', { name: 'History and diff' }).click();
		const v1 = approver.locator('[data-version="1"]');
		await v1.waitFor();
		expect(await v1.textContent()).toContain('Anna Approver');
		expect(await v1.textContent()).toContain('Kontrollerad mot källan');
	});

	it('lets an editor comment on a field and shows it live to the other', async () => {
		const a = await signedIn('editor', 'Cecilia Commenter');
		const b = await signedIn('editor', 'Bertil Reader');
		for (const p of [a, b]) {
			await p.goto(`${app().server.url}/workspace/records/${recordId}`);
			await p.locator('[data-connection="connected"]').waitFor({ timeout: 10_000 });
		}
		await a.getByLabel('Comment on', { exact: true }).selectOption('amount');
		await a.getByLabel('Comment', { exact: true }).fill('Är beloppet i SEK eller EUR?');
		await a.getByRole('button', { name: 'Add comment' }).click();
		await expect.poll(() => b.locator('[data-comment]').count(), { timeout: 5_000 }).toBe(1);
		expect(await b.locator('[data-field="amount"] [data-open-comment]').count()).toBe(1);
	});

	it('removes a list element as an edit that is stored', async () => {
		const page = await signedIn('editor', 'Rut Remover');
		await page.goto(`${app().server.url}/workspace/records/${recordId}`);
		await page.locator('[data-connection="connected"]').waitFor({ timeout: 10_000 });
		const regions = page.locator('[data-field="regions"] input');
		expect(await regions.count()).toBe(1);
		await page.getByRole('button', { name: 'Remove Regions 1' }).click();
		await expect.poll(() => regions.count()).toBe(0);
		await page.reload();
		await page.locator('[data-connection="connected"]').waitFor({ timeout: 10_000 });
		expect(await regions.count()).toBe(0);
	});

	it('answers an editor who posts the approve action with 403 and writes no version', async () => {
		const user = await createTestUser(app().sql, { role: 'editor' });
		const { token } = await createSession(app().sql, user.id);
		const res = await fetch(`${app().server.url}/workspace/records/${recordId}?/approve`, {
			method: 'POST',
			headers: { cookie: `${SESSION_COOKIE}=${token}`, origin: app().server.url, 'content-type': 'application/x-www-form-urlencoded' },
			body: 'expectedVersion=1'
		});
		expect(res.status).toBe(403);
	});
});
