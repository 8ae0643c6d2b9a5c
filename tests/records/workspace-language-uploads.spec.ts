/**
 * Upload outcomes and webhook refusals in the reader's language, against the real server: a
 * Swedish editor's empty file, textless PDF, non-UTF-8 text and duplicate are each answered in
 * Swedish, the documents list names an unrecognised language in Swedish, and a Swedish admin's
 * bad webhook URL is refused in Swedish. The JSON API answers the same files in English, as before.
 */
import { describe, expect, it } from 'vitest';
import { PLAIN_HTTP_ENV, PLAIN_HTTP_HEADERS } from '../auth/http-client';
import { describeServerEachDialect } from '../helpers/dialect-server';
import { makeScannedPdf } from '../helpers/documents';
import { signedInAs } from '../helpers/users';

const files = (...parts: [string, Uint8Array][]) => {
	const form = new FormData();
	for (const [name, bytes] of parts) form.append('file', new Blob([new Uint8Array(bytes)]), name);
	return form;
};

// Words with no language the extractor knows: stored, with the language "unknown".
const NOTE = new TextEncoder().encode('Xq zzv 4711 kvpx\nQwrt plmk 0815 zzg\n');

describeServerEachDialect('Swedish answers to uploads and webhooks', { env: PLAIN_HTTP_ENV }, (app) => {
	/** A form POST as a Swedish browser sends it: multipart for files, urlencoded for fields. */
	async function swedishPost(role: 'editor' | 'admin', path: string, body: FormData | URLSearchParams): Promise<string> {
		const { cookie } = await signedInAs(app().sql, role);
		const res = await fetch(new URL(path, app().server.url), {
			method: 'POST',
			redirect: 'manual',
			headers: {
				...PLAIN_HTTP_HEADERS,
				accept: 'text/html',
				origin: new URL(app().server.url).origin,
				'accept-language': 'sv-SE,sv;q=0.9',
				cookie: `${cookie.name}=${cookie.value}`
			},
			body
		});
		return (await res.text()).replaceAll('&quot;', '"').replaceAll('&#39;', "'");
	}

	describe('a Swedish upload', () => {
		it('says why each file failed in Swedish, not in English', async () => {
			const html = await swedishPost(
				'editor',
				'/workspace/documents?/upload',
				files(
					['tom.txt', new Uint8Array()],
					['skannad.pdf', await makeScannedPdf()],
					['latin1.txt', new Uint8Array([0x48, 0xe5, 0x6c, 0x6c, 0xf6])]
				)
			);
			expect(html).toContain('tom.txt');
			expect(html).toContain('— tom fil');
			expect(html).toContain('— den här PDF-filen har ingen text (skannad?)');
			expect(html).toContain('— ingen giltig UTF-8-text (spara den som UTF-8)');
			for (const english of ['empty file', 'this PDF has no text', 'not valid UTF-8']) expect(html).not.toContain(english);
		});

		it('names a duplicate in Swedish, and an unrecognised language in the list', async () => {
			const first = await swedishPost('editor', '/workspace/documents?/upload', files(['anteckning.txt', NOTE]));
			expect(first).toContain('data-status="created"');
			const again = await swedishPost('editor', '/workspace/documents?/upload', files(['kopia.txt', NOTE]));
			expect(again).toMatch(/finns redan sparad som ”[^”]*”/);
			expect(again).not.toContain('already stored as');
			const { cookie } = await signedInAs(app().sql, 'viewer');
			const list = await (
				await fetch(new URL('/workspace/documents', app().server.url), {
					headers: { ...PLAIN_HTTP_HEADERS, 'accept-language': 'sv', cookie: `${cookie.name}=${cookie.value}` }
				})
			).text();
			expect(list).toMatch(/<td class="hidden px-3 py-2 md:table-cell">okänt<\/td>/);
			expect(list).not.toMatch(/>unknown</);
		});

		it('keeps the JSON API in English', async () => {
			const { cookie } = await signedInAs(app().sql, 'editor');
			const res = await fetch(new URL('/api/documents', app().server.url), {
				method: 'POST',
				headers: {
					...PLAIN_HTTP_HEADERS,
					origin: new URL(app().server.url).origin,
					'accept-language': 'sv',
					cookie: `${cookie.name}=${cookie.value}`
				},
				body: files(['tom.txt', new Uint8Array()], ['kopia.txt', NOTE])
			});
			const { documents } = (await res.json()) as { documents: { status: string; error: string }[] };
			expect(documents.map((d) => [d.status, d.error.replace(/"[^"]*"/, '"…"')])).toEqual([
				['failed', 'empty file'],
				['duplicate', 'already stored as "…"']
			]);
			expect(Object.keys(documents[0]).sort()).toEqual(['error', 'id', 'language', 'name', 'records', 'status']);
		});
	});

	describe('a Swedish admin adding a webhook', () => {
		it('is told what is wrong with the URL in Swedish', async () => {
			const form = (url: string) =>
				new URLSearchParams([
					['url', url],
					['events', 'record.approved'],
					['secret', '']
				]);
			const ftp = await swedishPost('admin', '/admin/webhooks?/create', form('ftp://example.org/x'));
			expect(ftp).toContain('En webhook-URL måste börja med https:// eller http://.');
			expect(ftp).not.toContain('must start with');
			const local = await swedishPost('admin', '/admin/webhooks?/create', form('http://127.0.0.1:9/x'));
			expect(local).toContain('URL:en når en privat eller lokal adress (127.0.0.1)');
			expect(local).not.toContain('private or local');
			const gone = await swedishPost('admin', '/admin/webhooks?/remove', new URLSearchParams([['id', 'ingen-sadan']]));
			expect(gone).toContain('Det finns ingen webhook med det id:t.');
			expect(gone).not.toContain('No webhook with that id');
		});
	});
});
