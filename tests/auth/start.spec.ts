/** Start-up: how the first admin comes to exist, and the Secure cookie behind https. */
import { afterEach, expect, it } from 'vitest';
import { countUsers, findUserByEmail } from '../../src/lib/server/auth/users';
import { SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { describeDialects } from '../helpers/dialects';
import { serverDatabase, type ServerDatabase } from '../helpers/dialect-server';
import { startTestServer } from '../helpers/server';
import { Client } from './http-client';

/** One server start: several seconds, more than half a minute on a loaded machine. */
const START = 90_000;

describeDialects('the first admin', (dialect) => {
	// Each test starts its servers on an empty database of its own.
	let database: ServerDatabase | undefined;
	const fresh = async () => (database = await serverDatabase(dialect));
	afterEach(async () => {
		await database?.close();
		database = undefined;
	});

	it(
		'is explained in the log when the database has no users',
		async () => {
			const server = await startTestServer({ env: (await fresh()).env });
			try {
				expect(server.output()).toContain('npx samla user add --email you@example.org --role admin');
				expect(server.output()).toContain('SAMLA_ADMIN_EMAIL and SAMLA_ADMIN_PASSWORD');
			} finally {
				await server.dispose();
			}
		},
		START
	);

	it(
		'is created from SAMLA_ADMIN_EMAIL and SAMLA_ADMIN_PASSWORD once, and signs in over https with a Secure cookie',
		async () => {
			const env = {
				...(await fresh()).env,
				SAMLA_ADMIN_EMAIL: 'Root@Example.org',
				SAMLA_ADMIN_PASSWORD: 'the very first admin',
				ORIGIN: 'https://samla.test'
			};
			const first = await startTestServer({ env });
			try {
				expect(first.output()).toContain('Created the first admin, Root@Example.org');
				expect(first.output()).not.toContain('npx samla user add');
				const c = new Client(first.url, { origin: 'https://samla.test' });
				const res = await c.signIn('root@example.org', 'the very first admin', '/admin/users');
				expect(res.status).toBe(303);
				expect(res.headers.get('location')).toBe('/admin/users');
				const line = c.lastSetCookie.find((l) => l.startsWith(`${SESSION_COOKIE}=`))!;
				expect(line).toMatch(/; Secure/i);
				expect(line).toMatch(/; HttpOnly/i);
				expect((await c.get('/admin/users')).status).toBe(200);

				await first.stop();
				const again = await startTestServer({ env, dir: first.dir });
				try {
					expect(again.output()).toContain('already has users; it was ignored');
					const sql = database!.open(again);
					expect(await countUsers(sql)).toBe(1);
					expect((await findUserByEmail(sql, 'root@example.org'))?.role).toBe('admin');
				} finally {
					await again.stop();
				}
			} finally {
				await first.dispose();
			}
		},
		2 * START
	);

	it(
		'refuses to start with a weak SAMLA_ADMIN_PASSWORD, naming the variable',
		async () => {
			const failed = await startTestServer({
				env: { ...(await fresh()).env, SAMLA_ADMIN_EMAIL: 'root@example.org', SAMLA_ADMIN_PASSWORD: 'password123' }
			}).then(
				() => null,
				(err: Error) => err.message
			);
			expect(failed).toMatch(/configuration error: SAMLA_ADMIN_EMAIL \/ SAMLA_ADMIN_PASSWORD: .*most common/);
		},
		START
	);
});
