/** Every protected load and action checks its role itself: signed out -> sign in, too low a role -> 403. */
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/lib/server/auth/roles';
import { changeRole, findUserByEmail, setDisabled } from '../../src/lib/server/auth/users';
import { describeServerEachDialect } from '../helpers/dialect-server';
import { createTestUser, signedInAs, type TestUser } from '../helpers/users';
import { Client, PLAIN_HTTP_ENV } from './http-client';

const SEEDS = fileURLToPath(new URL('../../seeds', import.meta.url));

// Both dialects' servers ingest the same three seeds on their first start.
const seeds = mkdtempSync(join(tmpdir(), 'samla-seeds-'));
for (const name of readdirSync(SEEDS).sort().slice(0, 3)) copyFileSync(join(SEEDS, name), join(seeds, name));
afterAll(() => rmSync(seeds, { recursive: true, force: true }));

describeServerEachDialect('roles', { seedsDir: seeds, env: PLAIN_HTTP_ENV }, (app) => {
	const clients = {} as Record<Role, Client>;
	let anonymous: Client;
	let recordId: string;
	let target: TestUser;

	beforeAll(async () => {
		const { sql, server } = app();
		anonymous = new Client(server.url);
		for (const role of ROLES) {
			const { cookie } = await signedInAs(sql, role);
			clients[role] = new Client(server.url, { cookie: `${cookie.name}=${cookie.value}` });
		}
		target = await createTestUser(sql, { role: 'viewer' });
		[{ id: recordId }] = await sql.db.select({ id: sql.t.records.id }).from(sql.t.records).limit(1);
	});

	const below = (min: Role) => ROLES.slice(0, ROLES.indexOf(min));
	const atLeast = (min: Role) => ROLES.slice(ROLES.indexOf(min));

	const pages: [string, Role][] = [
		['/workspace', 'viewer'],
		['/workspace?q=a&status=draft', 'viewer'],
		['/workspace/records/RECORD', 'viewer'],
		['/admin', 'admin'],
		['/admin/users', 'admin'],
		['/admin/audit', 'admin'],
		['/admin/audit?page=2', 'admin']
	];

	describe.each(pages)('GET %s (needs %s)', (path, min) => {
		const url = () => path.replace('RECORD', recordId);

		it('sends a signed-out visitor to sign in, asking to come back', async () => {
			const res = await anonymous.get(url());
			expect(res.status).toBe(303);
			expect(res.headers.get('location')).toBe(`/login?redirectTo=${encodeURIComponent(url())}`);
		});

		it.each(below(min))('answers 403 to a %s', async (role) => {
			const res = await clients[role].get(url());
			expect(res.status).toBe(403);
			expect(await res.text()).toContain(`needs the ${min} role`);
		});

		it.each(atLeast(min))('shows the page to a %s', async (role) => {
			expect((await clients[role].get(url())).status).toBe(200);
		});
	});

	/** Fields that would make each action succeed, so a refusal can only come from the guard. */
	const actions: [string, () => Record<string, string>][] = [
		[
			'create',
			() => ({ email: `made-${Date.now()}-${Math.random()}@example.org`, name: 'Made', role: 'viewer', password: 'a fine long passphrase' })
		],
		['setRole', () => ({ userId: target.id, role: 'approver' })],
		['disable', () => ({ userId: target.id })],
		['enable', () => ({ userId: target.id })],
		['resetPassword', () => ({ userId: target.id, password: 'another fine passphrase' })]
	];

	describe.each(actions)('POST /admin/users?/%s (needs admin)', (action, fields) => {
		it('sends a signed-out visitor to sign in and changes nothing', async () => {
			const before = (await findUserByEmail(app().sql, target.email))!;
			const res = await anonymous.post(`/admin/users?/${action}`, fields());
			expect(res.status).toBe(303);
			expect(res.headers.get('location')).toBe('/login?redirectTo=%2Fadmin%2Fusers');
			expect(await findUserByEmail(app().sql, target.email)).toEqual(before);
		});

		it.each(below('admin'))('answers 403 to a %s and changes nothing', async (role) => {
			const before = (await findUserByEmail(app().sql, target.email))!;
			const f = fields();
			const res = await clients[role].post(`/admin/users?/${action}`, f);
			expect(res.status).toBe(403);
			expect(await findUserByEmail(app().sql, target.email)).toEqual(before);
			if (f.email) expect(await findUserByEmail(app().sql, f.email)).toBeUndefined();
		});

		it('runs for an admin', async () => {
			const f = fields();
			const res = await clients.admin.post(`/admin/users?/${action}`, f);
			expect(res.status).toBe(200);
			if (action === 'create') expect((await findUserByEmail(app().sql, f.email))?.role).toBe('viewer');
			if (action === 'setRole') expect((await findUserByEmail(app().sql, target.email))?.role).toBe('approver');
			if (action === 'disable') expect((await findUserByEmail(app().sql, target.email))?.disabledAt).toBeInstanceOf(Date);
			// the target goes back to an active viewer for the next action's checks
			const cli = { userId: null, clientAddress: null, via: 'cli' } as const;
			await changeRole(app().sql, target.id, 'viewer', cli);
			await setDisabled(app().sql, target.id, false, cli);
		});
	});
});
