#!/usr/bin/env node
/**
 * `npm run lint`: Prettier and ESLint at once, one process each, so a cold run takes about
 * as long as the slower of the two (ESLint) rather than their sum: Prettier's ~20 s come off
 * on the 2-core machine.
 * Each tool's output is printed whole when it finishes, so the two never interleave; the
 * exit status is non-zero when either tool's is.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const COMMANDS = [
	['prettier', '--check', '--cache', '.'],
	['eslint', '--cache', '--cache-location', 'node_modules/.cache/eslint/', '.']
];

const env = {
	...process.env,
	PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}`,
	// Output goes through a pipe; keep the colours a terminal would have shown.
	...(process.stdout.isTTY && !process.env.NO_COLOR ? { FORCE_COLOR: '1' } : {})
};

function run([command, ...args]) {
	return new Promise((resolve) => {
		const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
		const output = [];
		child.stdout.on('data', (chunk) => output.push(chunk));
		child.stderr.on('data', (chunk) => output.push(chunk));
		child.on('error', (error) => {
			output.push(Buffer.from(`${command}: ${error.message}\n`));
			resolve(1);
		});
		child.on('close', (code, signal) => {
			process.stdout.write(`> ${command} ${args.join(' ')}\n`);
			process.stdout.write(Buffer.concat(output));
			if (code !== 0) process.stdout.write(`${command} failed (${signal ?? `exit ${code}`})\n`);
			resolve(code === 0 ? 0 : 1);
		});
	});
}

const codes = await Promise.all(COMMANDS.map(run));
process.exitCode = Math.max(...codes);
