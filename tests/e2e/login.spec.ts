/** Signing in and out in a real browser, with and without JavaScript. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { PLAIN_HTTP_ENV, PLAIN_HTTP_HEADERS } from '../auth/http-client';
import { launchBrowser } from '../helpers/browser';
import { describeServerEachDialect } from '../helpers/dialect-server';
import { createTestUser, TEST_PASSWORD, type TestUser } from '../helpers/users';

let browser: Browser;

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

describeServerEachDialect('signing in', { env: PLAIN_HTTP_ENV }, (app) => {
	let editor: TestUser;
	beforeAll(async () => {
		editor = await createTestUser(app().sql, { role: 'editor', name: 'Edith Editor' });
	});

	describe.each([
		['with JavaScript', true],
		['without JavaScript', false]
	])('%s', (_, javaScriptEnabled) => {
		it('goes to sign-in from the workspace, shows one message for a wrong password, comes back signed in, and signs out', async () => {
			const context = await browser.newContext({ javaScriptEnabled, extraHTTPHeaders: PLAIN_HTTP_HEADERS });
			const page = await context.newPage();
			try {
				await page.goto(`${app().server.url}/workspace`);
				expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/login?redirectTo=%2Fworkspace');
				await expect.poll(() => page.locator('header').getByRole('link', { name: 'Sign in' }).count()).toBe(1);

				await page.getByLabel('E-mail address').fill(editor.email);
				await page.getByLabel('Password').fill('not my password');
				await page.getByRole('button', { name: 'Sign in' }).click();
				await expect.poll(() => page.getByRole('alert').textContent()).toBe('Wrong e-mail address or password.');
				expect(await page.getByLabel('E-mail address').inputValue()).toBe(editor.email);

				await page.getByLabel('Password').fill(TEST_PASSWORD);
				await page.getByRole('button', { name: 'Sign in' }).click();
				await page.waitForURL(`${app().server.url}/workspace`);
				const who = page.getByTestId('signed-in-user');
				await expect.poll(() => who.textContent()).toMatch(/Edith Editor\s*editor/);
				expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
				const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE)!;
				expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false, path: '/' });

				await page.getByRole('button', { name: 'Sign out' }).click();
				await page.waitForURL(`${app().server.url}/`);
				await expect.poll(() => page.locator('header').getByRole('link', { name: 'Sign in' }).count()).toBe(1);
				expect(await who.count()).toBe(0);
				expect((await context.cookies()).some((c) => c.name === SESSION_COOKIE)).toBe(false);
				await page.goto(`${app().server.url}/workspace`);
				expect(new URL(page.url()).pathname).toBe('/login');
			} finally {
				await context.close();
			}
		});
	});
});
