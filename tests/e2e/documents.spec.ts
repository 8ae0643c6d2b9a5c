/**
 * Documents in the workspace, in a real browser against the real server: upload a PDF, a
 * DOCX and an HTML file made here, see their records, set fields from selected source text
 * while a second editor sees them change live, mark a document "no project", merge two records.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '../../src/lib/server/db/sql';
import { contextSignedInAs, launchBrowser } from '../helpers/browser';
import { makeDocx, makePdf } from '../helpers/documents';
import { describeServerEachDialect } from '../helpers/dialect-server';
import type { TestServer } from '../helpers/server';

const SHOTS = process.env.SCREENSHOT_DIR;

let server: TestServer;
let browser: Browser;
let db: Sql;
let alice: BrowserContext;
let bob: BrowserContext;

beforeAll(async () => {
	browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
	await browser?.close();
});

/** The record's source spans, in the order they were written. */
function spansOf(recordId: string) {
	const { fieldProvenance } = db.t;
	return db.db.select().from(fieldProvenance).where(eq(fieldProvenance.recordId, recordId)).orderBy(fieldProvenance.id);
}

async function shoot(page: Page, name: string) {
	if (!SHOTS) return;
	mkdirSync(SHOTS, { recursive: true });
	for (const width of [1280, 390]) {
		await page.setViewportSize({ width, height: 900 });
		await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
	}
	await page.setViewportSize({ width: 1280, height: 900 });
}

/** Selects `text` inside the source pane, as a mouse drag over it would. */
async function selectInSource(page: Page, text: string) {
	await page.evaluate((wanted) => {
		const source = document.getElementById('source')!;
		const walker = document.createTreeWalker(source, NodeFilter.SHOW_TEXT);
		const nodes: Text[] = [];
		let all = '';
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			nodes.push(n as Text);
			all += n.textContent;
		}
		const at = all.indexOf(wanted);
		if (at < 0) throw new Error(`not in the source: ${wanted}`);
		const point = (pos: number, end: boolean): [Text, number] => {
			let seen = 0;
			for (const n of nodes) {
				const len = n.textContent!.length;
				if (pos < seen + len || (end && pos === seen + len)) return [n, pos - seen];
				seen += len;
			}
			throw new Error('out of range');
		};
		const range = document.createRange();
		range.setStart(...point(at, false));
		range.setEnd(...point(at + wanted.length, true));
		getSelection()!.removeAllRanges();
		getSelection()!.addRange(range);
	}, text);
	await page.getByTestId('selection-menu').waitFor();
}

const PDF_TEXT = [
	'Gröna jobb i Norrbotten får stöd',
	'',
	'Projektet Gröna jobb i Norrbotten leds av Luleå kommun och får 3,2 miljoner kronor',
	'från Europeiska socialfonden. Projektet pågår från 1 januari 2025 till 31 december 2026.'
];
const DOCX_SUMMARY = 'Målet är att fler patienter ska få vård hemma.';
const HTML = `<!doctype html><html lang="sv"><head><title>Nytt stöd</title><script>var x = 1;</script></head><body>
<nav><a href="/">Start</a> <a href="/om">Om oss</a></nav>
<h1>Nytt stöd till gröna jobb</h1>
<p>Luleå kommun får 3,2 miljoner kronor från Europeiska socialfonden för projektet Gröna jobb i Norrbotten. Projektet startar 1 januari 2025.</p>
</body></html>`;
const CALL =
	'Utlysning: ansök om stöd\n\nNu kan kommuner och regioner ansöka om stöd för kompetensutveckling. Sista dag att ansöka är 1 juni 2025.';

