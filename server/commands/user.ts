import { parseArgs } from 'node:util';
import type { Sql } from '../../src/lib/server/db/sql';
import {
	changePassword,
	changeRole,
	createUser,
	findUserByEmail,
	listUsers,
	setDisabled,
	UserError,
	type Actor
} from '../../src/lib/server/auth/users';
import type { Command } from './command';
import { Interrupted, subcommandsCommand, UsageError, type Subcommand } from './subcommands';
import { formatTable } from './table';

const HELP = `Usage: samla user <subcommand> [options]

Manages the accounts that sign in to the workspace. Roles, each including the ones
before it: viewer (reads the workspace), editor (changes drafts), approver (approves
and restores versions), admin (manages users).

  samla user add --email E --role R [--name N] [--password-stdin]
      Creates a user. The name defaults to the part of the address before the @.
  samla user list [--json]
      Lists users with role and status.
  samla user set-role --email E --role R
  samla user disable --email E
      Disables the account and ends all its sessions.
  samla user enable --email E
  samla user passwd --email E [--password-stdin]
      Sets a new password and ends all the user's sessions.

The password is asked for on the terminal (not echoed, typed twice). With
--password-stdin it is read from standard input instead (one trailing newline is
dropped), e.g.  printf '%s' "$PASSWORD" | samla user add --email a@b.org --role admin --password-stdin
Passwords need at least 10 characters and must not be among the most common ones.

Writes to DATABASE_URL (PostgreSQL) when it is set, else to DATABASE_PATH (default
data/samla.db); the server may be running.`;

const CLI_ACTOR: Actor = { userId: null, clientAddress: null, via: 'cli' };

async function readStdin(): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks)
		.toString('utf8')
		.replace(/\r?\n$/, '');
}

/** Reads a line from the terminal in raw mode, so what is typed is not shown. */
function promptHidden(question: string): Promise<string> {
	const stdin = process.stdin;
	// Echo goes off before the question shows, so nothing typed in answer is ever echoed.
	stdin.setRawMode(true);
	stdin.setEncoding('utf8');
	stdin.resume();
	process.stderr.write(question);
	return new Promise((resolve, reject) => {
		let value = '';
		const finish = (settle: () => void) => {
			stdin.off('data', onData);
			stdin.setRawMode(false);
			stdin.pause();
			process.stderr.write('\n');
			settle();
		};
		const onData = (chunk: string) => {
			for (const ch of chunk) {
				if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish(() => resolve(value));
				if (ch === '\u0003') return finish(() => reject(new Interrupted()));
				if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
				else value += ch;
			}
		};
		stdin.on('data', onData);
	});
}

async function readNewPassword(fromStdin: boolean): Promise<string> {
	if (fromStdin) {
		const password = await readStdin();
		if (!password) throw new UserError('Standard input was empty; expected the password.');
		return password;
	}
	if (!process.stdin.isTTY) {
		throw new UserError('No terminal to ask for the password on; pipe it in and add --password-stdin.');
	}
	const password = await promptHidden('New password: ');
	if ((await promptHidden('Repeat the password: ')) !== password) throw new UserError('The passwords did not match.');
	return password;
}

async function userId(sql: Sql, email: string | undefined): Promise<string> {
	if (!email) throw new UsageError('--email is required');
	const user = await findUserByEmail(sql, email);
	if (!user) throw new UserError(`No user with the e-mail address ${email}.`, 404);
	return user.id;
}

const emailOption = { email: { type: 'string' } } as const;

const SUBCOMMANDS: Record<string, Subcommand> = {
	async add(sql, args) {
		const { values } = parseArgs({
			args,
			options: { ...emailOption, role: { type: 'string' }, name: { type: 'string' }, 'password-stdin': { type: 'boolean' } }
		});
		if (!values.email || !values.role) throw new UsageError('--email and --role are required');
		const password = await readNewPassword(!!values['password-stdin']);
		const user = await createUser(sql, { email: values.email, role: values.role, name: values.name, password }, CLI_ACTOR);
		console.log(`Created ${user.email} (${user.role}).`);
	},
	async list(sql, args) {
		const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
		const rows = (await listUsers(sql)).map((u) => ({
			id: u.id,
			email: u.email,
			name: u.name,
			role: u.role,
			disabled: !!u.disabledAt,
			createdAt: u.createdAt.toISOString()
		}));
		if (values.json) console.log(JSON.stringify(rows, null, 2));
		else if (!rows.length) console.log('No users yet.');
		else {
			const cells = rows.map((u) => [u.email, u.role, u.disabled ? 'disabled' : 'active', u.name]);
			console.log(formatTable(['EMAIL', 'ROLE', 'STATUS', 'NAME'], cells));
		}
	},
	async 'set-role'(sql, args) {
		const { values } = parseArgs({ args, options: { ...emailOption, role: { type: 'string' } } });
		if (!values.role) throw new UsageError('--role is required');
		const user = await changeRole(sql, await userId(sql, values.email), values.role, CLI_ACTOR);
		console.log(`${user.email} is now ${user.role}.`);
	},
	async disable(sql, args) {
		const { values } = parseArgs({ args, options: emailOption });
		const user = await setDisabled(sql, await userId(sql, values.email), true, CLI_ACTOR);
		console.log(`Disabled ${user.email}; their sessions have ended.`);
	},
	async enable(sql, args) {
		const { values } = parseArgs({ args, options: emailOption });
		const user = await setDisabled(sql, await userId(sql, values.email), false, CLI_ACTOR);
		console.log(`Enabled ${user.email}.`);
	},
	async passwd(sql, args) {
		const { values } = parseArgs({ args, options: { ...emailOption, 'password-stdin': { type: 'boolean' } } });
		const id = await userId(sql, values.email);
		await changePassword(sql, id, await readNewPassword(!!values['password-stdin']), CLI_ACTOR);
		console.log(`Changed the password of ${values.email}; their sessions have ended.`);
	}
};

export const userCommand: Command = subcommandsCommand({
	name: 'user',
	summary: 'add, list and change the users who sign in (add, list, set-role, disable, enable, passwd)',
	help: HELP,
	subcommands: SUBCOMMANDS,
	refusals: [UserError],
	endsSessions: ['set-role', 'disable', 'passwd']
});
