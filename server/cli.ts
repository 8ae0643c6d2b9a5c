/** `samla <command>`: each command is one module under commands/, named here once. */
import { ConfigError } from '../src/lib/server/config';
import { BackupError } from './backup';
import { MissingBuildError } from './build';
import { buildCommand } from './commands/build';
import { dbCommand } from './commands/db';
import { backupCommand, restoreCommand } from './commands/backup';
import type { Command } from './commands/command';
import { extractCommand } from './commands/extract';
import { ingestCommand } from './commands/ingest';
import { recordsCommand } from './commands/records';
import { reextractCommand } from './commands/reextract';
import { startCommand } from './commands/start';
import { tokenCommand } from './commands/token';
import { userCommand } from './commands/user';
import { webhookCommand } from './commands/webhook';

const COMMANDS: Command[] = [
	startCommand,
	buildCommand,
	ingestCommand,
	extractCommand,
	recordsCommand,
	reextractCommand,
	userCommand,
	tokenCommand,
	webhookCommand,
	backupCommand,
	restoreCommand,
	dbCommand
];

function usage(): string {
	const width = Math.max(...COMMANDS.map((c) => c.name.length));
	return [
		'Usage: samla <command> [options]',
		'',
		'Commands:',
		...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
		'',
		'Run "samla <command> --help" for a command\'s options.',
		'Configuration comes from the environment: PORT, HOST, DATABASE_PATH (or DATABASE_URL with',
		'REDIS_URL for PostgreSQL), ORIGIN, SEEDS_DIR, SAMLA_ADMIN_EMAIL and SAMLA_ADMIN_PASSWORD (see README.md).'
	].join('\n');
}

async function main(argv: string[]): Promise<number> {
	const [name, ...rest] = argv;
	if (!name || name === '--help' || name === '-h' || name === 'help') {
		console.log(usage());
		return name ? 0 : 2;
	}
	const command = COMMANDS.find((c) => c.name === name);
	if (!command) {
		console.error(`samla: unknown command "${name}"\n\n${usage()}`);
		return 2;
	}
	if (rest.includes('--help') || rest.includes('-h')) {
		console.log(command.help);
		return 0;
	}
	return command.run(rest);
}

main(process.argv.slice(2)).then(
	(code) => {
		if (code !== 0) process.exitCode = code;
	},
	(err: unknown) => {
		if (err instanceof ConfigError) console.error(`samla: configuration error: ${err.message}`);
		else if (err instanceof BackupError || err instanceof MissingBuildError) console.error(`samla: ${err.message}`);
		else if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
			console.error(`samla: ${err.message}\nRun "samla ${process.argv[2]} --help" for its options.`);
		} else console.error(`samla: ${(err as Error).stack ?? err}`);
		process.exitCode = 1;
	}
);
