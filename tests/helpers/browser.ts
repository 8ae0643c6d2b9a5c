/** Debian's Chromium driven by playwright-core; `npx playwright install` cannot download browsers here. */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Role } from '../../src/lib/server/auth/roles';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import type { Db } from '../../src/lib/server/db/client';
import type { Sql } from '../../src/lib/server/db/sql';
import { asSql, createTestUser } from './users';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM_PATH,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-quic',
			'--no-first-run',
			'--disable-component-update',
			'--disable-sync'
		]
	});
}

/**
 * Opens a page and waits until its scripts have taken over (the root layout marks
 * `<html data-hydrated>`): a value typed or chosen before that can be reset by hydration,
 * and a click becomes a plain form post.
 */
export async function gotoHydrated(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await page.locator('html[data-hydrated]').waitFor();
}

/** A browser context whose cookie is a fresh session of a new user with that role. */
export async function contextSignedInAs(
	browser: Browser,
	db: Db | Sql,
	url: string,
	{ role, name }: { role: Role; name?: string }
): Promise<BrowserContext> {
	const user = await createTestUser(db, { role, name });
	const { token } = await createSession(asSql(db), user.id);
	const context = await browser.newContext();
	await context.addCookies([{ name: SESSION_COOKIE, value: token, url }]);
	return context;
}
