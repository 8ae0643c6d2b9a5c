/** The admin pages over HTTP: managing users through the named form actions, and the audit log. */
import { beforeAll, describe, expect, it } from 'vitest';
import { auditSql } from '../../src/lib/server/audit';
import { findUserByEmail } from '../../src/lib/server/auth/users';
import { describeServerEachDialect, serverDatabase } from '../helpers/dialect-server';
import { startTestServer } from '../helpers/server';
import { createTestUser, TEST_PASSWORD, type TestUser } from '../helpers/users';
import { Client, PLAIN_HTTP_ENV } from './http-client';

const notice = async (res: Response) => /<p role="(?:alert|status)"[^>]*>\s*([^<]*?)\s*<\/p>/.exec(await res.text())?.[1];

describeServerEachDialect('the admin pages', { env: PLAIN_HTTP_ENV }, (app, dialect) => {
	let admin: TestUser;
	let adminClient: Client;

	async function signedIn(email: string, password = TEST_PASSWORD): Promise<Client> {
		const c = new Client(app().server.url);
		const res = await c.signIn(email, password);
		expect(res.status, `signing in as ${email}`).toBe(303);
		return c;
	}

	beforeAll(async () => {
		admin = await createTestUser(app().sql, { role: 'admin', name: 'Alma Admin' });
		adminClient = await signedIn(admin.email);
	});

	describe('/admin/users', () => {
		it('lists the users without their password hashes', async () => {
			const res = await adminClient.get('/admin/users');
			expect(res.status).toBe(200);
			const html = await res.text();
			expect(html).toContain(admin.email);
			expect(html).not.toContain('$scrypt$');
		});

		it('creates a user who can then sign in with the given role', async () => {
			const res = await adminClient.post('/admin/users?/create', {
				email: 'Nils.New@example.org',
				name: 'Nils New',
				role: 'editor',
				password: 'nils has a good passphrase'
			});
			expect(res.status).toBe(200);
			expect(await notice(res)).toBe('Created nils.new@example.org (editor).');
			const nils = await signedIn('nils.new@example.org', 'nils has a good passphrase');
			const page = await (await nils.get('/workspace')).text();
			expect(page).toContain('Nils New');
			expect(page).toMatch(/>editor</);
		});

		it.each([
			['a weak password', { email: 'w@example.org', role: 'viewer', password: 'password123' }, 400, /most common/],
			['a short password', { email: 'w@example.org', role: 'viewer', password: 'short' }, 400, /at least 10 characters/],
			['an unknown role', { email: 'w@example.org', role: 'root', password: TEST_PASSWORD }, 400, /Unknown role "root"/],
			['a malformed address', { email: 'w-at-example', role: 'viewer', password: TEST_PASSWORD }, 400, /e-mail address such as/],
			['missing fields', {}, 400, /Enter an e-mail address/],
			[
				'a name over 1 KB',
				{ email: 'w@example.org', name: 'n'.repeat(1500), role: 'viewer', password: TEST_PASSWORD },
				400,
				/"name" is too long/
			],
			['an address in use', { email: 'ALMA-placeholder', role: 'viewer', password: TEST_PASSWORD }, 409, /already a user/]
		])('refuses to create a user with %s', async (_, fields, status, message) => {
			const f = { ...fields } as Record<string, string>;
			if (f.email === 'ALMA-placeholder') f.email = admin.email.toUpperCase();
			const res = await adminClient.post('/admin/users?/create', f);
			expect(res.status).toBe(status);
			expect(await notice(res)).toMatch(message);
			expect(await findUserByEmail(app().sql, 'w@example.org')).toBeUndefined();
		});

		it('changes a role, which takes effect on the user’s next request', async () => {
			const user = await createTestUser(app().sql, { role: 'editor' });
			const c = await signedIn(user.email);
			expect((await c.get('/admin/users')).status).toBe(403);
			const res = await adminClient.post('/admin/users?/setRole', { userId: user.id, role: 'admin' });
			expect(res.status).toBe(200);
			expect(await notice(res)).toBe(`${user.email} is now admin.`);
			expect((await c.get('/admin/users')).status).toBe(200);
		});

		it('disables a user, ending their sessions, and enables them again', async () => {
			const user = await createTestUser(app().sql, { role: 'editor' });
			const c = await signedIn(user.email);
			const res = await adminClient.post('/admin/users?/disable', { userId: user.id });
			expect(res.status).toBe(200);
			expect((await c.get('/workspace')).status).toBe(303);
			expect((await new Client(app().server.url).signIn(user.email, TEST_PASSWORD)).status).toBe(400);

			expect((await adminClient.post('/admin/users?/enable', { userId: user.id })).status).toBe(200);
			await signedIn(user.email);
		});

		it('resets a password, ending the user’s sessions; the old password stops working', async () => {
			const user = await createTestUser(app().sql, { role: 'viewer' });
			const c = await signedIn(user.email);
			const weak = await adminClient.post('/admin/users?/resetPassword', { userId: user.id, password: 'qwertyuiop' });
			expect(weak.status).toBe(400);
			expect((await c.get('/workspace')).status).toBe(200);

			const res = await adminClient.post('/admin/users?/resetPassword', { userId: user.id, password: 'a reset passphrase' });
			expect(res.status).toBe(200);
			expect(await notice(res)).toMatch(/every session of that user has ended/);
			expect((await c.get('/workspace')).status).toBe(303);
			expect((await new Client(app().server.url).signIn(user.email, TEST_PASSWORD)).status).toBe(400);
			await signedIn(user.email, 'a reset passphrase');
		});

		it('answers 404 for an unknown user and 409 for demoting the last admin', async () => {
			const missing = await adminClient.post('/admin/users?/setRole', { userId: 'no-such-user', role: 'viewer' });
			expect(missing.status).toBe(404);
			expect(await notice(missing)).toBe('No such user.');

			const soloDatabase = await serverDatabase(dialect);
			try {
				const solo = await startTestServer({ env: { ...PLAIN_HTTP_ENV, ...soloDatabase.env } });
				try {
					const soloSql = soloDatabase.open(solo);
					const only = await createTestUser(soloSql, { role: 'admin' });
					const c = new Client(solo.url);
					await c.signIn(only.email, TEST_PASSWORD);
					const res = await c.post('/admin/users?/setRole', { userId: only.id, role: 'editor' });
					expect(res.status).toBe(409);
					expect(await notice(res)).toMatch(/last active admin/);
					expect((await findUserByEmail(soloSql, only.email))?.role).toBe('admin');
				} finally {
					await solo.dispose();
				}
			} finally {
				await soloDatabase.close();
			}
			// A second server starts: more than half a minute on a loaded machine.
		}, 120_000);
	});

	describe('/admin/users in Swedish', () => {
		it('answers refusals and changes in the admin’s language, with the role named as on the page', async () => {
			const sv = new Client(app().server.url, { 'accept-language': 'sv-SE,sv;q=0.9' });
			expect((await sv.signIn(admin.email, TEST_PASSWORD)).status).toBe(303);
			const short = await sv.post('/admin/users?/create', { email: 'kort@example.org', name: '', role: 'editor', password: 'kort' });
			expect(short.status).toBe(400);
			expect(await notice(short)).toBe('Lösenordet måste vara minst 10 tecken långt.');

			const made = await sv.post('/admin/users?/create', {
				email: 'greta@example.org',
				name: '',
				role: 'approver',
				password: 'a long enough phrase'
			});
			expect(made.status).toBe(200);
			expect(await notice(made)).toBe('Skapade greta@example.org (godkännare).');

			const again = await sv.post('/admin/users?/create', {
				email: 'greta@example.org',
				name: '',
				role: 'editor',
				password: 'a long enough phrase'
			});
			expect(again.status).toBe(409);
			expect(await notice(again)).toBe('Det finns redan en användare med e-postadressen greta@example.org.');
		});
	});

	describe('/admin/audit', () => {
		it('shows sign-ins, failures, sign-outs and user changes, newest first', async () => {
			const user = await createTestUser(app().sql, { role: 'viewer', email: 'audited@example.org' });
			const c = new Client(app().server.url);
			await c.signIn(user.email, 'not the password');
			await c.signIn(user.email, TEST_PASSWORD);
			await c.post('/logout', {});
			await adminClient.post('/admin/users?/setRole', { userId: user.id, role: 'editor' });

			const html = await (await adminClient.get('/admin/audit')).text();
			const rows = [...html.matchAll(/<li[^>]*data-testid="audit-entry"[^>]*data-action="([^"]+)"[^>]*>([\s\S]*?)<\/li>/g)];
			const actions = rows.map((m) => m[1]);
			const words = (i: number) => rows[i][2].replace(/<!--[\s\S]*?-->|<[^>]+>/g, '').replace(/\s+/g, ' ');
			expect(actions.slice(0, 5)).toEqual(['user.role_changed', 'auth.sign_out', 'auth.sign_in', 'auth.sign_in_failed', 'user.created']);
			expect(words(0)).toContain(`${admin.name} changed the role of ${user.name} from viewer to editor`);
			expect(words(3)).toContain('failed sign-in as audited@example.org (wrong password)');
			expect(rows[2][2]).toContain('127.0.0.1');
		});

		it('pages through the log, 50 entries a page', async () => {
			const future = Date.now() + 60_000;
			for (let i = 0; i < 120; i++) await auditSql(app().sql, app().sql.db, { action: `test.entry_${i}`, at: new Date(future + i) });
			const first = await (await adminClient.get('/admin/audit')).text();
			const count = (html: string) => html.match(/data-testid="audit-entry"/g)?.length ?? 0;
			expect(count(first)).toBe(50);
			const shown = (html: string) => [...html.matchAll(/data-testid="audit-entry"[^>]*data-action="([^"]+)"/g)].map((m) => m[1]);
			expect(shown(first)).toContain('test.entry_119');
			expect(shown(first)).not.toContain('test.entry_69');
			const pages = Number(/Page 1 of (\d+)/.exec(first)![1]);
			expect(pages).toBeGreaterThanOrEqual(3);
			const second = await (await adminClient.get('/admin/audit?page=2')).text();
			expect(count(second)).toBe(50);
			expect(shown(second)).toContain('test.entry_69');
			expect(second).toContain('Page 2 of');
			const nonsense = await adminClient.get('/admin/audit?page=-3');
			expect(nonsense.status).toBe(200);
			expect(await nonsense.text()).toContain('Page 1 of');
		});
	});
});
