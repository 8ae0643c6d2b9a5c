import { beforeEach, expect, it } from 'vitest';
import { verifyPassword } from '../../src/lib/server/auth/password';
import {
	changePassword,
	changeRole,
	createUser,
	findUserByEmail,
	listUsers,
	setDisabled,
	UserError
} from '../../src/lib/server/auth/users';
import { clearAuthTables, recentAudit } from '../helpers/auth-tables';
import { describeEachDialect } from '../helpers/dialects';
import { createTestUser, TEST_PASSWORD } from '../helpers/users';

const web = (userId: string | null) => ({ userId, clientAddress: '192.0.2.5', via: 'web' }) as const;

const rejects = async (p: Promise<unknown> | (() => unknown), message: RegExp, status?: number) => {
	const err = await (typeof p === 'function' ? Promise.resolve().then(p) : p).then(
		() => null,
		(e: unknown) => e
	);
	expect(err).toBeInstanceOf(UserError);
	expect((err as UserError).message).toMatch(message);
	if (status) expect((err as UserError).status).toBe(status);
};

describeEachDialect('users', (database) => {
	const sql = () => database().sql;
	beforeEach(() => clearAuthTables(sql()));

	it('creates a user with a normalised address, a default name and a hashed password, and audits it', async () => {
		const admin = await createTestUser(sql(), { role: 'admin' });
		const user = await createUser(sql(), { email: '  Eva.Editor@Example.ORG ', role: 'editor', password: TEST_PASSWORD }, web(admin.id));
		expect(user).toMatchObject({ email: 'eva.editor@example.org', name: 'eva.editor', role: 'editor', disabledAt: null });
		expect(user).not.toHaveProperty('passwordHash');
		expect((await listUsers(sql())).every((u) => !('passwordHash' in u))).toBe(true);
		const stored = (await findUserByEmail(sql(), 'EVA.EDITOR@example.org'))!;
		expect(await verifyPassword(stored.passwordHash, TEST_PASSWORD)).toBe(true);
		const [entry] = await recentAudit(sql(), 1);
		expect(entry).toMatchObject({
			action: 'user.created',
			actorId: admin.id,
			actorEmail: admin.email,
			targetType: 'user',
			targetId: user.id,
			clientAddress: '192.0.2.5',
			detail: { email: 'eva.editor@example.org', role: 'editor', via: 'web' }
		});
	});

	it('refuses duplicates, weak passwords, unknown roles, bad addresses and overlong names', async () => {
		await createTestUser(sql(), { email: 'taken@example.org' });
		const base = { email: 'new@example.org', role: 'viewer', password: TEST_PASSWORD };
		await rejects(createUser(sql(), { ...base, email: 'TAKEN@example.org' }, web(null)), /already a user/, 409);
		await rejects(createUser(sql(), { ...base, password: 'short' }, web(null)), /at least 10/, 400);
		await rejects(createUser(sql(), { ...base, password: 'password123' }, web(null)), /most common/);
		await rejects(createUser(sql(), { ...base, role: 'superuser' }, web(null)), /Unknown role/);
		await rejects(createUser(sql(), { ...base, email: 'not-an-address' }, web(null)), /e-mail address such as/);
		await rejects(createUser(sql(), { ...base, email: '' }, web(null)), /Enter an e-mail/);
		await rejects(createUser(sql(), { ...base, name: 'n'.repeat(101) }, web(null)), /name is too long/);
		await rejects(createUser(sql(), { ...base, name: 'bell\u0007' }, web(null)), /control characters/);
		expect((await listUsers(sql())).map((u) => u.email)).toEqual(['taken@example.org']);
	});

	it('changes roles with an audit entry naming the old and new role', async () => {
		const admin = await createTestUser(sql(), { role: 'admin' });
		const user = await createTestUser(sql(), { role: 'viewer' });
		expect((await changeRole(sql(), user.id, 'approver', web(admin.id))).role).toBe('approver');
		expect((await findUserByEmail(sql(), user.email))?.role).toBe('approver');
		expect((await recentAudit(sql(), 1))[0]).toMatchObject({
			action: 'user.role_changed',
			targetId: user.id,
			detail: { from: 'viewer', to: 'approver' }
		});
		await rejects(changeRole(sql(), user.id, 'owner', web(admin.id)), /Unknown role/);
		await rejects(changeRole(sql(), 'no-such-id', 'viewer', web(admin.id)), /No such user/, 404);
	});

	it('never leaves the installation without an active admin', async () => {
		const first = await createTestUser(sql(), { role: 'admin' });
		await rejects(changeRole(sql(), first.id, 'approver', web(first.id)), /last active admin/, 409);
		await rejects(setDisabled(sql(), first.id, true, web(first.id)), /last active admin/, 409);
		const second = await createTestUser(sql(), { role: 'admin' });
		expect((await changeRole(sql(), first.id, 'editor', web(second.id))).role).toBe('editor');
		await rejects(setDisabled(sql(), second.id, true, web(second.id)), /last active admin/);
	});

	it('keeps one admin when two admins demote each other at once, from two processes', async () => {
		const a = await createTestUser(sql(), { role: 'admin' });
		const b = await createTestUser(sql(), { role: 'admin' });
		const another = await database().openAnother();
		const outcomes = await Promise.allSettled([changeRole(sql(), b.id, 'editor', web(a.id)), setDisabled(another, a.id, true, web(b.id))]);
		expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
		const [refused] = outcomes.filter((o) => o.status === 'rejected');
		expect(String(refused.reason)).toMatch(/last active admin/);
		const admins = (await listUsers(sql())).filter((u) => u.role === 'admin' && !u.disabledAt);
		expect(admins).toHaveLength(1);
	});

	it('disables and enables, auditing each', async () => {
		const user = await createTestUser(sql());
		expect((await setDisabled(sql(), user.id, true, web(null))).disabledAt).toBeInstanceOf(Date);
		expect((await setDisabled(sql(), user.id, false, web(null))).disabledAt).toBeNull();
		const actions = (await recentAudit(sql(), 2)).map((e) => e.action);
		expect(actions).toEqual(['user.enabled', 'user.disabled']);
	});

	it('changes a password only to an acceptable one', async () => {
		const user = await createTestUser(sql());
		await rejects(changePassword(sql(), user.id, 'qwertyuiop', web(null)), /most common/);
		await changePassword(sql(), user.id, 'another good passphrase', web(null));
		const stored = (await findUserByEmail(sql(), user.email))!;
		expect(await verifyPassword(stored.passwordHash, 'another good passphrase')).toBe(true);
		expect(await verifyPassword(stored.passwordHash, TEST_PASSWORD)).toBe(false);
		expect((await recentAudit(sql(), 1))[0].action).toBe('user.password_changed');
	});
});
