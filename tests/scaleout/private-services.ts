/**
 * A Redis server and a PostgreSQL cluster of a test's own, on free ports, that it may stop
 * and start again: the shared ones on 6379 and 5432 serve every other test running meanwhile.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

async function waitFor(ready: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (!ready()) {
		if (Date.now() > until) throw new Error(`${what} did not start within ${timeoutMs / 1000} s`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

export interface PrivateRedis {
	url: string;
	stop(): Promise<void>;
	/** Starts it again on the same port, empty (no persistence): as a Redis restarted without a dump. */
	start(): Promise<void>;
}

export async function privateRedis(): Promise<PrivateRedis> {
	const port = await freePort();
	let child: ChildProcess | null = null;
	const start = async () => {
		let output = '';
		const c = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
			stdio: ['ignore', 'pipe', 'pipe']
		});
		child = c;
		c.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
		await waitFor(() => output.includes('Ready to accept connections') || c.exitCode !== null, 'redis-server');
		if (c.exitCode !== null) throw new Error(`redis-server exited: ${output}`);
	};
	const stop = async () => {
		const c = child;
		if (!c || c.exitCode !== null) return;
		const exited = new Promise((resolve) => c.once('exit', resolve));
		c.kill('SIGKILL');
		await exited;
	};
	await start();
	return { url: `redis://127.0.0.1:${port}`, start, stop };
}

const PG_BIN = '/usr/lib/postgresql/15/bin';

export interface PrivatePostgres {
	/** postgres://postgres@127.0.0.1:<port>/postgres */
	url: string;
	stop(): void;
	start(): void;
	/** Stops it and removes its data folder. */
	dispose(): void;
}

/** initdb and pg_ctl as the postgres user (the server refuses to run as root), in a temporary folder; `settings` as `name=value`. */
export function privatePostgres(port: number, settings: string[] = []): PrivatePostgres {
	const dir = mkdtempSync(join(tmpdir(), 'samla-pg-'));
	const uid = Number(spawnSync('id', ['-u', 'postgres']).stdout.toString().trim());
	const gid = Number(spawnSync('id', ['-g', 'postgres']).stdout.toString().trim());
	chownSync(dir, uid, gid);
	const data = join(dir, 'data');
	const asPostgres = (args: string[]) => {
		const r = spawnSync('runuser', ['-u', 'postgres', '--', ...args], { encoding: 'utf8' });
		if (r.status !== 0) throw new Error(`${args[0]} failed: ${r.stdout}${r.stderr}`);
	};
	asPostgres([`${PG_BIN}/initdb`, '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
	const pgCtl = (action: 'start' | 'stop') =>
		asPostgres([
			`${PG_BIN}/pg_ctl`,
			'-D',
			data,
			'-w',
			'-l',
			join(dir, 'log'),
			...(action === 'start'
				? ['-o', [`-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, ...settings.map((x) => `-c ${x}`)].join(' '), 'start']
				: ['-m', 'immediate', 'stop'])
		]);
	pgCtl('start');
	let running = true;
	return {
		url: `postgres://postgres@127.0.0.1:${port}/postgres`,
		start: () => {
			pgCtl('start');
			running = true;
		},
		stop: () => {
			pgCtl('stop');
			running = false;
		},
		dispose: () => {
			if (running) pgCtl('stop');
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
