import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/lib/server/audit';
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
import { tempDatabase, type TempDatabase } from '../helpers/db';
import { createTestUser, TEST_PASSWORD } from '../helpers/users';

const web = (userId: string | null) => ({ userId, clientAddress: '192.0.2.5', via: 'web' }) as const;
let t: TempDatabase;
beforeEach(() => {
	t = tempDatabase();
});
afterEach(() => t.cleanup());

const rejects = async (p: Promise<unknown> | (() => unknown), message: RegExp, status?: number) => {
	const err = await (typeof p === 'function' ? Promise.resolve().then(p) : p).then(
		() => null,
		(e: unknown) => e
	);
	expect(err).toBeInstanceOf(UserError);
	expect((err as UserError).message).toMatch(message);
	if (status) expect((err as UserError).status).toBe(status);
};

describe('users', () => {
	it('creates a user with a normalised address, a default name and a hashed password, and audits it', async () => {
		const admin = await createTestUser(t.db, { role: 'admin' });
		const user = await createUser(t.db, { email: '  Eva.Editor@Example.ORG ', role: 'editor', password: TEST_PASSWORD }, web(admin.id));
		expect(user).toMatchObject({ email: 'eva.editor@example.org', name: 'eva.editor', role: 'editor', disabledAt: null });
		expect(user).not.toHaveProperty('passwordHash');
		expect(listUsers(t.db).every((u) => !('passwordHash' in u))).toBe(true);
		const stored = findUserByEmail(t.db, 'EVA.EDITOR@example.org')!;
		expect(await verifyPassword(stored.passwordHash, TEST_PASSWORD)).toBe(true);
		const [entry] = listAudit(t.db, { page: 1, pageSize: 1 }).entries;
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
		await createTestUser(t.db, { email: 'taken@example.org' });
		const base = { email: 'new@example.org', role: 'viewer', password: TEST_PASSWORD };
		await rejects(createUser(t.db, { ...base, email: 'TAKEN@example.org' }, web(null)), /already a user/, 409);
		await rejects(createUser(t.db, { ...base, password: 'short' }, web(null)), /at least 10/, 400);
		await rejects(createUser(t.db, { ...base, password: 'password123' }, web(null)), /most common/);
		await rejects(createUser(t.db, { ...base, role: 'superuser' }, web(null)), /Unknown role/);
		await rejects(createUser(t.db, { ...base, email: 'not-an-address' }, web(null)), /e-mail address such as/);
		await rejects(createUser(t.db, { ...base, email: '' }, web(null)), /Enter an e-mail/);
		await rejects(createUser(t.db, { ...base, name: 'n'.repeat(101) }, web(null)), /name is too long/);
		await rejects(createUser(t.db, { ...base, name: 'bell\u0007' }, web(null)), /control characters/);
		expect(listUsers(t.db).map((u) => u.email)).toEqual(['taken@example.org']);
	});

	it('changes roles with an audit entry naming the old and new role', async () => {
		const admin = await createTestUser(t.db, { role: 'admin' });
		const user = await createTestUser(t.db, { role: 'viewer' });
		expect(changeRole(t.db, user.id, 'approver', web(admin.id)).role).toBe('approver');
		expect(findUserByEmail(t.db, user.email)?.role).toBe('approver');
		expect(listAudit(t.db, { page: 1, pageSize: 1 }).entries[0]).toMatchObject({
			action: 'user.role_changed',
			targetId: user.id,
			detail: { from: 'viewer', to: 'approver' }
		});
		await rejects(() => changeRole(t.db, user.id, 'owner', web(admin.id)), /Unknown role/);
		await rejects(() => changeRole(t.db, 'no-such-id', 'viewer', web(admin.id)), /No such user/, 404);
	});

	it('never leaves the installation without an active admin', async () => {
		const first = await createTestUser(t.db, { role: 'admin' });
		await rejects(() => changeRole(t.db, first.id, 'approver', web(first.id)), /last active admin/, 409);
		await rejects(() => setDisabled(t.db, first.id, true, web(first.id)), /last active admin/, 409);
		const second = await createTestUser(t.db, { role: 'admin' });
		expect(changeRole(t.db, first.id, 'editor', web(second.id)).role).toBe('editor');
		await rejects(() => setDisabled(t.db, second.id, true, web(second.id)), /last active admin/);
	});

	it('disables and enables, auditing each', async () => {
		const user = await createTestUser(t.db);
		expect(setDisabled(t.db, user.id, true, web(null)).disabledAt).toBeInstanceOf(Date);
		expect(setDisabled(t.db, user.id, false, web(null)).disabledAt).toBeNull();
		const actions = listAudit(t.db, { page: 1, pageSize: 2 }).entries.map((e) => e.action);
		expect(actions).toEqual(['user.enabled', 'user.disabled']);
	});

	it('changes a password only to an acceptable one', async () => {
		const user = await createTestUser(t.db);
		await rejects(changePassword(t.db, user.id, 'qwertyuiop', web(null)), /most common/);
		await changePassword(t.db, user.id, 'another good passphrase', web(null));
		const stored = findUserByEmail(t.db, user.email)!;
		expect(await verifyPassword(stored.passwordHash, 'another good passphrase')).toBe(true);
		expect(await verifyPassword(stored.passwordHash, TEST_PASSWORD)).toBe(false);
		expect(listAudit(t.db, { page: 1, pageSize: 1 }).entries[0].action).toBe('user.password_changed');
	});
});
