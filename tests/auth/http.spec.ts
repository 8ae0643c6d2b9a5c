/** Signing in and out against the real built server, with cookies handled by hand. */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { sessionIdFromToken, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { describeServerEachDialect } from '../helpers/dialect-server';
import { createTestUser, TEST_PASSWORD, type TestUser } from '../helpers/users';
import { Client, PLAIN_HTTP_ENV } from './http-client';

const DAY = 24 * 60 * 60 * 1000;

const alert = async (res: Response) => /<p role="alert"[^>]*>([^<]*)<\/p>/.exec(await res.text())?.[1];

describeServerEachDialect('signing in', { env: { ...PLAIN_HTTP_ENV, ADDRESS_HEADER: 'x-client-address' } }, (app) => {
	let viewer: TestUser;
	let disabled: TestUser;
	let addresses = 0;

	/** Each client comes from its own address (the server trusts X-Client-Address here), so per-address limits do not leak between tests. */
	const client = () => new Client(app().server.url, { 'x-client-address': `192.0.2.${++addresses}` });
	const session = async (token: string) => {
		const { db, t } = app().sql;
		const [row] = await db
			.select()
			.from(t.sessions)
			.where(eq(t.sessions.id, sessionIdFromToken(token)));
		return row;
	};

	beforeAll(async () => {
		viewer = await createTestUser(app().sql, { role: 'viewer', name: 'Vera Viewer', email: 'vera@example.org' });
		disabled = await createTestUser(app().sql, { role: 'editor', email: 'gone@example.org', disabled: true });
	});

	describe('the sign-in page', () => {
		it('serves a form that works without JavaScript', async () => {
			const res = await client().get('/login?redirectTo=%2Fworkspace');
			expect(res.status).toBe(200);
			const html = await res.text();
			expect(html).toMatch(/<form[^>]*method="POST"/);
			expect(html).toContain('name="email"');
			expect(html).toContain('name="password"');
			expect(html).toMatch(/name="redirectTo" value="\/workspace"/);
		});
	});

	describe('signing in and out', () => {
		it('sets an HttpOnly, SameSite=Lax session cookie (not Secure over http) and goes where the user wanted', async () => {
			const c = client();
			const res = await c.signIn('Vera@Example.org', TEST_PASSWORD, '/workspace?q=energy');
			expect(res.status).toBe(303);
			expect(res.headers.get('location')).toBe('/workspace?q=energy');
			const line = c.lastSetCookie.find((l) => l.startsWith(`${SESSION_COOKIE}=`))!;
			expect(line).toMatch(/; HttpOnly/i);
			expect(line).toMatch(/; SameSite=Lax/i);
			expect(line).toMatch(/; Path=\//i);
			expect(line).not.toMatch(/; Secure/i);
			const expires = new Date(/Expires=([^;]+)/i.exec(line)![1]).getTime();
			expect(Math.abs(expires - (Date.now() + 30 * DAY))).toBeLessThan(60_000);

			const token = c.cookies.get(SESSION_COOKIE)!.value;
			expect((await session(token))?.userId).toBe(viewer.id);
			const page = await c.get('/workspace');
			expect(page.status).toBe(200);
			const html = await page.text();
			expect(html).toContain('Vera Viewer');
			expect(html).toMatch(/>viewer</);
		});

		it('signs out with POST /logout: the session is deleted and the cookie cleared', async () => {
			const c = client();
			await c.signIn(viewer.email, TEST_PASSWORD);
			const token = c.cookies.get(SESSION_COOKIE)!.value;
			const res = await c.post('/logout', {});
			expect(res.status).toBe(303);
			expect(res.headers.get('location')).toBe('/');
			expect(c.lastSetCookie.some((l) => l.startsWith(`${SESSION_COOKIE}=;`) && /Max-Age=0/i.test(l))).toBe(true);
			expect(await session(token)).toBeUndefined();

			const replay = new Client(app().server.url, { 'x-client-address': '192.0.2.250', cookie: `${SESSION_COOKIE}=${token}` });
			const again = await replay.get('/workspace');
			expect(again.status).toBe(303);
			expect(again.headers.get('location')).toBe('/login?redirectTo=%2Fworkspace');
		});

		it('refuses a sign-out posted from another site (SvelteKit CSRF check)', async () => {
			const c = client();
			await c.signIn(viewer.email, TEST_PASSWORD);
			const res = await c.post('/logout', {}, { origin: 'https://evil.example' });
			expect(res.status).toBe(403);
			expect((await c.get('/workspace')).status).toBe(200);
		});

		it('replaces a session that came with the sign-in request', async () => {
			const c = client();
			await c.signIn(viewer.email, TEST_PASSWORD);
			const first = c.cookies.get(SESSION_COOKIE)!.value;
			await c.post('/login', { email: viewer.email, password: TEST_PASSWORD });
			expect(c.cookies.get(SESSION_COOKIE)!.value).not.toBe(first);
			expect(await session(first)).toBeUndefined();
		});

		it('sends a signed-in user away from the sign-in page, to a safe target', async () => {
			const c = client();
			await c.signIn(viewer.email, TEST_PASSWORD);
			for (const target of ['//evil.example/x', '/.//evil.example/phish', '/..//evil.example', '/%2e//evil.example']) {
				const res = await c.get(`/login?redirectTo=${encodeURIComponent(target)}`);
				expect(res.status).toBe(303);
				expect(res.headers.get('location')).toBe('/workspace');
			}
		});
	});

	describe('redirectTo', () => {
		it.each([
			['//evil.example'],
			['https://evil.example/workspace'],
			['/\\evil.example'],
			['/.//evil.example/phish'],
			['\\\\evil.example'],
			['javascript:alert(1)'],
			['/login'],
			['workspace'],
			[`/${'a'.repeat(1100)}`]
		])('never leaves the site for %s', async (target) => {
			const res = await client().signIn(viewer.email, TEST_PASSWORD, target);
			expect(res.status).toBe(target.length > 1024 ? 400 : 303);
			if (res.status === 303) expect(res.headers.get('location')).toBe('/workspace');
		});

		it('keeps the path and query of a protected page through the sign-in', async () => {
			const c = client();
			const res = await c.get('/workspace/records/abc?field=title');
			expect(res.status).toBe(303);
			const login = res.headers.get('location')!;
			expect(login).toBe('/login?redirectTo=%2Fworkspace%2Frecords%2Fabc%3Ffield%3Dtitle');
			const target = new URL(login, app().server.url).searchParams.get('redirectTo')!;
			const signedIn = await c.signIn(viewer.email, TEST_PASSWORD, target);
			expect(signedIn.headers.get('location')).toBe('/workspace/records/abc?field=title');
		});
	});

	describe('forged and expired cookies', () => {
		it('treats a forged cookie as signed out and clears it, on public pages too', async () => {
			for (const path of ['/workspace', '/']) {
				const c = new Client(app().server.url, { 'x-client-address': '192.0.2.251', cookie: `${SESSION_COOKIE}=${'x'.repeat(32)}` });
				const res = await c.get(path);
				expect(res.status).toBe(path === '/' ? 200 : 303);
				expect(c.lastSetCookie.some((l) => l.startsWith(`${SESSION_COOKIE}=;`) && /Max-Age=0/i.test(l))).toBe(true);
			}
		});

		it('treats an expired session as signed out, and extends one that has less than 15 days left', async () => {
			const c = client();
			await c.signIn(viewer.email, TEST_PASSWORD);
			const id = sessionIdFromToken(c.cookies.get(SESSION_COOKIE)!.value);
			const { db, t } = app().sql;
			const setExpiry = (at: number) =>
				db
					.update(t.sessions)
					.set({ expiresAt: new Date(at) })
					.where(eq(t.sessions.id, id));

			await setExpiry(Date.now() + 10 * DAY);
			const extended = await c.get('/workspace');
			expect(extended.status).toBe(200);
			const [{ expiresAt }] = await db.select().from(t.sessions).where(eq(t.sessions.id, id));
			const stored = expiresAt.getTime();
			expect(stored).toBeGreaterThan(Date.now() + 29 * DAY);
			const line = c.lastSetCookie.find((l) => l.startsWith(`${SESSION_COOKIE}=`))!;
			expect(Math.abs(new Date(/Expires=([^;]+)/i.exec(line)![1]).getTime() - stored)).toBeLessThan(1000);

			await setExpiry(Date.now() - 1000);
			const expired = await c.get('/workspace');
			expect(expired.status).toBe(303);
			expect(expired.headers.get('location')).toMatch(/^\/login\?redirectTo=/);
			expect(c.cookies.has(SESSION_COOKIE)).toBe(false);
		});
	});

	describe('wrong and bad input', () => {
		it('gives the same answer for an unknown address, a wrong password and a disabled account', async () => {
			const answers = [];
			for (const [email, password] of [
				['nobody@example.org', TEST_PASSWORD],
				[viewer.email, 'not the password'],
				[disabled.email, TEST_PASSWORD]
			]) {
				const res = await client().signIn(email, password);
				answers.push({ status: res.status, message: await alert(res), cookie: res.headers.getSetCookie() });
			}
			for (const a of answers) {
				expect(a).toMatchObject({ status: 400, message: 'Wrong e-mail address or password.', cookie: [] });
			}
			// That they also take as long is the dummy hash's part (password.spec.ts: the same work, not a timing).
		});

		it.each([
			['empty fields', { email: '', password: '' }, 'Enter your e-mail address and your password.'],
			['no password', { email: 'vera@example.org' }, 'Enter your e-mail address and your password.'],
			[
				'a malformed address',
				{ email: 'vera-at-example.org', password: TEST_PASSWORD },
				'Enter an e-mail address such as name@example.org.'
			],
			[
				'an address over 1 KB',
				{ email: `${'v'.repeat(1100)}@example.org`, password: TEST_PASSWORD },
				'The field "email" is too long (at most 1024 bytes).'
			],
			[
				'a password over 1 KB',
				{ email: 'vera@example.org', password: 'p'.repeat(1025) },
				'The field "password" is too long (at most 1024 bytes).'
			]
		])('answers 400 with a clear message for %s', async (_, fields, message) => {
			const res = await client().post('/login', fields as Record<string, string>);
			expect(res.status).toBe(400);
			expect(await alert(res)).toBe(message);
		});

		it('words a refused form in the page language', async () => {
			const res = await client().post('/login', { email: 'vera@example.org', password: 'p'.repeat(1025) }, { 'accept-language': 'sv' });
			expect(res.status).toBe(400);
			expect(await alert(res)).toBe('Fältet "password" är för långt (högst 1024 byte).');
		});

		it('answers 400 to a body that is not a readable form, or a file where text belongs', async () => {
			const broken = await client().post('/login', 'garbage', { 'content-type': 'multipart/form-data' });
			expect(broken.status).toBe(400);
			expect(await alert(broken)).toMatch(/could not be read/);

			const boundary = 'XyZ';
			const file = [
				`--${boundary}`,
				'Content-Disposition: form-data; name="email"',
				'',
				'vera@example.org',
				`--${boundary}`,
				'Content-Disposition: form-data; name="password"; filename="pw.txt"',
				'Content-Type: text/plain',
				'',
				TEST_PASSWORD,
				`--${boundary}--`,
				''
			].join('\r\n');
			const res = await client().post('/login', file, { 'content-type': `multipart/form-data; boundary=${boundary}` });
			expect(res.status).toBe(400);
			expect(await alert(res)).toBe('The field "password" must be text.');
		});
	});

	describe('rate limiting', () => {
		it('answers 429 after 5 failures for one account, from any address, even with the right password', async () => {
			const user = await createTestUser(app().sql, { role: 'editor' });
			for (let i = 0; i < 5; i++) expect((await client().signIn(user.email, `wrong password ${i}`)).status).toBe(400);
			const res = await client().signIn(user.email, TEST_PASSWORD);
			expect(res.status).toBe(429);
			expect(await alert(res)).toBe('Too many failed sign-ins; try again in 1 minute.');
			expect(res.headers.getSetCookie()).toEqual([]);
		});

		it('after 20 failures from one address, refuses the accounts guessed there but lets a right password through', async () => {
			const c = new Client(app().server.url, { 'x-client-address': '198.51.100.77' });
			for (let i = 0; i < 20; i++) expect((await c.signIn(`guess-${i}@example.org`, 'wrong password')).status).toBe(400);
			const res = await c.signIn('guess-3@example.org', TEST_PASSWORD);
			expect(res.status).toBe(429);
			expect(await alert(res)).toMatch(/^Too many failed sign-ins; try again in \d+ minutes?\.$/);
			// A colleague behind the same address who knows their password (and has no failures of their own) still gets in.
			const colleague = await createTestUser(app().sql, { role: 'viewer' });
			expect((await c.signIn(colleague.email, TEST_PASSWORD)).status).toBe(303);
			// One wrong guess through the locked address locks that account at once.
			const other = await createTestUser(app().sql, { role: 'editor' });
			const sameAddress = new Client(app().server.url, { 'x-client-address': '198.51.100.77' });
			expect((await sameAddress.signIn(other.email, 'wrong password')).status).toBe(400);
			expect((await client().signIn(other.email, TEST_PASSWORD)).status).toBe(429);
		}, 120_000);
	});
});
