import { randomBytes, scryptSync } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import { needsRehash, verifyPassword } from '../../src/lib/server/auth/password';
import { validateSessionToken } from '../../src/lib/server/auth/session';
import { signIn, signOut } from '../../src/lib/server/auth/sign-in';
import { findUserByEmail } from '../../src/lib/server/auth/users';
import { clearAuthTables, recentAudit } from '../helpers/auth-tables';
import { describeEachDialect } from '../helpers/dialects';
import { createTestUser, TEST_PASSWORD } from '../helpers/users';

describeEachDialect('signing in', (database) => {
	const sql = () => database().sql;
	beforeEach(() => clearAuthTables(sql()));
	const attempt = (email: string, password: string, clientAddress = '192.0.2.10') => signIn(sql(), { email, password, clientAddress });

	it('opens a session for the right password, in any letter case of the address, and audits it', async () => {
		const user = await createTestUser(sql(), { role: 'viewer', email: 'vera@example.org' });
		const result = await attempt('Vera@Example.org', TEST_PASSWORD);
		if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`);
		expect(result.user).toEqual({ id: user.id, email: 'vera@example.org', name: user.name, role: 'viewer' });
		expect((await validateSessionToken(sql(), result.token))?.user.id).toBe(user.id);
		expect((await recentAudit(sql(), 1))[0]).toMatchObject({
			action: 'auth.sign_in',
			actorId: user.id,
			clientAddress: '192.0.2.10'
		});

		await signOut(sql(), result.session, '192.0.2.10');
		expect(await validateSessionToken(sql(), result.token)).toBeNull();
		expect((await recentAudit(sql(), 1))[0]).toMatchObject({ action: 'auth.sign_out', actorId: user.id });
	});

	it('answers an unknown address, a wrong password and a disabled account alike, and audits why', async () => {
		await createTestUser(sql(), { email: 'known@example.org' });
		await createTestUser(sql(), { email: 'off@example.org', disabled: true });
		expect(await attempt('nobody@example.org', TEST_PASSWORD)).toEqual({ ok: false, reason: 'invalid' });
		expect(await attempt('known@example.org', 'not the password')).toEqual({ ok: false, reason: 'invalid' });
		expect(await attempt('off@example.org', TEST_PASSWORD)).toEqual({ ok: false, reason: 'invalid' });
		const failures = await recentAudit(sql(), 3);
		expect(failures.map((e) => [e.action, e.detail?.reason])).toEqual([
			['auth.sign_in_failed', 'disabled'],
			['auth.sign_in_failed', 'wrong_password'],
			['auth.sign_in_failed', 'unknown_email']
		]);
	});

	it('locks an account after 5 failures, even for the right password, for unknown addresses too', async () => {
		await createTestUser(sql(), { email: 'locked@example.org' });
		for (const email of ['locked@example.org', 'ghost@example.org']) {
			for (let i = 0; i < 5; i++) expect((await attempt(email, 'wrong password!')).ok).toBe(false);
			const result = await attempt(email, TEST_PASSWORD);
			expect(result).toMatchObject({ ok: false, reason: 'throttled' });
			if (!result.ok && result.reason === 'throttled') expect(result.retryAfterMs).toBeGreaterThan(55_000);
		}
	});

	it('lets the right password through an address locked by failures on other e-mails; a wrong one there locks that account', async () => {
		await createTestUser(sql(), { email: 'colleague@example.org' });
		await createTestUser(sql(), { email: 'target@example.org' });
		for (let i = 0; i < 20; i++) expect((await attempt(`guess-${i}@example.org`, 'wrong password!')).ok).toBe(false);
		expect(await attempt('guess-0@example.org', TEST_PASSWORD)).toMatchObject({ ok: false, reason: 'throttled' });

		const started = Date.now();
		expect((await attempt('colleague@example.org', TEST_PASSWORD)).ok).toBe(true);
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);

		expect(await attempt('target@example.org', 'wrong password!')).toEqual({ ok: false, reason: 'invalid' });
		expect(await attempt('target@example.org', TEST_PASSWORD, '198.51.100.20')).toMatchObject({ ok: false, reason: 'throttled' });
	});

	it('re-hashes a scrypt password as argon2id on a successful sign-in', async () => {
		const user = await createTestUser(sql());
		const salt = randomBytes(16);
		const key = scryptSync(TEST_PASSWORD, salt, 32, { N: 2 ** 12, r: 8, p: 1 });
		const old = `$scrypt$ln=12,r=8,p=1$${salt.toString('base64')}$${key.toString('base64')}`.replace(/=+(?=\$|$)/g, '');
		await sql().db.update(sql().t.users).set({ passwordHash: old }).where(eq(sql().t.users.id, user.id));
		expect((await attempt(user.email, TEST_PASSWORD)).ok).toBe(true);
		const stored = (await findUserByEmail(sql(), user.email))!.passwordHash;
		expect(stored).not.toBe(old);
		expect(stored).toMatch(/^\$argon2id\$/);
		expect(needsRehash(stored)).toBe(false);
		expect(await verifyPassword(stored, TEST_PASSWORD)).toBe(true);
	});
});
