/**
 * Offline edits in a real browser against the real server: kept in IndexedDB through a
 * closed tab, sent on reconnect through the server's gate, shown honestly meanwhile,
 * and never seen or sent by another person on the same browser.
 */
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fieldText } from '../../src/lib/records/ydoc';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import type { Sql } from '../../src/lib/server/db/sql';
import { contextSignedInAs, launchBrowser } from '../helpers/browser';
import { validRecord } from '../helpers/records';
import { draftRecord } from '../helpers/records-sql';
import { describeServerEachDialect } from '../helpers/dialect-server';
import type { TestServer } from '../helpers/server';
import { createTestUser } from '../helpers/users';
import { storedDocSql } from '../helpers/stored-doc-sql';

let server: TestServer;
let browser: Browser;
let db: Sql;
const contexts: BrowserContext[] = [];
const SOCKET = /\/sync\//;

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

async function signedIn(name: string): Promise<BrowserContext> {
	const context = await contextSignedInAs(browser, db, server.url, { role: 'editor', name });
	contexts.push(context);
	return context;
}

/**
 * Lets the test cut the sync socket while the pages themselves still load: "the server is
 * unreachable" here is the sync endpoint refusing every connection (the fully offline
 * reopen, through the service worker, has its own test).
 */
async function socketSwitch(context: BrowserContext): Promise<{ block(on: boolean): void }> {
	let blocked = false;
	await context.routeWebSocket(SOCKET, (ws) => {
		if (blocked) void ws.close({ code: 4000, reason: 'blocked by the test' });
		else ws.connectToServer();
	});
	return { block: (on) => (blocked = on) };
}

async function openRecord(context: BrowserContext, id: string, connected = true): Promise<Page> {
	const page = await context.newPage();
	await page.goto(`${server.url}/workspace/records/${id}`);
	if (connected) await page.locator('[data-connection="connected"][data-pending="0"]').waitFor({ timeout: 10_000 });
	return page;
}

const input = (page: Page, key: string) => page.locator(`[data-field="${key}"]`).locator('input, textarea').first();
const status = (page: Page) => page.locator('[data-connection]');
const storedText = async (id: string, key: 'summary' | 'title') => fieldText(await storedDocSql(db, id), key)?.toString();
const offlineDatabases = (page: Page) =>
	page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('samla-offline:')));

/**
 * Waits until every keystroke's write to the page's offline copy is done, so closing the tab
 * right after loses none: a read/write transaction on y-indexeddb's store starts only after
 * the ones made before it (on any connection) have finished.
 */
async function copyWritten(page: Page, suffix: string): Promise<void> {
	await page.evaluate(async (suffix) => {
		const name = (await indexedDB.databases()).map((d) => d.name ?? '').find((n) => n.endsWith(suffix));
		if (!name) throw new Error(`no offline copy ending in ${suffix}`);
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const req = indexedDB.open(name);
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
		await new Promise<void>((resolve, reject) => {
			const tx = db.transaction('updates', 'readwrite');
			tx.oncomplete = () => resolve();
			tx.onerror = () => reject(tx.error);
		});
		db.close();
	}, suffix);
}

