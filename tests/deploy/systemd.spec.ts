/** deploy/systemd/: what systemd itself says of the units, and that they fit the server they run. */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHUTDOWN_LIMIT_MS } from '../../server/commands/start';
import { readConfig } from '../../src/lib/server/config';
import { envFile, SYSTEMD_DIR, unitDirectives } from './systemd-files';

const one = (directives: Map<string, string[]>, name: string) => {
	const values = directives.get(name) ?? [];
	expect(values, name).toHaveLength(1);
	return values[0];
};

describe('deploy/systemd', () => {
	it('passes systemd-analyze verify without a warning, as an instance and as the target', () => {
		// Missing systemd-analyze is a failure, not a skip: .ci/run installs it.
		execFileSync('systemd-analyze', ['--version'], { stdio: 'pipe' });
		const dir = mkdtempSync(join(tmpdir(), 'samla-units-'));
		try {
			for (const file of ['samla@.service', 'samla.target']) copyFileSync(join(SYSTEMD_DIR, file), join(dir, file));
			for (const unit of ['samla@3001.service', 'samla.target']) {
				const run = spawnSync('systemd-analyze', ['verify', '--man=no', join(dir, unit)], { encoding: 'utf8' });
				expect(`${run.stdout}${run.stderr}`, unit).toBe('');
				expect(run.status, unit).toBe(0);
			}
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('runs what npm start runs, on the instance’s port, and stops it as the server expects', () => {
		const unit = unitDirectives('samla@.service');
		const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
		expect(one(unit, 'ExecStart')).toBe(`/usr/bin/${pkg.scripts.start}`);
		expect(one(unit, 'Environment')).toBe('PORT=%i HOST=127.0.0.1');
		expect(one(unit, 'Restart')).toBe('on-failure');
		expect(one(unit, 'PartOf')).toBe('samla.target');
		expect(one(unit, 'WantedBy')).toBe('samla.target');
		// SIGTERM to node alone; systemd's SIGKILL comes only after the server's own bound and a margin.
		expect(one(unit, 'KillSignal')).toBe('SIGTERM');
		expect(one(unit, 'KillMode')).toBe('mixed');
		const timeout = /^(\d+)s$/.exec(one(unit, 'TimeoutStopSec'));
		expect(Number(timeout?.[1]) * 1000).toBeGreaterThanOrEqual(SHUTDOWN_LIMIT_MS + 5000);
		expect(one(unit, 'NoNewPrivileges')).toBe('yes');
		expect(one(unit, 'ProtectSystem')).toBe('strict');
		// V8 writes the code it compiles: this one would stop node from starting.
		expect(unit.has('MemoryDenyWriteExecute')).toBe(false);

		// The SQLite file lies in the one writable folder.
		const env = envFile('samla.env.example');
		expect(dirname(env.DATABASE_PATH)).toBe(one(unit, 'ReadWritePaths'));
		expect(`/var/lib/${one(unit, 'StateDirectory')}`).toBe(one(unit, 'ReadWritePaths'));
	});

	it('ships an environment file the server accepts, which leaves PORT and HOST to the unit', () => {
		const env = envFile('samla.env.example');
		// EnvironmentFile= wins over Environment=: a PORT here would put every instance on one port.
		expect(env).not.toHaveProperty('PORT');
		expect(env).not.toHaveProperty('HOST');
		const cfg = readConfig(env, '/opt/samla');
		expect(cfg.origin).toBe('https://samla.example.org');
		expect(cfg.database).toEqual({ kind: 'sqlite', path: '/var/lib/samla/samla.db' });
		expect({ ADDRESS_HEADER: env.ADDRESS_HEADER, XFF_DEPTH: env.XFF_DEPTH }).toEqual({ ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '1' });
	});
});
