import { randomBytes, scryptSync } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/lib/server/audit';
import { needsRehash, verifyPassword } from '../../src/lib/server/auth/password';
import { validateSessionToken } from '../../src/lib/server/auth/session';
import { signIn, signOut } from '../../src/lib/server/auth/sign-in';
import { findUserByEmail } from '../../src/lib/server/auth/users';
import { users } from '../../src/lib/server/db/schema';
import { tempDatabase, type TempDatabase } from '../helpers/db';
import { createTestUser, TEST_PASSWORD } from '../helpers/users';

let t: TempDatabase;
beforeEach(() => {
	t = tempDatabase();
});
afterEach(() => t.cleanup());

const attempt = (email: string, password: string, clientAddress = '192.0.2.10') => signIn(t.db, { email, password, clientAddress });

describe('signing in', () => {
	it('opens a session for the right password, in any letter case of the address, and audits it', async () => {
		const user = await createTestUser(t.db, { role: 'viewer', email: 'vera@example.org' });
		const result = await attempt('Vera@Example.org', TEST_PASSWORD);
		if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`);
		expect(result.user).toEqual({ id: user.id, email: 'vera@example.org', name: user.name, role: 'viewer' });
		expect(validateSessionToken(t.db, result.token)?.user.id).toBe(user.id);
		expect(listAudit(t.db, { page: 1, pageSize: 1 }).entries[0]).toMatchObject({
			action: 'auth.sign_in',
			actorId: user.id,
			clientAddress: '192.0.2.10'
		});

		signOut(t.db, result.session, '192.0.2.10');
		expect(validateSessionToken(t.db, result.token)).toBeNull();
		expect(listAudit(t.db, { page: 1, pageSize: 1 }).entries[0]).toMatchObject({ action: 'auth.sign_out', actorId: user.id });
	});

	it('answers an unknown address, a wrong password and a disabled account alike, and audits why', async () => {
		await createTestUser(t.db, { email: 'known@example.org' });
		await createTestUser(t.db, { email: 'off@example.org', disabled: true });
		expect(await attempt('nobody@example.org', TEST_PASSWORD)).toEqual({ ok: false, reason: 'invalid' });
		expect(await attempt('known@example.org', 'not the password')).toEqual({ ok: false, reason: 'invalid' });
		expect(await attempt('off@example.org', TEST_PASSWORD)).toEqual({ ok: false, reason: 'invalid' });
		const failures = listAudit(t.db, { page: 1, pageSize: 3 }).entries;
		expect(failures.map((e) => [e.action, e.detail?.reason])).toEqual([
			['auth.sign_in_failed', 'disabled'],
			['auth.sign_in_failed', 'wrong_password'],
			['auth.sign_in_failed', 'unknown_email']
		]);
	});

	it('locks an account after 5 failures, even for the right password, for unknown addresses too', async () => {
		await createTestUser(t.db, { email: 'locked@example.org' });
		for (const email of ['locked@example.org', 'ghost@example.org']) {
			for (let i = 0; i < 5; i++) expect((await attempt(email, 'wrong password!')).ok).toBe(false);
			const result = await attempt(email, TEST_PASSWORD);
			expect(result).toMatchObject({ ok: false, reason: 'throttled' });
			if (!result.ok && result.reason === 'throttled') expect(result.retryAfterMs).toBeGreaterThan(55_000);
		}
	});

	it('lets the right password through an address locked by failures on other e-mails; a wrong one there locks that account', async () => {
		await createTestUser(t.db, { email: 'colleague@example.org' });
		await createTestUser(t.db, { email: 'target@example.org' });
		for (let i = 0; i < 20; i++) expect((await attempt(`guess-${i}@example.org`, 'wrong password!')).ok).toBe(false);
		expect(await attempt('guess-0@example.org', TEST_PASSWORD)).toMatchObject({ ok: false, reason: 'throttled' });

		const started = Date.now();
		expect((await attempt('colleague@example.org', TEST_PASSWORD)).ok).toBe(true);
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);

		expect(await attempt('target@example.org', 'wrong password!')).toEqual({ ok: false, reason: 'invalid' });
		expect(await attempt('target@example.org', TEST_PASSWORD, '198.51.100.20')).toMatchObject({ ok: false, reason: 'throttled' });
	});

	it('re-hashes a scrypt password as argon2id on a successful sign-in', async () => {
		const user = await createTestUser(t.db);
		const salt = randomBytes(16);
		const key = scryptSync(TEST_PASSWORD, salt, 32, { N: 2 ** 12, r: 8, p: 1 });
		const old = `$scrypt$ln=12,r=8,p=1$${salt.toString('base64')}$${key.toString('base64')}`.replace(/=+(?=\$|$)/g, '');
		t.db.update(users).set({ passwordHash: old }).where(eq(users.id, user.id)).run();
		expect((await attempt(user.email, TEST_PASSWORD)).ok).toBe(true);
		const stored = findUserByEmail(t.db, user.email)!.passwordHash;
		expect(stored).not.toBe(old);
		expect(stored).toMatch(/^\$argon2id\$/);
		expect(needsRehash(stored)).toBe(false);
		expect(await verifyPassword(stored, TEST_PASSWORD)).toBe(true);
	});
});
