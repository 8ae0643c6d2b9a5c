/**
 * Pages over HTTP against the real server: private answers are never cached, error pages
 * speak the visitor's language and offer a way on, an empty site says why, and the audit
 * log reads in words with working filters and paging.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { auditSql, type AuditEntry } from '../../src/lib/server/audit';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { describeServerEachDialect } from '../helpers/dialect-server';
import { validRecord } from '../helpers/records';
import { draftRecord } from '../helpers/records-sql';
import { createTestUser, type TestUser } from '../helpers/users';

const text = (html: string) =>
	html
		.replace(/<!--[^]*?-->/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ');

describeServerEachDialect('pages over HTTP', {}, (app) => {
	let admin: TestUser;
	let editor: TestUser;
	let adminToken: string;
	let editorToken: string;

	beforeAll(async () => {
		const { sql } = app();
		admin = await createTestUser(sql, { role: 'admin', name: 'Astrid Admin' });
		editor = await createTestUser(sql, { role: 'editor', name: 'Erik Editor' });
		adminToken = (await createSession(sql, admin.id)).token;
		editorToken = (await createSession(sql, editor.id)).token;
	}, 60_000);

	const get = (path: string, { token, headers = {} }: { token?: string; headers?: Record<string, string> } = {}) =>
		fetch(`${app().server.url}${path}`, {
			redirect: 'manual',
			headers: { accept: 'text/html', ...(token ? { cookie: `${SESSION_COOKIE}=${token}` } : {}), ...headers }
		});

	describe('Cache-Control', () => {
		it.each([
			['/workspace', 'editor'],
			['/workspace/__data.json', 'editor'],
			['/admin/users', 'admin'],
			['/admin/audit', 'admin'],
			['/', 'editor'],
			['/api/projects', 'editor'],
			['/login', null],
			['/workspace', null]
		])('is private, no-store for %s (signed in: %s)', async (path, who) => {
			const res = await get(path, { token: who === 'admin' ? adminToken : who === 'editor' ? editorToken : undefined });
			expect(res.headers.get('cache-control')).toBe('private, no-store');
		});

		it('is private, no-store for a token-authenticated request, and left alone for the public signed out', async () => {
			expect((await get('/api/projects', { headers: { authorization: 'Bearer x' } })).headers.get('cache-control')).toBe(
				'private, no-store'
			);
			expect((await get('/api/projects')).headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
			expect((await get('/')).headers.get('cache-control') ?? '').not.toContain('no-store');
		});
	});

	describe('error pages', () => {
		it('answers an unknown address in the visitor language, inside the site layout, with ways on', async () => {
			const res = await get('/nonexistent', { headers: { 'accept-language': 'sv-SE,sv;q=0.9,en;q=0.5' } });
			expect(res.status).toBe(404);
			const html = await res.text();
			expect(html).toMatch(/<html lang="sv"/);
			const words = text(html);
			expect(words).toContain('Sidan finns inte');
			expect(html).toContain('<header');
			expect(html).toMatch(/href="\/"[^>]*>Startsidan: alla projekt/);
			expect(html).toMatch(/href="\/login\?redirectTo=%2Fnonexistent"[^>]*>Logga in/);
			expect(words).toContain('Gå tillbaka');
		});

		it('follows a chosen language over the browser one, and keeps it in the links', async () => {
			const html = await (await get('/nonexistent?lang=no', { headers: { 'accept-language': 'sv' } })).text();
			expect(html).toMatch(/<html lang="nb"/);
			expect(text(html)).toContain('Siden finnes ikke');
			expect(html).toMatch(/href="\/\?lang=no"[^>]*>Forsiden/);
		});

		it('gives a forbidden page its reason and a way back to the workspace', async () => {
			const res = await get('/admin/users', { token: editorToken });
			expect(res.status).toBe(403);
			const html = await res.text();
			const words = text(html);
			expect(words).toContain('You may not open this page');
			expect(words).toContain('This needs the admin role; you are signed in as editor.');
			expect(html).toMatch(/href="\/workspace"[^>]*>Workspace/);
			expect(html).toMatch(/href="\/"[^>]*>Home: all projects/);
		});
	});

	describe('an empty public site', () => {
		it('says that nothing is approved yet and where editors sign in, not that a search found nothing', async () => {
			for (const [path, lang, expected] of [
				['/', 'en', 'No project has been approved yet'],
				['/stats', 'en', 'No project has been approved yet'],
				['/?lang=sv', 'sv', 'Inget projekt har godkänts ännu']
			] as const) {
				const html = await (await get(path)).text();
				const words = text(html);
				expect(words, `${path} ${lang}`).toContain(expected);
				expect(words).not.toContain('matches this search');
				expect(html).toContain('href="/login?redirectTo=%2Fworkspace"');
			}
			// A search that finds nothing still says so.
			expect(text(await (await get('/?q=nothing-like-this')).text())).toContain('No approved project matches this search.');
		});
	});

	describe('an empty review queue', () => {
		// Editors work in the browser: the queue points them at the upload page, not at a shell command.
		it('points to the Documents page to upload documents, in the reader’s language', async () => {
			for (const [path, expected] of [
				['/workspace', 'Upload documents to find records in them.'],
				['/workspace?lang=sv', 'Ladda upp dokument för att hitta poster i dem.']
			] as const) {
				const html = await (await get(path, { token: editorToken })).text();
				expect(html, path).toMatch(new RegExp(`href="/workspace/documents"[^>]*>\\s*${expected.replace('.', '\\.')}`));
				expect(text(html)).not.toContain('samla ingest');
			}
		});
	});

	describe('the audit log', () => {
		let recordA: string;
		let recordB: string;
		const day = (d: string, h = 12) => new Date(`${d}T${String(h).padStart(2, '0')}:00:00Z`);

		beforeAll(async () => {
			const { sql } = app();
			const audit = (entry: AuditEntry) => auditSql(sql, sql.db, entry);
			recordA = await draftRecord(sql, validRecord({ title: 'Kompetens Skåne' }));
			recordB = await draftRecord(sql, validRecord({ title: 'Grön omställning Norr' }));
			await audit({
				action: 'record.bulk_approved',
				actorId: admin.id,
				targetType: 'record',
				detail: {
					selected: 2,
					approved: 1,
					records: [
						{ id: recordA, ok: true },
						{ id: recordB, ok: false }
					]
				},
				at: day('2026-03-02')
			});
			await audit({
				action: 'record.state_changed',
				actorId: editor.id,
				targetType: 'record',
				targetId: recordB,
				detail: { action: 'submit', from: 'draft', to: 'in_review', reason: null },
				at: day('2026-03-03')
			});
			await audit({
				action: 'record.approved',
				actorId: admin.id,
				targetType: 'record',
				targetId: recordA,
				detail: { version: 1, note: null },
				at: day('2026-03-04')
			});
			// Just after midnight in Stockholm on 5 March is still 4 March in UTC.
			await audit({
				action: 'record.restored',
				actorId: admin.id,
				targetType: 'record',
				targetId: recordA,
				detail: { version: 1 },
				at: new Date('2026-03-04T23:30:00Z')
			});
			for (let i = 0; i < 55; i++)
				await audit({ action: 'auth.sign_in', actorId: editor.id, targetType: 'user', targetId: editor.id, at: day('2026-01-10') });
		});

		const entries = async (query: string) => {
			const html = await (await get(`/admin/audit${query}`, { token: adminToken })).text();
			const items = [...html.matchAll(/<li[^>]*data-testid="audit-entry"[^>]*data-action="([^"]+)"[^>]*>([^]*?)<\/li>/g)];
			// The sentence as a reader sees it: links are inline, so their tags add no space.
			const sentence = (item: string) =>
				(/data-testid="audit-summary"[^>]*>([^]*?)<\/p>/.exec(item)?.[1] ?? '')
					.replace(/<!--[^]*?-->|<[^>]+>/g, '')
					.replace(/\s+/g, ' ')
					.trim();
			return { html, items: items.map((m) => ({ action: m[1], html: m[2], words: sentence(m[2]) })) };
		};

		it('names people and records, links them, and says what happened in words', async () => {
			const { items } = await entries(`?from=2026-03-01&to=2026-03-31`);
			const bulk = items.find((i) => i.action === 'record.bulk_approved')!;
			expect(bulk.words).toContain('Astrid Admin approved 1 of 2 selected records: Kompetens Skåne; not approved: Grön omställning Norr');
			expect(bulk.html).toContain(`href="/workspace/records/${recordA}"`);
			expect(bulk.html).toContain(`href="/admin/users#user-${admin.id}"`);
			const submitted = items.find((i) => i.action === 'record.state_changed')!;
			expect(submitted.words).toContain('Erik Editor asked for review of Grön omställning Norr');
			for (const item of items) {
				expect(item.words).not.toMatch(/null|\[|\{|[0-9a-f]{8}-[0-9a-f]{4}-/);
			}
		});

		it('filters by person, action and day range (days in the time zone dates are written in), and pages', async () => {
			const byEditor = await entries(`?person=${editor.id}&from=2026-03-01`);
			expect(byEditor.items.map((i) => i.action)).toEqual(['record.state_changed']);

			const approvals = await entries(`?action=record.approved`);
			expect(approvals.items.map((i) => i.words)).toEqual([expect.stringContaining('Astrid Admin approved Kompetens Skåne as version 1')]);

			const march4 = await entries(`?from=2026-03-04&to=2026-03-04`);
			expect(march4.items.map((i) => i.action)).toEqual(['record.approved']);
			const march5 = await entries(`?from=2026-03-05&to=2026-03-05`);
			expect(march5.items.map((i) => i.action)).toEqual(['record.restored']);

			const first = await entries(`?person=${editor.id}&action=auth.sign_in`);
			expect(first.items).toHaveLength(50);
			expect(first.html).toContain(`href="?person=${editor.id}&amp;action=auth.sign_in&amp;page=2"`);
			const second = await entries(`?person=${editor.id}&action=auth.sign_in&page=2`);
			expect(second.items).toHaveLength(5);
			expect(text(second.html)).toContain('Page 2 of 2');
		});

		it('says clearly when a date cannot be read', async () => {
			const { html, items } = await entries(`?from=2026-02-30`);
			expect(text(html)).toContain('"2026-02-30" is not a date; write it as YYYY-MM-DD.');
			expect(items.length).toBeGreaterThan(0);
		});
	});

	describe('the review queue', () => {
		// "New record from this document" makes a record with no title yet: it must still be reachable from the queue.
		it('names a record without a title "Untitled" and links it, in the reader’s language', async () => {
			const id = await draftRecord(app().sql, validRecord({ title: '' }));
			for (const [path, expected] of [
				['/workspace', 'Untitled'],
				['/workspace?lang=sv', 'Namnlös']
			] as const) {
				const html = await (await get(path, { token: editorToken })).text();
				expect(html, path).toMatch(new RegExp(`href="/workspace/records/${id}"[^>]*>\\s*${expected}\\s*</a>`));
				expect(html, path).toContain(`aria-label="${expected === 'Untitled' ? 'Select Untitled' : 'Markera Namnlös'}"`);
			}
			// Its history page links back to it by the same name.
			expect(await (await get(`/workspace/records/${id}/history`, { token: editorToken })).text()).toMatch(
				new RegExp(`href="/workspace/records/${id}"[^>]*>← Untitled</a>`)
			);
		});
	});
});
