/** `samla webhook` on a real PostgreSQL database (DATABASE_URL), never touching the SQLite file. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeCluster, useTestDatabase, useTestRedis } from '../helpers/cluster';

const ROOT = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'samla-webhook-pg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const unused = join(dir, 'unused.db');

// Each run starts the CLI (tsx compiling it): slow on a loaded machine.
describeCluster('samla webhook on PostgreSQL', { timeout: 120_000 }, () => {
	const database = useTestDatabase();
	const redis = useTestRedis();
	const samla = (args: string[]) => {
		const r = spawnSync(process.execPath, [join(ROOT, 'bin/samla.js'), 'webhook', ...args], {
			cwd: dir,
			env: { ...process.env, DATABASE_URL: database.url, REDIS_URL: redis.url, DATABASE_PATH: unused, WEBHOOK_ALLOW_PRIVATE: '1' },
			encoding: 'utf8'
		});
		return { code: r.status, stdout: r.stdout, stderr: r.stderr };
	};

	it('adds, lists and removes a webhook in the PostgreSQL database', () => {
		const added = samla(['add', '--url', 'http://127.0.0.1:9/hook', '--events', 'record.approved,project.published']);
		expect(added.code, added.stderr).toBe(0);
		expect(added.stderr).toContain('(PostgreSQL)');
		expect(added.stdout).toMatch(/signing secret is shown once:\n[0-9a-f]{64}\n/);
		const [listed, ...more] = JSON.parse(samla(['list', '--json']).stdout);
		expect(more).toEqual([]);
		expect(listed).toMatchObject({ url: 'http://127.0.0.1:9/hook', events: ['record.approved', 'project.published'] });
		expect(samla(['remove', listed.id])).toMatchObject({ code: 0, stdout: `Removed webhook ${listed.id}.\n` });
		expect(samla(['remove', listed.id]).code).toBe(1);
		expect(samla(['list']).stdout).toBe('No webhooks.\n');
		expect(existsSync(unused)).toBe(false);
	});
});