describeServerEachDialect('offline edits', {}, (app) => {
	beforeAll(() => {
		({ server, sql: db } = app());
	});
	// Their pages follow this dialect's server, which goes with the suite.
	afterAll(async () => {
		for (const c of contexts.splice(0)) await c.close().catch(() => {});
	});

	it('keep an edit made offline through a closed tab, and send it on reconnect for the other editor and the server', async () => {
		const id = await draftRecord(db, validRecord({ title: 'Offline Skåne', summary: '' }));
		const edithContext = await signedIn('Edith Offline');
		const socket = await socketSwitch(edithContext);
		const edith = await openRecord(edithContext, id);
		const oscar = await openRecord(await signedIn('Oscar Online'), id);

		await edithContext.setOffline(true);
		await expect.poll(() => status(edith).getAttribute('data-connection')).toBe('offline');
		await input(edith, 'summary').click();
		await input(edith, 'summary').pressSequentially('Written offline');
		await expect.poll(() => status(edith).textContent()).toMatch(/Offline — 1 change saved on this device, will sync/);
		await edith.close();

		// Back on the network, but the sync socket is refused: the page loads, the server cannot be told.
		socket.block(true);
		await edithContext.setOffline(false);
		const reopened = await openRecord(edithContext, id, false);
		await expect.poll(() => input(reopened, 'summary').inputValue()).toBe('Written offline');
		await expect.poll(() => status(reopened).getAttribute('data-pending')).toBe('1');
		expect(await status(reopened).textContent()).toMatch(/1 change saved on this device, will sync/);
		expect(await storedText(id, 'summary')).toBe('');
		expect(await input(oscar, 'summary').inputValue()).toBe('');

		socket.block(false);
		await expect.poll(() => status(reopened).getAttribute('data-pending'), { timeout: 10_000 }).toBe('0');
		expect(await status(reopened).textContent()).toMatch(/Synced/);
		await expect.poll(() => input(oscar, 'summary').inputValue(), { timeout: 5000 }).toBe('Written offline');
		expect(await storedText(id, 'summary')).toBe('Written offline');
		// Closing and reopening now shows nothing waiting: the server confirmed it.
		await reopened.close();
		const again = await openRecord(edithContext, id);
		expect(await input(again, 'summary').inputValue()).toBe('Written offline');
	});

	it('reopens a record page with no network at all (service worker), with the offline edit, and sends it on reconnect', async () => {
		const id = await draftRecord(db, validRecord({ title: 'Fully offline Skåne', summary: '' }));
		const edithContext = await signedIn('Edith Unplugged');
		const edith = await openRecord(edithContext, id);
		// The worker installs on the first visit; the page is kept once a controlled load fetches it.
		await edith.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
		await edith.reload();
		await edith.locator('[data-connection="connected"][data-pending="0"]').waitFor({ timeout: 10_000 });
		expect(await edith.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

		await edithContext.setOffline(true);
		await expect.poll(() => status(edith).getAttribute('data-connection')).toBe('offline');
		await input(edith, 'summary').click();
		await input(edith, 'summary').pressSequentially('Typed unplugged');
		await expect.poll(() => status(edith).getAttribute('data-pending')).toBe('1');
		await copyWritten(edith, `:${id}`);
		await edith.close();

		// Still offline: the page itself comes from the worker, the edit from IndexedDB.
		const reopened = await openRecord(edithContext, id, false);
		await expect.poll(() => input(reopened, 'summary').inputValue()).toBe('Typed unplugged');
		expect(await status(reopened).getAttribute('data-connection')).toBe('offline');
		await expect.poll(() => status(reopened).textContent()).toMatch(/Offline — 1 change saved on this device, will sync/);
		expect(await storedText(id, 'summary')).toBe('');

		await edithContext.setOffline(false);
		await expect.poll(() => status(reopened).getAttribute('data-pending'), { timeout: 10_000 }).toBe('0');
		expect(await storedText(id, 'summary')).toBe('Typed unplugged');
		const oscar = await openRecord(await signedIn('Oscar Plugged'), id);
		expect(await input(oscar, 'summary').inputValue()).toBe('Typed unplugged');

		// Signing out deletes the kept pages with the copies: offline, the record page no longer opens.
		await reopened.getByRole('button', { name: 'Sign out' }).click();
		await reopened.waitForURL(`${server.url}/`);
		await expect.poll(() => reopened.evaluate(async () => (await caches.keys()).includes('samla-record-pages'))).toBe(false);
		await edithContext.setOffline(true);
		const signedOut = await edithContext.newPage();
		await expect(signedOut.goto(`${server.url}/workspace/records/${id}`)).rejects.toThrow();
		await edithContext.setOffline(false);
	});

	it('merges an offline edit with what others typed meanwhile, character by character', async () => {
		const id = await draftRecord(db, validRecord({ title: 'Merge Skåne', summary: '' }));
		const edithContext = await signedIn('Edith Merge');
		const socket = await socketSwitch(edithContext);
		const edith = await openRecord(edithContext, id);
		const oscar = await openRecord(await signedIn('Oscar Merge'), id);

		socket.block(true);
		await edithContext.setOffline(true);
		await expect.poll(() => status(edith).getAttribute('data-connection')).toBe('offline');
		await input(edith, 'title').click();
		await input(edith, 'title').press('End');
		await input(edith, 'title').pressSequentially(' Nord');
		await input(oscar, 'title').click();
		await input(oscar, 'title').press('Home');
		await input(oscar, 'title').pressSequentially('Ny ');
		await expect.poll(() => storedText(id, 'title')).toBe('Ny Merge Skåne');
		await edith.close();

		await edithContext.setOffline(false);
		socket.block(false);
		const reopened = await openRecord(edithContext, id);
		expect(await input(reopened, 'title').inputValue()).toBe('Ny Merge Skåne Nord');
		await expect.poll(() => input(oscar, 'title').inputValue()).toBe('Ny Merge Skåne Nord');
		expect(await storedText(id, 'title')).toBe('Ny Merge Skåne Nord');
	});

	it('removes the copy when the record is gone on the server, instead of retrying it for ever', async () => {
		const id = await draftRecord(db, validRecord({ title: 'Gone Skåne', summary: '' }));
		const edithContext = await signedIn('Edith Gone');
		const edith = await openRecord(edithContext, id);

		await edithContext.setOffline(true);
		await expect.poll(() => status(edith).getAttribute('data-connection')).toBe('offline');
		await input(edith, 'summary').click();
		await input(edith, 'summary').pressSequentially('Never stored');
		await expect.poll(() => status(edith).getAttribute('data-pending')).toBe('1');
		expect((await offlineDatabases(edith)).some((n) => n.endsWith(`:${id}`))).toBe(true);

		await db.db.delete(db.t.records).where(eq(db.t.records.id, id));
		await edithContext.setOffline(false);
		await expect.poll(() => status(edith).getAttribute('data-connection'), { timeout: 10_000 }).toBe('closed');
		expect(await status(edith).textContent()).toMatch(/This record was deleted\..*The changes kept on this device were removed/);
		await expect.poll(async () => (await offlineDatabases(edith)).some((n) => n.endsWith(`:${id}`))).toBe(false);
	});

	it('removes the copy when the server refuses the replayed edit, so the next visit neither loops nor resends it', async () => {
		const id = await draftRecord(db, validRecord({ title: 'Bound', summary: '' }));
		const edithContext = await signedIn('Edith Bound');
		const edith = await openRecord(edithContext, id);
		const oscar = await openRecord(await signedIn('Oscar Bound'), id);

		// Each within the title's 500 characters; merged, they are not, and the server refuses the second to arrive.
		await edithContext.setOffline(true);
		await expect.poll(() => status(edith).getAttribute('data-connection')).toBe('offline');
		await input(edith, 'title').fill(`Bound ${'e'.repeat(300)}`);
		await input(oscar, 'title').fill(`Bound ${'o'.repeat(300)}`);
		await expect.poll(() => storedText(id, 'title')).toBe(`Bound ${'o'.repeat(300)}`);
		await expect.poll(() => status(edith).getAttribute('data-pending')).toBe('1');

		await edithContext.setOffline(false);
		await expect.poll(() => status(edith).getAttribute('data-connection'), { timeout: 10_000 }).toBe('closed');
		expect(await status(edith).textContent()).toMatch(/larger than a record allows.*The changes kept on this device were removed/);
		await expect.poll(async () => (await offlineDatabases(edith)).some((n) => n.endsWith(`:${id}`))).toBe(false);
		expect(await storedText(id, 'title')).toBe(`Bound ${'o'.repeat(300)}`);

		await edith.close();
		const again = await openRecord(edithContext, id);
		expect(await input(again, 'title').inputValue()).toBe(`Bound ${'o'.repeat(300)}`);
		expect(await status(again).textContent()).toMatch(/Synced/);
	});

	it('keeps one person’s offline edits from the next person on the same browser: signing out deletes them', async () => {
		const id = await draftRecord(db, validRecord({ title: 'Shared Skåne', summary: '' }));
		const context = await signedIn('Edith Leaving');
		const socket = await socketSwitch(context);
		const edith = await openRecord(context, id);

		socket.block(true);
		await edith.reload();
		await input(edith, 'summary').click();
		await input(edith, 'summary').pressSequentially('Edith only');
		await expect.poll(() => status(edith).getAttribute('data-pending')).toBe('1');
		const edithsCopies = await offlineDatabases(edith);
		expect(edithsCopies).toHaveLength(1);

		await edith.getByRole('button', { name: 'Sign out' }).click();
		await edith.waitForURL(`${server.url}/`);
		await expect.poll(() => offlineDatabases(edith)).toEqual([]);

		socket.block(false);
		const olle = await createTestUser(db, { role: 'editor', name: 'Olle Next' });
		await context.addCookies([{ name: SESSION_COOKIE, value: (await createSession(db, olle.id)).token, url: server.url }]);
		const next = await openRecord(context, id);
		expect(await input(next, 'summary').inputValue()).toBe('');
		expect(await offlineDatabases(next)).toEqual([`samla-offline:${olle.id}:${id}`]);
		expect(await storedText(id, 'summary')).toBe('');
	});
});
