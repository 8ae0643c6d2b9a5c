/**
 * Every page at phone width, in real Chromium: nothing scrolls sideways at 360 px, the
 * header's controls stay on screen at 390 px, and long unbroken text (a 500-character
 * title, a long summary) wraps instead of widening the page.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { eq } from 'drizzle-orm';
import { createApproved } from '../helpers/approved';
import { launchBrowser } from '../helpers/browser';
import { describeServerEachDialect } from '../helpers/dialect-server';
import { validRecord } from '../helpers/records';
import { draftRecord } from '../helpers/records-sql';
import { createTestUser } from '../helpers/users';
import { eventually } from '../scaleout/processes';

const LONG_WORD = 'Ö'.repeat(250) + 'x'.repeat(250);
const LONG_SUMMARY = 'Långt'.repeat(4000);
/** Screenshots for a person to look at; not compared. */
const SHOTS = join(tmpdir(), 'samla-phone-shots');

let browser: Browser;

// One browser for both dialects' servers.
beforeAll(async () => {
	browser = await launchBrowser();
	mkdirSync(SHOTS, { recursive: true });
}, 120_000);
afterAll(async () => {
	await browser?.close();
});

describeServerEachDialect('every page', {}, (app) => {
	let adminCookie: string;
	let editorCookie: string;
	let draftId: string;
	let documentId: string;
	let publicId: string;

	beforeAll(async () => {
		const { server, sql } = app();
		const admin = await createTestUser(sql, { role: 'admin', name: `Admin ${'N'.repeat(90)}` });
		const editor = await createTestUser(sql, { role: 'editor' });
		adminCookie = (await createSession(sql, admin.id)).token;
		editorCookie = (await createSession(sql, editor.id)).token;
		draftId = await draftRecord(sql, validRecord({ title: LONG_WORD, summary: LONG_SUMMARY, partners: [LONG_WORD] }));
		const { records } = sql.t;
		[{ id: documentId }] = await sql.db.select({ id: records.documentId }).from(records).where(eq(records.id, draftId));
		publicId = (
			await createApproved(sql, {
				record: validRecord({ title: LONG_WORD, summary: LONG_SUMMARY, owner: LONG_WORD, regions: [LONG_WORD] }),
				quotes: [{ field: 'summary', snippet: LONG_SUMMARY.slice(0, 3000) }],
				document: { title: LONG_WORD, sourceUrl: `https://example.org/${'p'.repeat(400)}` }
			})
		).recordId;
		// On PostgreSQL the server's search index follows the database within a second: the home page must list the project.
		await eventually(async () => (await (await fetch(`${server.url}/api/projects`)).json()).total === 1, 10_000, 'the project searchable');
	}, 120_000);

	async function context(cookie: string | null, width: number): Promise<BrowserContext> {
		const ctx = await browser.newContext({ viewport: { width, height: 800 } });
		if (cookie) await ctx.addCookies([{ name: SESSION_COOKIE, value: cookie, url: app().server.url }]);
		return ctx;
	}

	async function open(page: Page, path: string): Promise<void> {
		await page.goto(`${app().server.url}${path}`, { waitUntil: 'load' });
		// Hydration and the live record's first sync may change the layout: measure after them.
		await page.waitForLoadState('networkidle').catch(() => {});
		await page.waitForTimeout(300);
	}

	const scrollWidth = (page: Page) => page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth));

	type Route = { name: string; path: () => string; who: 'admin' | 'editor' | 'nobody' };
	const ROUTES: Route[] = [
		{ name: 'home', path: () => '/', who: 'nobody' },
		{ name: 'home signed in, in Swedish', path: () => '/?lang=sv', who: 'admin' },
		{ name: 'project page', path: () => `/projects/${publicId}`, who: 'nobody' },
		{ name: 'statistics', path: () => '/stats?lang=no', who: 'nobody' },
		{ name: 'sign-in', path: () => '/login', who: 'nobody' },
		{ name: 'workspace queue', path: () => '/workspace', who: 'admin' },
		{ name: 'record page', path: () => `/workspace/records/${draftId}`, who: 'admin' },
		{ name: 'record history', path: () => `/workspace/records/${draftId}/history`, who: 'admin' },
		{ name: 'documents', path: () => '/workspace/documents', who: 'admin' },
		{ name: 'document page', path: () => `/workspace/documents/${documentId}`, who: 'admin' },
		{ name: 'API tokens', path: () => '/workspace/tokens', who: 'admin' },
		{ name: 'organisations (workspace)', path: () => '/workspace/organisations', who: 'admin' },
		{ name: 'organisations', path: () => '/organisations', who: 'nobody' },
		{ name: 'administration', path: () => '/admin', who: 'admin' },
		{ name: 'users', path: () => '/admin/users', who: 'admin' },
		{ name: 'audit log', path: () => '/admin/audit', who: 'admin' },
		{ name: 'not found', path: () => '/nonexistent', who: 'nobody' },
		{ name: 'forbidden', path: () => '/admin/users', who: 'editor' },
		{ name: 'unknown project', path: () => '/projects/nope', who: 'nobody' }
	];

	const cookieOf = (who: Route['who']) => (who === 'admin' ? adminCookie : who === 'editor' ? editorCookie : null);

	describe('at phone width', () => {
		it('fits every page into 360 px without sideways scrolling, long unbroken text included', async () => {
			const widths: Record<string, number> = {};
			for (const route of ROUTES) {
				const ctx = await context(cookieOf(route.who), 360);
				const page = await ctx.newPage();
				await open(page, route.path());
				widths[route.name] = await scrollWidth(page);
				await page.screenshot({ path: join(SHOTS, `360-${route.name.replace(/\W+/g, '-')}.png`), fullPage: true });
				await ctx.close();
			}
			const tooWide = Object.entries(widths).filter(([, w]) => w > 360);
			expect(tooWide).toEqual([]);
		}, 240_000);

		it('keeps the language switch and sign-in on screen at 390 px', async () => {
			const ctx = await context(null, 390);
			const page = await ctx.newPage();
			await open(page, '/');
			const header = page.locator('header');
			for (const link of [header.getByRole('link', { name: 'Svenska' }), header.getByRole('link', { name: 'Sign in' })]) {
				const box = (await link.boundingBox())!;
				expect(box.x).toBeGreaterThanOrEqual(0);
				expect(box.x + box.width).toBeLessThanOrEqual(390);
			}
			await ctx.close();
		});
	});

	describe('at desktop width', () => {
		it('wraps a 500-character title and a long summary on the pages that show them', async () => {
			const ctx = await context(adminCookie, 1280);
			const page = await ctx.newPage();
			for (const path of [
				`/projects/${publicId}`,
				`/workspace/records/${draftId}`,
				`/workspace/records/${draftId}/history`,
				'/',
				'/workspace'
			]) {
				await open(page, path);
				expect({ path, width: await scrollWidth(page) }).toEqual({ path, width: 1280 });
				await page.screenshot({ path: join(SHOTS, `1280-${path.replace(/\W+/g, '-')}.png`), fullPage: false });
			}
			await ctx.close();
		}, 120_000);

		it('shows the audit log in words, without raw ids, at desktop and phone width', async () => {
			for (const width of [1280, 360]) {
				const ctx = await context(adminCookie, width);
				const page = await ctx.newPage();
				await open(page, '/admin/audit');
				await page.screenshot({ path: join(SHOTS, `${width}-audit.png`), fullPage: true });
				const shown = await page.locator('main').innerText();
				expect(shown).toMatch(/created the account of/);
				expect(shown).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}|null|\{"/);
				expect(await scrollWidth(page)).toBe(width);
				await ctx.close();
			}
		});

		it('puts the cursor in the new entry after "+ Add" on a list and on contacts', async () => {
			const ctx = await context(adminCookie, 1280);
			const page = await ctx.newPage();
			await open(page, `/workspace/records/${draftId}`);
			for (const [field, button] of [
				['partners', /^\+ Add partner/],
				['contacts', /^\+ Add contact/]
			] as const) {
				const section = page.locator(`[data-field="${field}"]`);
				await section.getByRole('button', { name: button }).click();
				const inputs = section.locator('input[type=text], input:not([type])');
				await expect.poll(() => inputs.count()).toBeGreaterThan(0);
				const focusedIsLast = () =>
					section.evaluate((el) => {
						const all = [...el.querySelectorAll('input:not([type=checkbox])')];
						const lastItem = el.querySelector('li:last-child');
						return !!lastItem && lastItem.contains(document.activeElement) && all.includes(document.activeElement as Element);
					});
				await expect.poll(focusedIsLast).toBe(true);
				await page.keyboard.type('Typed at once');
				expect(await section.locator('li:last-child input').first().inputValue()).toBe('Typed at once');
			}
			await ctx.close();
		});
	});
});
