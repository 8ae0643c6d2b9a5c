/** Every protected load and action checks its role itself: signed out -> sign in, too low a role -> 403. */
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/lib/server/auth/roles';
import { changeRole, findUserByEmail, setDisabled } from '../../src/lib/server/auth/users';
import { openDatabase, type Db } from '../../src/lib/server/db/client';
import { records } from '../../src/lib/server/db/schema';
import { startTestServer, type TestServer } from '../helpers/server';
import { asSql, createTestUser, signedInAs, type TestUser } from '../helpers/users';
import { Client, PLAIN_HTTP_ENV } from './http-client';

const SEEDS = fileURLToPath(new URL('../../seeds', import.meta.url));

let server: TestServer;
let db: Db;
const clients = {} as Record<Role, Client>;
let anonymous: Client;
let recordId: string;
let target: TestUser;
let seeds: string;

beforeAll(async () => {
	seeds = mkdtempSync(join(tmpdir(), 'samla-seeds-'));
	for (const name of readdirSync(SEEDS).sort().slice(0, 3)) copyFileSync(join(SEEDS, name), join(seeds, name));
	server = await startTestServer({ seedsDir: seeds, env: PLAIN_HTTP_ENV });
	db = openDatabase(server.databasePath);
	anonymous = new Client(server.url);
	for (const role of ROLES) {
		const { cookie } = await signedInAs(db, role);
		clients[role] = new Client(server.url, { cookie: `${cookie.name}=${cookie.value}` });
	}
	target = await createTestUser(db, { role: 'viewer' });
	recordId = db.select({ id: records.id }).from(records).limit(1).get()!.id;
});
afterAll(async () => {
	db?.$client.close();
	await server?.dispose();
	rmSync(seeds, { recursive: true, force: true });
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
		const before = (await findUserByEmail(asSql(db), target.email))!;
		const res = await anonymous.post(`/admin/users?/${action}`, fields());
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/login?redirectTo=%2Fadmin%2Fusers');
		expect(await findUserByEmail(asSql(db), target.email)).toEqual(before);
	});

	it.each(below('admin'))('answers 403 to a %s and changes nothing', async (role) => {
		const before = (await findUserByEmail(asSql(db), target.email))!;
		const f = fields();
		const res = await clients[role].post(`/admin/users?/${action}`, f);
		expect(res.status).toBe(403);
		expect(await findUserByEmail(asSql(db), target.email)).toEqual(before);
		if (f.email) expect(await findUserByEmail(asSql(db), f.email)).toBeUndefined();
	});

	it('runs for an admin', async () => {
		const f = fields();
		const res = await clients.admin.post(`/admin/users?/${action}`, f);
		expect(res.status).toBe(200);
		if (action === 'create') expect((await findUserByEmail(asSql(db), f.email))?.role).toBe('viewer');
		if (action === 'setRole') expect((await findUserByEmail(asSql(db), target.email))?.role).toBe('approver');
		if (action === 'disable') expect((await findUserByEmail(asSql(db), target.email))?.disabledAt).toBeInstanceOf(Date);
		// the target goes back to an active viewer for the next action's checks
		const cli = { userId: null, clientAddress: null, via: 'cli' } as const;
		await changeRole(asSql(db), target.id, 'viewer', cli);
		await setDisabled(asSql(db), target.id, false, cli);
	});
});
