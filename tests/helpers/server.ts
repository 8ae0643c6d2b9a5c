/**
 * Starts the real production server (`samla start`) as a child process on port 0 with
 * its own temporary SQLite file, and stops it after. The build comes from global-setup.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface TestServer {
	url: string;
	port: number;
	dir: string;
	databasePath: string;
	/** The server's process id. */
	pid: number;
	/** Resolves when the process has exited, with its exit code or the signal that ended it. */
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	/** Everything the server printed so far. */
	output(): string;
	/** SIGTERM and wait for exit; keeps the temporary folder for a restart. */
	stop(signal?: NodeJS.Signals): Promise<void>;
	/** Stop and remove the temporary folder. */
	dispose(): Promise<void>;
}

export interface TestServerOptions {
	env?: Record<string, string>;
	/** Reuse the folder (and database) of an earlier server, e.g. to test a restart. */
	dir?: string;
	/** Folder of documents ingested on first start; defaults to an empty folder. */
	seedsDir?: string;
	/** More arguments for `samla start` (e.g. --demo). */
	args?: string[];
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
	const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'samla-test-'));
	const databasePath = join(dir, 'samla.db');
	const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'bin/samla.js'), 'start', ...(options.args ?? [])], {
		cwd: ROOT,
		env: {
			...process.env,
			PORT: '0',
			HOST: '127.0.0.1',
			DATABASE_PATH: databasePath,
			SEEDS_DIR: options.seedsDir ?? join(dir, 'no-seeds'),
			...options.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal }))
	);
	const url = await new Promise<string>((resolve, reject) => {
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			const m = /listening on (http:\/\/[^\s;]+)/.exec(output);
			if (m) resolve(m[1]);
		};
		child.stdout!.on('data', onData);
		child.stderr!.on('data', onData);
		child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening:\n${output}`)));
		setTimeout(() => reject(new Error(`server did not start within 60 s:\n${output}`)), 60_000).unref();
	});
	const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
		if (child.exitCode === null && child.signalCode === null) child.kill(signal);
		await exited;
	};
	return {
		url,
		port: Number(new URL(url).port),
		dir,
		databasePath,
		pid: child.pid!,
		exited,
		output: () => output,
		stop,
		dispose: async () => {
			await stop();
			if (!options.dir) rmSync(dir, { recursive: true, force: true });
		}
	};
}
