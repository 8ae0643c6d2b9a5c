/** deploy/systemd/ as systemd reads it: the unit's directives and the environment file's variables. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SYSTEMD_DIR = fileURLToPath(new URL('../../deploy/systemd/', import.meta.url));

/** Every value of every directive, in order (systemd allows most directives more than once). */
export function unitDirectives(name: string): Map<string, string[]> {
	const directives = new Map<string, string[]>();
	for (const line of readFileSync(`${SYSTEMD_DIR}${name}`, 'utf8').split('\n')) {
		const m = /^([A-Za-z]+)=(.*)$/.exec(line);
		if (m) directives.set(m[1], [...(directives.get(m[1]) ?? []), m[2]]);
	}
	return directives;
}

/** KEY=value lines, as EnvironmentFile= reads them (no quoting is used in ours). */
export function envFile(name: string): Record<string, string> {
	const env: Record<string, string> = {};
	for (const line of readFileSync(`${SYSTEMD_DIR}${name}`, 'utf8').split('\n')) {
		const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
		if (m) env[m[1]] = m[2];
	}
	return env;
}
