/** Debian's Chromium driven by playwright-core; `npx playwright install` cannot download browsers here. */
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
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

/** A browser context (made with `options`) whose cookie is a fresh session of a new user with that role. */
export async function contextSignedInAs(
	browser: Browser,
	db: Db | Sql,
	url: string,
	{ role, name }: { role: Role; name?: string },
	options: BrowserContextOptions = {}
): Promise<BrowserContext> {
	const user = await createTestUser(db, { role, name });
	const { token } = await createSession(asSql(db), user.id);
	const context = await browser.newContext(options);
	await context.addCookies([{ name: SESSION_COOKIE, value: token, url }]);
	return context;
}

/** A new person with the role, signed in, in a browser context of their own made with `options`. */
export type SignIn = (role: Role, name: string, options?: BrowserContextOptions) => Promise<BrowserContext>;

/** A spec file's Chromium: launched before its first test, closed after its last. Call at the top of the file. */
export function useBrowser(): { browser(): Browser; signingIn(at: () => { sql: Sql; url: string }): SignIn } {
	let launched: Browser | undefined;
	beforeAll(async () => {
		launched = await launchBrowser();
	});
	afterAll(async () => {
		await launched?.close();
	});
	const browser = () => {
		if (!launched) throw new Error('the browser is launched in beforeAll');
		return launched;
	};
	return {
		browser,
		/**
		 * Call in a suite: people signed in on the database and server `at()` names when they are made.
		 * Their contexts close when the suite ends, as their pages follow its server, which goes with it.
		 */
		signingIn(at) {
			const contexts: BrowserContext[] = [];
			afterAll(async () => {
				for (const c of contexts.splice(0)) await c.close().catch(() => {});
			});
			return async (role, name, options) => {
				const { sql, url } = at();
				const context = await contextSignedInAs(browser(), sql, url, { role, name }, options);
				contexts.push(context);
				return context;
			};
		}
	};
}
