/**
 * The documents API against the real built server: tokens (401, 403, revoked, rate
 * limited, never logged), each file answered for itself, duplicates, every bad input.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, revokeApiToken } from '../../src/lib/server/auth/api-tokens';
import { Client, PLAIN_HTTP_ENV, PLAIN_HTTP_HEADERS } from '../auth/http-client';
import { describeServerEachDialect } from '../helpers/dialect-server';
import { makeDocx, makeEncryptedPdf, makePdf, makeScannedPdf, makeZipBomb } from '../helpers/documents';
import { createTestUser, TEST_PASSWORD, type TestUser } from '../helpers/users';

const MAX = 3 * 1024 * 1024;
const RATE = 40;

const RELEASE = [
	'Nytt projekt för unga i Skåne',
	'',
	'Projektet "Unga vägar" leds av Region Skåne och får 4,5 miljoner kronor från Europeiska socialfonden.',
	'Det pågår från 1 mars 2024 till 28 februari 2026 tillsammans med Malmö stad och Lunds kommun.'
];

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

const text = (s: string) => new TextEncoder().encode(s);

describeServerEachDialect(
	'the documents API',
	{ env: { ...PLAIN_HTTP_ENV, SAMLA_MAX_DOCUMENT_BYTES: String(MAX), SAMLA_API_RATE_PER_MINUTE: String(RATE) } },
	(app) => {
		let editor: TestUser;
		let viewer: TestUser;
		const tokens: string[] = [];
		const url = () => app().server.url;

		async function tokenFor(user: TestUser, name = 'test'): Promise<string> {
			const { token } = await createApiToken(app().sql, user.id, name, { actorId: user.id });
			tokens.push(token);
			return token;
		}

		async function upload(files: { name: string; bytes: Uint8Array }[], headers: Record<string, string>): Promise<Response> {
			const form = new FormData();
			for (const f of files) form.append('file', new Blob([new Uint8Array(f.bytes)]), f.name);
			return fetch(`${url()}/api/documents`, { method: 'POST', body: form, headers: { ...PLAIN_HTTP_HEADERS, ...headers } });
		}

		const rows = {
			audit: () => app().sql.db.select().from(app().sql.t.auditLog).orderBy(app().sql.t.auditLog.id),
			documents: () => app().sql.db.select().from(app().sql.t.documents)
		};

		beforeAll(async () => {
			editor = await createTestUser(app().sql, { role: 'editor', name: 'Edda Editor' });
			viewer = await createTestUser(app().sql, { role: 'viewer' });
		});

		describe('who may call it', () => {
			it('answers 401 without a token or with a wrong or revoked one, and 403 to a viewer writing or listing', async () => {
				const file = [{ name: 'a.txt', bytes: text('Hej') }];
				expect((await upload(file, {})).status).toBe(401);
				expect((await fetch(`${url()}/api/documents`)).status).toBe(401);
				expect((await upload(file, auth('samla_' + 'x'.repeat(43)))).status).toBe(401);
				expect((await upload(file, { authorization: 'Basic abc' })).status).toBe(401);
				const viewerToken = await tokenFor(viewer);
				const refused = await upload(file, auth(viewerToken));
				expect(refused.status).toBe(403);
				expect((await refused.json()).error).toMatch(/editor/);
				expect((await fetch(`${url()}/api/documents`, { headers: auth(viewerToken) })).status).toBe(403);

				const revoked = await tokenFor(editor, 'short-lived');
				expect((await fetch(`${url()}/api/documents`, { headers: auth(revoked) })).status).toBe(200);
				const id = (await rows.audit()).find(
					(a) => a.action === 'api_token.created' && (a.detail as { name?: string })?.name === 'short-lived'
				)!.detail!.tokenId as string;
				expect(await revokeApiToken(app().sql, id, { actorId: editor.id })).toBe(true);
				expect((await fetch(`${url()}/api/documents`, { headers: auth(revoked) })).status).toBe(401);
				expect(await rows.documents()).toEqual([]);
			});

			it('limits the requests of one token per minute', async () => {
				const token = await tokenFor(editor, 'busy script');
				const statuses: number[] = [];
				for (let i = 0; i < RATE + 1; i++)
					statuses.push((await fetch(`${url()}/api/documents?pageSize=1`, { headers: auth(token) })).status);
				expect(statuses.slice(0, RATE).every((s) => s === 200)).toBe(true);
				expect(statuses[RATE]).toBe(429);
			});

			it('takes an upload from a signed-in browser session too, but no cross-site form post without a token', async () => {
				const c = new Client(url());
				await c.signIn(editor.email, TEST_PASSWORD, '/workspace');
				const cookie = [...c.cookies].map(([n, v]) => `${n}=${v.value}`).join('; ');
				const same = await upload([{ name: 'session.txt', bytes: text(`Sessionen ${Date.now()}\n\n${RELEASE.join('\n')}`) }], {
					cookie,
					origin: url()
				});
				expect(same.status).toBe(200);
				expect((await same.json()).documents[0].status).toBe('created');
				const cross = await upload([{ name: 'evil.txt', bytes: text('Från en annan webbplats') }], {
					cookie,
					origin: 'https://evil.example'
				});
				expect(cross.status).toBe(403);
				expect((await rows.documents()).some((d) => d.fileName === 'evil.txt')).toBe(false);
			});
		});

		describe('POST /api/documents', () => {
			it('answers every file for itself: text, HTML, PDF and DOCX created with their records; each bad file failed with its reason; a duplicate found', async () => {
				const token = await tokenFor(editor, 'uploader');
				const pdf = await makePdf([
					{ header: 'ESF-rådet', lines: [RELEASE[0], '', RELEASE[2]], footer: 'Sida 1' },
					{ header: 'ESF-rådet', lines: [RELEASE[3]], footer: 'Sida 2' }
				]);
				const docx = makeDocx([
					{ heading: 'Nytt projekt för unga i Blekinge' },
					{ paragraph: RELEASE[2].replace('Unga vägar', 'Unga broar').replace('Skåne', 'Blekinge') }
				]);
				const html = text(
					`<html><body><h1>Nytt projekt i Halland</h1><p>${RELEASE[2].replace('Unga vägar', 'Unga hamnar').replace('Region Skåne', 'Region Halland')}</p></body></html>`
				);
				const files = [
					{ name: 'release.txt', bytes: text(RELEASE.join('\n')) },
					{ name: 'empty.txt', bytes: new Uint8Array() },
					{ name: 'release.pdf', bytes: pdf },
					{ name: 'binary.txt', bytes: new Uint8Array([1, 0, 2, 0, 3]) },
					{ name: 'huge.txt', bytes: new Uint8Array(MAX + 10).fill(0x61) },
					{ name: 'secret.pdf', bytes: makeEncryptedPdf() },
					{ name: 'scan.pdf', bytes: await makeScannedPdf() },
					{ name: 'bomb.docx', bytes: makeZipBomb(16) },
					{ name: 'deep.html', bytes: text('<div>'.repeat(200_000)) },
					{ name: 'picture.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]) },
					{ name: 'release.docx', bytes: docx },
					{ name: 'page.html', bytes: html },
					{ name: 'again.txt', bytes: text(RELEASE.join('\n')) }
				];
				const res = await upload(files, auth(token));
				expect(res.status).toBe(200);
				const { documents: answers } = (await res.json()) as {
					documents: {
						name: string;
						id: string | null;
						status: string;
						language: string | null;
						records: { id: string; title: string }[];
						error: string | null;
					}[];
				};
				expect(answers.map((a) => [a.name, a.status])).toEqual([
					['release.txt', 'created'],
					['empty.txt', 'failed'],
					['release.pdf', 'created'],
					['binary.txt', 'failed'],
					['huge.txt', 'failed'],
					['secret.pdf', 'failed'],
					['scan.pdf', 'failed'],
					['bomb.docx', 'failed'],
					['deep.html', 'failed'],
					['picture.png', 'failed'],
					['release.docx', 'created'],
					['page.html', 'created'],
					['again.txt', 'duplicate']
				]);
				const by = Object.fromEntries(answers.map((a) => [a.name, a]));
				expect(by['empty.txt'].error).toMatch(/empty/);
				expect(by['binary.txt'].error).toMatch(/binary/);
				expect(by['huge.txt'].error).toMatch(/over the 3.0 MB limit/);
				expect(by['secret.pdf'].error).toMatch(/encrypted/);
				expect(by['scan.pdf'].error).toBe('this PDF has no text (scanned?)');
				expect(by['bomb.docx'].error).toMatch(/ZIP bomb/);
				expect(by['deep.html'].error).toMatch(/nested more than/);
				expect(by['picture.png'].error).toMatch(/unknown type: a PNG image/);
				for (const name of ['release.txt', 'release.pdf', 'release.docx', 'page.html']) {
					expect(by[name].language).toBe('sv');
					expect(by[name].error).toBeNull();
					expect(by[name].records.length, name).toBeGreaterThan(0);
					for (const r of by[name].records) {
						const { db, t } = app().sql;
						const [record] = await db.select().from(t.records).where(eq(t.records.id, r.id));
						expect(record.documentId).toBe(by[name].id);
					}
				}
				expect(by['again.txt'].id).toBe(by['release.txt'].id);
				// Nothing of a failed file was stored.
				const stored = (await rows.documents()).map((d) => d.fileName);
				for (const a of answers.filter((a) => a.status === 'failed')) expect(stored).not.toContain(a.name);

				// The text the offsets point into, and the original file as it was sent.
				const one = await (await fetch(`${url()}/api/documents/${by['release.pdf'].id}`, { headers: auth(token) })).json();
				expect(one).toMatchObject({ id: by['release.pdf'].id, name: 'release.pdf', type: 'pdf', language: 'sv' });
				expect(one.text).toContain('leds av Region Skåne');
				expect(one.text).not.toContain('ESF-rådet');
				expect(one.records.map((r: { id: string }) => r.id)).toEqual(by['release.pdf'].records.map((r) => r.id));
				const file = await fetch(`${url()}/api/documents/${by['release.docx'].id}/file`, { headers: auth(token) });
				expect(file.status).toBe(200);
				expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="release.docx"/);
				expect(new Uint8Array(await file.arrayBuffer())).toEqual(docx);
				expect(
					(await fetch(`${url()}/api/documents/${by['release.docx'].id}/file`, { headers: auth(await tokenFor(viewer)) })).status
				).toBe(403);
				expect((await fetch(`${url()}/api/documents/nope`, { headers: auth(token) })).status).toBe(404);

				const list = await (await fetch(`${url()}/api/documents?pageSize=2&page=1`, { headers: auth(token) })).json();
				expect(list.documents).toHaveLength(2);
				expect(list.total).toBeGreaterThanOrEqual(4);
				expect(list.documents[0]).toMatchObject({ type: expect.any(String), status: 'records' });

				// Audited with the token's id, never the token.
				const uploads = (await rows.audit()).filter((a) => a.action === 'document.uploaded');
				expect(uploads.filter((u) => u.actorId === editor.id && (u.detail as { tokenId?: string }).tokenId)).toHaveLength(4);
			});

			it('refuses a body that is not multipart, or has no file part', async () => {
				const token = await tokenFor(editor);
				const plain = await fetch(`${url()}/api/documents`, {
					method: 'POST',
					body: 'hello',
					headers: { ...auth(token), 'content-type': 'application/octet-stream' }
				});
				expect(plain.status).toBe(400);
				const form = new FormData();
				form.append('note', 'no file here');
				expect((await fetch(`${url()}/api/documents`, { method: 'POST', body: form, headers: auth(token) })).status).toBe(400);
			});

			it('answers 413 to a request over the whole-request limit (4 documents of the largest size), storing nothing', async () => {
				const before = (await rows.documents()).length;
				const big = (i: number) => ({ name: `big${i}.txt`, bytes: new Uint8Array(MAX - 100).fill(0x61 + i) });
				const res = await upload([0, 1, 2, 3, 4].map(big), auth(await tokenFor(editor)));
				expect(res.status).toBe(413);
				expect((await res.json()).error).toMatch(/fewer files per request/);
				expect(await rows.documents()).toHaveLength(before);
			});
		});

		describe('secrecy', () => {
			it('never writes a token to the server output, the database or the audit log', async () => {
				expect(tokens.length).toBeGreaterThan(3);
				const { db, t } = app().sql;
				const hashes = await db.select({ hash: t.apiTokens.tokenHash }).from(t.apiTokens);
				const dump = JSON.stringify(await rows.audit()) + hashes.map((h) => h.hash).join(',');
				for (const t of tokens) {
					expect(app().server.output()).not.toContain(t);
					expect(dump).not.toContain(t);
					expect(dump).not.toContain(t.slice(6));
				}
			});
		});
	}
);
