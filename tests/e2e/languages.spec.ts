/**
 * The pages in four languages in a real browser: the person's own setting decides the
 * workspace's language over the browser's, <html lang> follows, and a visitor without an
 * account reads the public pages in the language the browser asks for.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import type { Sql } from '../../src/lib/server/db/sql';
import { createApproved } from '../helpers/approved';
import { gotoHydrated, launchBrowser } from '../helpers/browser';
import { validRecord } from '../helpers/records';
import { draftRecord } from '../helpers/records-sql';
import { describeServerEachDialect } from '../helpers/dialect-server';
import type { TestServer } from '../helpers/server';
import { createTestUser } from '../helpers/users';

let server: TestServer;
let browser: Browser;
let db: Sql;

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

/** A browser that asks for `acceptLanguage`, signed in as a new editor. */
async function editorBrowser(acceptLanguage: string): Promise<BrowserContext> {
	const user = await createTestUser(db, { role: 'editor', name: 'Åsa Redaktör' });
	const context = await browser.newContext({
		locale: acceptLanguage.split(',')[0],
		extraHTTPHeaders: { 'Accept-Language': acceptLanguage }
	});
	await context.addCookies([{ name: SESSION_COOKIE, value: (await createSession(db, user.id)).token, url: server.url }]);
	return context;
}

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

async function chooseLanguage(page: Page, name: string) {
	await gotoHydrated(page, `${server.url}/workspace/account`);
	await page.getByTestId('language-setting').selectOption({ label: name });
	await page.getByTestId('language-setting').locator('xpath=following-sibling::button').click();
	await page.waitForLoadState('load');
}

describeServerEachDialect('the pages in four languages', {}, (app) => {
	beforeAll(() => {
		({ server, sql: db } = app());
	});

	describe('the workspace in the language the person chose', () => {
		it('follows the browser until the person chooses, then their setting: Swedish, then Danish, from a Norwegian browser', async () => {
			const id = await draftRecord(db, validRecord({ title: 'Kompetenslyft i Skåne' }));
			const context = await editorBrowser('nb-NO,nb;q=0.9,en;q=0.5');
			const page = await context.newPage();
			try {
				await page.goto(`${server.url}/workspace`);
				expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Gjennomgangskø');
				expect(await htmlLang(page)).toBe('nb');

				await chooseLanguage(page, 'Svenska');
				expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Mitt konto');
				expect(await page.getByRole('status').textContent()).toBe('Sparat.');
				expect(await htmlLang(page)).toBe('sv');

				await page.goto(`${server.url}/workspace`);
				expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Granskningskö');
				expect(await page.getByRole('button', { name: 'Filtrera' }).count()).toBe(1);
				expect(await page.getByRole('button', { name: 'Logga ut' }).count()).toBe(1);
				expect(await htmlLang(page)).toBe('sv');

				await page.goto(`${server.url}/workspace/records/${id}`);
				await expect.poll(() => page.getByRole('heading', { name: 'Fält' }).count()).toBe(1);
				expect(await page.getByRole('heading', { name: 'Kommentarer' }).count()).toBe(1);
				expect(await page.locator('#label-owner').textContent()).toContain('Projektägare');
				expect(await page.getByRole('button', { name: 'Begär granskning' }).count()).toBe(1);
				expect(await htmlLang(page)).toBe('sv');

				await chooseLanguage(page, 'Dansk');
				expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Min konto');
				expect(await htmlLang(page)).toBe('da');

				await page.goto(`${server.url}/workspace`);
				expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Gennemsynskø');
				expect(await page.getByRole('link', { name: 'Dokumenter' }).count()).toBe(1);
				expect(await htmlLang(page)).toBe('da');

				await page.goto(`${server.url}/workspace/records/${id}`);
				await expect.poll(() => page.getByRole('heading', { name: 'Felter' }).count()).toBe(1);
				expect(await page.locator('#label-owner').textContent()).toContain('Projektejer');
				expect(await page.getByRole('button', { name: 'Bed om gennemsyn' }).count()).toBe(1);
				expect(await htmlLang(page)).toBe('da');

				// A validation hint in the reader's language, the same that blocks approval.
				const wrongDates = await draftRecord(db, validRecord({ title: 'Forkerte datoer', startDate: '2025-06-01', endDate: '2025-01-01' }));
				await page.goto(`${server.url}/workspace/records/${wrongDates}`);
				await expect.poll(() => page.locator('#hint-endDate').textContent()).toBe('Slutdatoen ligger før startdatoen (2025-06-01).');

				await page.goto(`${server.url}/workspace/documents`);
				expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Dokumenter');

				// Back to following the browser.
				await chooseLanguage(page, 'Som browseren angiver');
				expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Min konto');
				expect(await htmlLang(page)).toBe('nb');
			} finally {
				await context.close();
			}
		});

		it('refuses a language it does not have, with a clear message, and keeps the setting', async () => {
			const context = await editorBrowser('sv-SE');
			const page = await context.newPage();
			try {
				await page.goto(`${server.url}/workspace/account`);
				const answer = await page.request.post(`${server.url}/workspace/account?/setLanguage`, {
					form: { lang: 'fi' },
					headers: { origin: server.url, accept: 'application/json' }
				});
				expect(answer.status()).toBe(200);
				expect(JSON.stringify(await answer.json())).toContain('Välj ett av språken i listan.');
				await page.reload();
				expect(await page.getByTestId('language-setting').inputValue()).toBe('');
				expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Mitt konto');
			} finally {
				await context.close();
			}
		});
	});

	describe('the public pages for a visitor without an account', () => {
		it('are in Danish when the browser asks for Danish, numbers and dates too', async () => {
			const { recordId: id } = await createApproved(db, {
				record: { title: 'Grøn omstilling i Øresund', amount: { value: 2_500_000, currency: 'DKK' } }
			});
			const context = await browser.newContext({ locale: 'da-DK', extraHTTPHeaders: { 'Accept-Language': 'da-DK,da;q=0.9,en;q=0.8' } });
			const page = await context.newPage();
			try {
				await page.goto(`${server.url}/projects/${id}`);
				expect(await htmlLang(page)).toBe('da');
				expect(await page.getByRole('link', { name: 'Projekter', exact: true }).count()).toBeGreaterThan(0);
				expect(await page.getByRole('heading', { name: 'Godkendte versioner' }).count()).toBe(1);
				const text = (await page.locator('main').textContent())!.replace(/[\u202f\u00a0]/g, ' ');
				expect(text).toContain('Bevilget beløb');
				expect(text).toContain('2.500.000 DKK');
				expect(text).toMatch(
					/Version 1, godkendt \d{1,2}\. (januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december) \d{4}/
				);
				await page.goto(`${server.url}/?lang=sv`);
				expect(await htmlLang(page)).toBe('sv');
				expect(await page.getByRole('link', { name: 'Dansk' }).count()).toBe(1);
			} finally {
				await context.close();
			}
		});
	});
});
