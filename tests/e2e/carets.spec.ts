/** Two editors on one record: each sees where the other's caret and selection are, inside the field, with a name. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { contextSignedInAs, launchBrowser } from '../helpers/browser';
import { describeServerEachDialect, type DialectServer } from '../helpers/dialect-server';
import { validRecord } from '../helpers/records';
import { draftRecord } from '../helpers/records-sql';

let browser: Browser;

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

async function open(app: DialectServer, recordId: string, name: string): Promise<Page> {
	const context = await contextSignedInAs(browser, app.sql, app.server.url, { role: 'editor', name });
	const page = await context.newPage();
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.goto(`${app.server.url}/workspace/records/${recordId}`);
	await page.locator('[data-connection="connected"]').waitFor({ timeout: 10_000 });
	return page;
}

const control = (page: Page, key: string) => page.locator(`[data-field="${key}"]`).locator('input, textarea').first();
const caretOf = (page: Page, key: string, name: string) => page.locator(`[data-field="${key}"] [data-remote-caret="${name}"]`);

/**
 * Where the browser itself draws character `index` of a one-line input, measured with a
 * canvas in the page's own font: an independent check of the overlay's mirror.
 */
function textX(page: Page, key: string, index: number): Promise<number> {
	return control(page, key).evaluate((el, i) => {
		const input = el as HTMLInputElement;
		const s = getComputedStyle(input);
		const ctx = document.createElement('canvas').getContext('2d')!;
		ctx.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
		const box = input.getBoundingClientRect();
		return (
			box.left +
			parseFloat(s.borderLeftWidth) +
			parseFloat(s.paddingLeft) +
			ctx.measureText(input.value.slice(0, i)).width -
			input.scrollLeft
		);
	}, index);
}

describeServerEachDialect('remote carets', {}, (app) => {
	let recordId: string;
	let ada: Page;
	let bo: Page;
	beforeAll(async () => {
		recordId = await draftRecord(
			app().sql,
			validRecord({ title: 'Samverkan Skåne', summary: 'Första raden om projektet.\nAndra raden om projektet.' })
		);
	});
	// Both editors leave before the next dialect's server starts: their carets belong to this one's record.
	afterAll(async () => {
		await Promise.all([ada, bo].map((page) => page?.context().close()));
	});

	it('shows the other editor’s caret at the character where it stands, with their name', async () => {
		[ada, bo] = await Promise.all([open(app(), recordId, 'Ada Caret'), open(app(), recordId, 'Bo Caret')]);
		await control(ada, 'title').click();
		await control(ada, 'title').press('Home');
		for (let i = 0; i < 3; i++) await control(ada, 'title').press('ArrowRight');

		const caret = caretOf(bo, 'title', 'Ada Caret');
		await expect.poll(() => caret.getAttribute('data-head')).toBe('3');
		expect(await bo.locator('[data-field="title"] [data-remote-caret-name]').textContent()).toBe('Ada Caret');
		const box = (await caret.boundingBox())!;
		expect(Math.abs(box.x + box.width / 2 - (await textX(bo, 'title', 3)))).toBeLessThan(2);
		// Nothing of one's own: Ada sees no caret of hers.
		expect(await ada.locator('[data-remote-caret]').count()).toBe(0);
	});

	it('asks for no animation frames while nothing moves, nor while someone types where no one else has a caret', async () => {
		const frames = () =>
			bo.evaluate(async () => {
				let n = 0;
				const raf = window.requestAnimationFrame;
				window.requestAnimationFrame = (cb) => (n++, raf(cb));
				await new Promise((r) => setTimeout(r, 300));
				window.requestAnimationFrame = raf;
				return n;
			});
		expect(await frames()).toBe(0);
		await control(bo, 'funder').click();
		const typing = control(bo, 'funder').pressSequentially('xyz', { delay: 50 });
		expect(await frames()).toBe(0);
		await typing;
	});

	it('shows a selection as a highlighted range, and keeps it on the same words while the other person types before it', async () => {
		for (let i = 0; i < 6; i++) await control(ada, 'title').press('Shift+ArrowRight');
		const caret = caretOf(bo, 'title', 'Ada Caret');
		await expect.poll(() => caret.getAttribute('data-head')).toBe('9');
		expect(await caret.getAttribute('data-anchor')).toBe('3');
		const highlight = (await bo.locator('[data-field="title"] [data-remote-selection="Ada Caret"]').boundingBox())!;
		expect(Math.abs(highlight.x - (await textX(bo, 'title', 3)))).toBeLessThan(2);
		expect(Math.abs(highlight.x + highlight.width - (await textX(bo, 'title', 9)))).toBeLessThan(2);

		await control(bo, 'title').click();
		await control(bo, 'title').press('Home');
		await control(bo, 'title').pressSequentially('Ny ');
		await expect.poll(() => caret.getAttribute('data-anchor')).toBe('6');
		expect(await caret.getAttribute('data-head')).toBe('12');
		expect((await control(bo, 'title').inputValue()).slice(6, 12)).toBe('verkan');
		await expect.poll(() => caretOf(ada, 'title', 'Bo Caret').getAttribute('data-head')).toBe('3');
	});

	it('follows a caret onto the second line of a long text, and removes it when the person leaves the field', async () => {
		await control(ada, 'summary').click();
		await control(ada, 'summary').press('Control+End');
		const caret = caretOf(bo, 'summary', 'Ada Caret');
		await expect.poll(() => caret.getAttribute('data-head')).toBe(String('Första raden om projektet.\nAndra raden om projektet.'.length));
		const area = (await control(bo, 'summary').boundingBox())!;
		const second = (await caret.boundingBox())!;
		await control(ada, 'summary').press('Control+Home');
		await expect.poll(() => caret.getAttribute('data-head')).toBe('0');
		const first = (await caret.boundingBox())!;
		expect(second.y).toBeGreaterThan(first.y + first.height / 2);
		expect(first.y).toBeGreaterThanOrEqual(area.y);

		await ada.locator('#source').focus();
		await expect.poll(() => bo.locator('[data-remote-caret="Ada Caret"]').count()).toBe(0);
		expect(await caretOf(ada, 'title', 'Bo Caret').count()).toBe(1);
	});
});