describeServerEachDialect('documents in a real browser', {}, (app) => {
	beforeAll(async () => {
		({ server, sql: db } = app());
		alice = await contextSignedInAs(browser, db, server.url, { role: 'editor', name: 'Alice' });
		bob = await contextSignedInAs(browser, db, server.url, { role: 'editor', name: 'Bob' });
		// Eight engineers share two cores here: generous waits, so a slow moment is not a failure.
		for (const c of [alice, bob]) c.setDefaultTimeout(20_000);
	});
	// Their pages follow this dialect's server, which goes with the suite.
	afterAll(async () => {
		await Promise.all([alice?.close(), bob?.close()]);
	});

	describe('documents in the workspace', { timeout: 120_000 }, () => {
		const ids: Record<string, { document: string; records: string[] }> = {};

		it('uploads a PDF, a DOCX, an HTML and a text file, each answered for itself with its records', async () => {
			const pdf = await makePdf([{ lines: PDF_TEXT }]);
			const docx = makeDocx([
				{ heading: 'Digital vård i Västerbotten' },
				{
					paragraph:
						'Projektet Digital vård i Västerbotten beviljas 2,4 miljoner kronor av Tillväxtverket. Projektägare är Region Västerbotten.'
				},
				{ paragraph: `Projektet genomförs tillsammans med Umeå universitet och Skellefteå kommun. ${DOCX_SUMMARY}` }
			]);
			const page = await alice.newPage();
			await page.goto(`${server.url}/workspace`);
			await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Documents' }).click();
			await page.waitForURL('**/workspace/documents');
			await page.locator('input[type=file][name=file]').setInputFiles([
				{ name: 'grona-jobb.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) },
				{
					name: 'digital-vard.docx',
					mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
					buffer: Buffer.from(docx)
				},
				{ name: 'nytt-stod.html', mimeType: 'text/html', buffer: Buffer.from(HTML) },
				{ name: 'utlysning.txt', mimeType: 'text/plain', buffer: Buffer.from(CALL) }
			]);
			await page.getByRole('button', { name: 'Upload' }).click();
			const results = page.getByTestId('upload-results').locator('li');
			await expect.poll(() => results.count(), { timeout: 30_000 }).toBe(4);
			for (const [i, name] of ['grona-jobb.pdf', 'digital-vard.docx', 'nytt-stod.html', 'utlysning.txt'].entries()) {
				const li = results.nth(i);
				expect(await li.getAttribute('data-status')).toBe('created');
				expect(await li.textContent()).toContain(name);
				const links = li.locator('a[href^="/workspace/records/"]');
				const records = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')!.split('/').pop()!));
				const document = (await li.locator('a[href^="/workspace/documents/"]').getAttribute('href'))!.split('/').pop()!;
				ids[name] = { document, records };
			}
			expect(ids['grona-jobb.pdf'].records).toHaveLength(1);
			expect(ids['digital-vard.docx'].records).toHaveLength(1);
			expect(ids['nytt-stod.html'].records).toHaveLength(1);
			expect(ids['utlysning.txt'].records).toHaveLength(0);

			// The same file again is a duplicate, said so for that file alone.
			await page
				.locator('input[type=file][name=file]')
				.setInputFiles([{ name: 'again.html', mimeType: 'text/html', buffer: Buffer.from(HTML) }]);
			await page.getByRole('button', { name: 'Upload' }).click();
			await expect.poll(() => page.getByTestId('upload-results').locator('li').first().getAttribute('data-status')).toBe('duplicate');

			await page.goto(`${server.url}/workspace/documents`);
			const row = (name: string) => page.locator(`tr[data-document="${ids[name].document}"]`);
			expect(await row('grona-jobb.pdf').locator('[data-status]').getAttribute('data-status')).toBe('records');
			expect(await row('utlysning.txt').locator('[data-status]').getAttribute('data-status')).toBe('failed');
			expect(await row('digital-vard.docx').textContent()).toContain('Alice');
			await shoot(page, 'documents-list');
			await page.close();
		});

		it('uploads without JavaScript through the plain form', async () => {
			const context = await contextSignedInAs(browser, db, server.url, { role: 'editor', name: 'Nils' });
			const plain = await browser.newContext({ javaScriptEnabled: false });
			await plain.addCookies(await context.cookies());
			const page = await plain.newPage();
			await page.goto(`${server.url}/workspace/documents`);
			await page
				.locator('input[type=file][name=file]')
				.setInputFiles([
					{ name: 'plain.md', mimeType: 'text/markdown', buffer: Buffer.from('# Anteckning\n\nInget projekt här, bara en anteckning.') }
				]);
			await page.getByRole('button', { name: 'Upload' }).click();
			await page.getByTestId('upload-results').waitFor();
			expect(await page.getByTestId('upload-results').locator('li').first().getAttribute('data-status')).toBe('created');
			await plain.close();
			await context.close();
		});

		it('shows a document with its records highlighted, and marks a document as having no project', async () => {
			const page = await alice.newPage();
			await page.goto(`${server.url}/workspace/documents/${ids['digital-vard.docx'].document}`);
			const record = ids['digital-vard.docx'].records[0];
			expect(await page.locator(`[data-testid="document-text"] mark[data-record="${record}"]`).count()).toBeGreaterThan(2);
			expect(await page.getByTestId('document-text').textContent()).toContain('Umeå universitet och Skellefteå kommun');
			await shoot(page, 'document-page');

			await page.goto(`${server.url}/workspace/documents/${ids['utlysning.txt'].document}`);
			await page.getByRole('button', { name: 'This document has no project' }).click();
			await page.getByTestId('no-project').waitFor();
			expect(await page.getByTestId('no-project').textContent()).toContain('Alice');
			await page.goto(`${server.url}/workspace/documents?status=no_project`);
			expect(await page.locator(`tr[data-document="${ids['utlysning.txt'].document}"]`).count()).toBe(1);
			// Reversible.
			await page.goto(`${server.url}/workspace/documents/${ids['utlysning.txt'].document}`);
			await page.getByRole('button', { name: 'It does hold a project after all' }).click();
			await page.getByRole('button', { name: 'This document has no project' }).waitFor();
			await page.getByRole('button', { name: 'This document has no project' }).click();
			await page.getByTestId('no-project').waitFor();

			// A project the extractor missed: a new empty record from the document.
			await page.getByRole('button', { name: 'New record from this document' }).click();
			await page.waitForURL(/\/workspace\/records\//);
			await page.locator('[data-connection="connected"]').waitFor({ timeout: 30_000 });
			expect(await page.locator('#source').textContent()).toContain('kompetensutveckling');
			await page.close();
		});

		it('sets fields from selected source text, by mouse and by keyboard, live in a second browser', async () => {
			const record = ids['digital-vard.docx'].records[0];
			const url = `${server.url}/workspace/records/${record}`;
			const [a, b] = await Promise.all([alice.newPage(), bob.newPage()]);
			await Promise.all([a.goto(url), b.goto(url)]);
			await Promise.all([a, b].map((p) => p.locator('[data-connection="connected"]').waitFor({ timeout: 30_000 })));
			const input = (p: Page, key: string) => p.locator(`[data-field="${key}"]`).locator('input, textarea').first();

			// A sentence becomes the summary.
			await selectInSource(a, DOCX_SUMMARY);
			await shoot(a, 'record-selection-menu');
			await a.getByTestId('selection-menu').getByRole('button', { name: 'Summary', exact: true }).click();
			await expect.poll(() => input(b, 'summary').inputValue(), { timeout: 20_000 }).toBe(DOCX_SUMMARY);
			await a.locator('[data-field="summary"] [data-from-source]').waitFor();

			// The title the extractor cut short, from the text.
			await selectInSource(a, 'Digital vård i Västerbotten');
			await a.getByTestId('selection-menu').getByRole('button', { name: 'Title', exact: true }).click();
			await expect.poll(() => input(b, 'title').inputValue(), { timeout: 20_000 }).toBe('Digital vård i Västerbotten');
			await a.locator('[data-field="title"] [data-from-source]').waitFor();
			expect(await a.locator('[data-field="title"] [data-from-source]').textContent()).toContain('Alice');

			// By keyboard: a caret before "Umeå", two words with Ctrl+Shift+Right, Enter, then the owner button.
			await a.evaluate(() => {
				const source = document.getElementById('source')!;
				source.focus();
				const walker = document.createTreeWalker(source, NodeFilter.SHOW_TEXT);
				for (let n = walker.nextNode(); n; n = walker.nextNode()) {
					const at = n.textContent!.indexOf('Umeå universitet');
					if (at >= 0) return void getSelection()!.collapse(n, at);
				}
			});
			await a.keyboard.press('Control+Shift+ArrowRight');
			await a.keyboard.press('Control+Shift+ArrowRight');
			await a.getByTestId('selection-menu').waitFor();
			expect((await a.getByTestId('selection-menu').locator('q').textContent())?.trim()).toBe('Umeå universitet');
			await a.keyboard.press('Enter');
			expect(await a.evaluate(() => document.activeElement?.textContent)).toBe('Title');
			await a.keyboard.press('Tab');
			await a.keyboard.press('Tab');
			expect(await a.evaluate(() => document.activeElement?.textContent)).toBe('Project owner');
			await a.keyboard.press('Enter');
			await expect.poll(() => input(b, 'owner').inputValue(), { timeout: 20_000 }).toBe('Umeå universitet');

			const spans = () => spansOf(record);
			// The value can reach Bob's page a moment before the span row is written: wait for the row.
			const ownerSpan = async () => (await spans()).find((s) => s.field === 'owner');
			await expect.poll(async () => (await ownerSpan())?.rule, { timeout: 20_000 }).toBe('person');
			expect(await ownerSpan()).toMatchObject({ rule: 'person', snippet: 'Umeå universitet', setByName: 'Alice' });

			// Typed by hand: the span no longer stands for the value.
			await input(b, 'owner').fill('Umeå universitet, Institutionen för omvårdnad');
			await expect.poll(async () => (await spans()).some((s) => s.field === 'owner'), { timeout: 20_000 }).toBe(false);
			expect((await spans()).some((s) => s.field === 'title')).toBe(true);
			await Promise.all([a.close(), b.close()]);
		});

		it('re-extracts without overwriting what people changed, and offers the new values beside them', async () => {
			const record = ids['digital-vard.docx'].records[0];
			const page = await alice.newPage();
			await page.goto(`${server.url}/workspace/documents/${ids['digital-vard.docx'].document}`);
			await page.getByRole('button', { name: 'Re-extract' }).click();
			await page.getByTestId('reextract-report').waitFor();
			await page.goto(`${server.url}/workspace/records/${record}`);
			await page.locator('[data-connection="connected"]').waitFor({ timeout: 30_000 });
			const owner = page.locator('[data-field="owner"] input');
			expect(await owner.inputValue()).toBe('Umeå universitet, Institutionen för omvårdnad');
			const offer = page.getByTestId('suggestions').locator('li', { hasText: 'Project owner:' });
			expect(await offer.textContent()).toContain('Region Västerbotten');
			await offer.getByRole('button', { name: 'Take it' }).click();
			await expect.poll(() => owner.inputValue(), { timeout: 20_000 }).toBe('Region Västerbotten');
			await expect.poll(() => page.getByTestId('suggestions').locator('li', { hasText: 'Project owner:' }).count()).toBe(0);
			await page.close();
		});

		it('proposes the same project from two documents and merges them; un-merge restores both', async () => {
			const keep = ids['grona-jobb.pdf'].records[0];
			const other = ids['nytt-stod.html'].records[0];
			const page = await alice.newPage();
			await page.goto(`${server.url}/workspace`);
			expect(await page.locator(`tr[data-row="${keep}"] [data-same-project]`).textContent()).toContain('possibly the same project as');

			await page.goto(`${server.url}/workspace/records/${keep}`);
			const panel = page.getByTestId('same-project');
			expect(await panel.locator(`a[href="/workspace/records/${other}"]`).count()).toBe(1);
			const before = (await spansOf(keep)).length;
			const theirs = (await spansOf(other)).length;
			await panel.getByRole('button', { name: 'Merge it into this record' }).click();
			await page.getByTestId('merged-sources').waitFor();
			expect(await spansOf(keep)).toHaveLength(before + theirs);

			await page.goto(`${server.url}/workspace/records/${other}`);
			await page.getByTestId('merged-into').waitFor();
			expect(await page.getByTestId('merged-into').locator(`a[href="/workspace/records/${keep}"]`).count()).toBe(1);
			await page.goto(`${server.url}/workspace`);
			expect(await page.locator(`tr[data-row="${other}"]`).count()).toBe(0);

			await page.goto(`${server.url}/workspace/records/${other}`);
			await page.getByRole('button', { name: 'Un-merge' }).click();
			await page.getByTestId('same-project').waitFor();
			expect(await spansOf(keep)).toHaveLength(before);
			await page.close();
		});

		it('refuses every write of these pages to a viewer, over HTTP, changing nothing', async () => {
			const viewer = await contextSignedInAs(browser, db, server.url, { role: 'viewer', name: 'Vera' });
			const record = ids['digital-vard.docx'].records[0];
			const document = ids['digital-vard.docx'].document;
			const post = (path: string, form: Record<string, string>) =>
				viewer.request.post(`${server.url}${path}`, { form, headers: { origin: server.url }, maxRedirects: 0 });
			const before = await spansOf(record);
			for (const [path, form] of [
				[`/workspace/records/${record}?/fromSource`, { field: 'title', start: '0', end: '7' }],
				[`/workspace/records/${record}?/merge`, { other: ids['grona-jobb.pdf'].records[0], direction: 'keep' }],
				[`/workspace/records/${record}?/unmerge`, {}],
				[`/workspace/documents/${document}?/noProject`, { on: 'true' }],
				[`/workspace/documents/${document}?/newRecord`, {}],
				[`/workspace/documents/${document}?/reextract`, {}]
			] as const) {
				expect((await post(path, form)).status(), path).toBe(403);
			}
			const upload = await viewer.request.post(`${server.url}/workspace/documents?/upload`, {
				multipart: { file: { name: 'x.txt', mimeType: 'text/plain', buffer: Buffer.from('Projektet X leds av Y.') } },
				headers: { origin: server.url },
				maxRedirects: 0
			});
			expect(upload.status()).toBe(403);
			expect(await spansOf(record)).toEqual(before);
			const page = await viewer.newPage();
			await page.goto(`${server.url}/workspace/documents`);
			expect(await page.locator('input[type=file]').count()).toBe(0);
			await viewer.close();
		});
	});
});
