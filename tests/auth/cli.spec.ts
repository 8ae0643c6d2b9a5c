/** `samla user …` as an operator runs it: a real process on a temporary database, the password on stdin. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it, vi } from 'vitest';
import { listAudit } from '../../src/lib/server/audit';
import { verifyPassword } from '../../src/lib/server/auth/password';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/session';
import { findUserByEmail } from '../../src/lib/server/auth/users';
import { redact } from '../../src/lib/server/config';
import { describeEachDialect, type DialectDatabase } from '../helpers/dialects';
import { createTestUser } from '../helpers/users';

// Each test starts the CLI (tsx compiling it) one to five times: slow on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The database of the suite running now: each suite gets its own, and the tests inside one run in order and build on each other. */
let database: () => DialectDatabase;

interface Run {
	code: number | null;
	stdout: string;
	stderr: string;
}

function run(executable: string, args: string[], stdin?: string, answers: [string, string][] = []): Promise<Run> {
	return new Promise((resolve, reject) => {
		const child = spawn(executable, args, { cwd: ROOT, env: { ...process.env, ...database().env } });
		let stdout = '';
		let stderr = '';
		const pending = [...answers];
		child.stdout.on('data', (d) => {
			stdout += d;
			// A terminal echoes what arrives before the prompt switches echo off: answer each prompt only once it shows.
			while (pending.length && stdout.includes(pending[0][0])) child.stdin.write(pending.shift()![1]);
		});
		child.stderr.on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
		if (!answers.length) child.stdin.end(stdin ?? '');
	});
}

/** How a command names the database on stderr: the SQLite file, or the PostgreSQL URL (the test server's has no password to hide). */
/** How a command names the database: a URL without its password (CI's has one). */
const shown = ({ env }: DialectDatabase) => (env.DATABASE_URL ? `${redact(env.DATABASE_URL)} (PostgreSQL)` : env.DATABASE_PATH);

const samla = (args: string[], stdin?: string) => run(process.execPath, [join(ROOT, 'bin/samla.js'), ...args], stdin);

describeEachDialect('samla user', (opened) => {
	beforeAll(() => {
		database = opened;
	});

	it('explains itself with --help, for the command and each subcommand', async () => {
		for (const args of [
			['user', '--help'],
			['user', 'add', '--help'],
			['user', 'passwd', '-h']
		]) {
			const result = await samla(args);
			expect(result.code).toBe(0);
			for (const sub of ['add', 'list', 'set-role', 'disable', 'passwd', '--password-stdin']) expect(result.stdout).toContain(sub);
		}
		const top = await samla(['--help']);
		expect(top.stdout).toMatch(/^\s+user\s+/m);
	});

	it('adds a user with the password from stdin, dropping one trailing newline, and audits it as the CLI', async () => {
		const result = await samla(
			['user', 'add', '--email', 'Ada@Example.org', '--role', 'admin', '--name', 'Ada Lovelace', '--password-stdin'],
			'analytical engine 1843\n'
		);
		expect(result).toMatchObject({ code: 0, stdout: 'Created ada@example.org (admin).\n' });
		const ada = (await findUserByEmail(database().sql, 'ada@example.org'))!;
		expect(ada).toMatchObject({ name: 'Ada Lovelace', role: 'admin', disabledAt: null });
		expect(await verifyPassword(ada.passwordHash, 'analytical engine 1843')).toBe(true);
		const entry = (await listAudit(database().sql, { page: 1, pageSize: 1 })).entries[0];
		expect(entry).toMatchObject({ action: 'user.created', actorId: null, targetId: ada.id, detail: { via: 'cli' } });
	});

	it('lists users as text and as JSON', async () => {
		await samla(['user', 'add', '--email', 'bo@example.org', '--role', 'viewer', '--password-stdin'], 'bo has a passphrase');
		const text = await samla(['user', 'list']);
		expect(text.code).toBe(0);
		expect(text.stdout).toMatch(/^ada@example\.org\s+admin\s+active\s+Ada Lovelace$/m);
		expect(text.stdout).toMatch(/^bo@example\.org\s+viewer\s+active\s+bo$/m);
		const [header, ...lines] = text.stdout.trimEnd().split('\n');
		const columns = (line: string) => [...line.matchAll(/\S+/g)].slice(0, 4).map((m) => m.index);
		for (const line of lines) expect(columns(line)).toEqual(columns(header));
		expect(text.stderr).toBe(`samla: database ${shown(database())}\n`);
		const json = JSON.parse((await samla(['user', 'list', '--json'])).stdout);
		expect(json.map((u: { email: string; role: string; disabled: boolean }) => [u.email, u.role, u.disabled])).toEqual([
			['ada@example.org', 'admin', false],
			['bo@example.org', 'viewer', false]
		]);
		expect(JSON.stringify(json)).not.toContain('scrypt');
	});

	it('changes a role, disables a user (ending their sessions) and sets a new password (ending them too)', async () => {
		await samla(['user', 'add', '--email', 'cy@example.org', '--role', 'editor', '--password-stdin'], 'cy has a passphrase');
		const cy = (await findUserByEmail(database().sql, 'cy@example.org'))!;

		expect(await samla(['user', 'set-role', '--email', 'CY@example.org', '--role', 'approver'])).toMatchObject({
			code: 0,
			stdout: 'cy@example.org is now approver.\n'
		});
		expect((await findUserByEmail(database().sql, cy.email))?.role).toBe('approver');

		const first = (await createSession(database().sql, cy.id)).token;
		expect((await samla(['user', 'disable', '--email', cy.email])).code).toBe(0);
		expect((await findUserByEmail(database().sql, cy.email))?.disabledAt).toBeInstanceOf(Date);
		expect(await validateSessionToken(database().sql, first)).toBeNull();
		expect((await samla(['user', 'enable', '--email', cy.email])).code).toBe(0);

		const second = (await createSession(database().sql, cy.id)).token;
		expect((await samla(['user', 'passwd', '--email', cy.email, '--password-stdin'], 'cy has a new passphrase\r\n')).code).toBe(0);
		expect(await verifyPassword((await findUserByEmail(database().sql, cy.email))!.passwordHash, 'cy has a new passphrase')).toBe(true);
		expect(await validateSessionToken(database().sql, second)).toBeNull();
		const actions = (await listAudit(database().sql, { page: 1, pageSize: 4 })).entries.map((e) => e.action);
		expect(actions).toEqual(['user.password_changed', 'user.enabled', 'user.disabled', 'user.role_changed']);
	});

	it('asks on a terminal without echoing the password, twice', async () => {
		const command = [process.execPath, join(ROOT, 'bin/samla.js'), 'user', 'add', '--email', 'tty@example.org', '--role', 'viewer'].join(
			' '
		);
		// script(1) gives the command a pseudo-terminal; what the terminal would show comes out on its stdout.
		const tty = await run('script', ['-qec', command, '/dev/null'], undefined, [
			['New password:', 'secret typed here\r'],
			['Repeat the password:', 'secret typed here\r']
		]);
		expect(tty.code).toBe(0);
		expect(tty.stdout).toContain('New password:');
		expect(tty.stdout).toContain('Repeat the password:');
		expect(tty.stdout).not.toContain('secret typed here');
		expect(tty.stdout).toContain('Created tty@example.org (viewer).');
		expect(await verifyPassword((await findUserByEmail(database().sql, 'tty@example.org'))!.passwordHash, 'secret typed here')).toBe(true);
	});
});

describeEachDialect('samla user refusals', (opened) => {
	beforeAll(async () => {
		database = opened;
		await createTestUser(database().sql, { role: 'admin', email: 'ada@example.org' });
	});

	it.each([
		['a weak password', ['add', '--email', 'w@example.org', '--role', 'viewer', '--password-stdin'], 'password123', 1, /most common/],
		['a short password', ['add', '--email', 'w@example.org', '--role', 'viewer', '--password-stdin'], 'short', 1, /at least 10/],
		['an empty stdin', ['add', '--email', 'w@example.org', '--role', 'viewer', '--password-stdin'], '', 1, /Standard input was empty/],
		[
			'no terminal and no --password-stdin',
			['add', '--email', 'w@example.org', '--role', 'viewer'],
			'a fine passphrase',
			1,
			/--password-stdin/
		],
		[
			'an unknown role',
			['add', '--email', 'w@example.org', '--role', 'boss', '--password-stdin'],
			'a fine passphrase',
			1,
			/Unknown role "boss"/
		],
		[
			'a taken address',
			['add', '--email', 'ADA@example.org', '--role', 'viewer', '--password-stdin'],
			'a fine passphrase',
			1,
			/already a user/
		],
		['no --email', ['add', '--role', 'viewer', '--password-stdin'], 'a fine passphrase', 2, /--email and --role are required/],
		['an unknown user', ['set-role', '--email', 'nobody@example.org', '--role', 'viewer'], undefined, 1, /No user with the e-mail address/],
		['an unknown option', ['list', '--color'], undefined, 1, /Unknown option '--color'/],
		['an unknown subcommand', ['remove', '--email', 'ada@example.org'], undefined, 2, /unknown subcommand "remove"/],
		['demoting the last admin', ['set-role', '--email', 'ada@example.org', '--role', 'editor'], undefined, 1, /last active admin/],
		['disabling the last admin', ['disable', '--email', 'ada@example.org'], undefined, 1, /last active admin/]
	])('refuses %s with a message and a non-zero exit', async (_, args, stdin, code, message) => {
		const result = await samla(['user', ...args], stdin);
		expect(result.code).toBe(code);
		expect(result.stderr).toMatch(message);
		expect(await findUserByEmail(database().sql, 'w@example.org')).toBeUndefined();
		expect((await findUserByEmail(database().sql, 'ada@example.org'))?.role).toBe('admin');
	});
});
