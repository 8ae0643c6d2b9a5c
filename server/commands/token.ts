import { parseArgs } from 'node:util';
import { createApiToken, listApiTokens, revokeApiToken, TokenError } from '../../src/lib/server/auth/api-tokens';
import { findUserByEmail } from '../../src/lib/server/auth/users';
import type { Command } from './command';
import { subcommandsCommand, UsageError, type Subcommand } from './subcommands';

const HELP = `Usage: samla token <subcommand> [options]

Personal API tokens: a request with "Authorization: Bearer <token>" acts as the token's
person, with their role (see docs/documents.md). Only a hash of each token is stored.

  samla token create --email E --name N
      Makes a token for the user with address E; prints it alone on the last line.
      It is shown this once: keep it somewhere safe.
  samla token list [--email E] [--json]
      Lists tokens (id, user, name, created, last used, revoked); never the tokens.
  samla token revoke <id>
      Revokes a token at once.

Writes to DATABASE_URL (PostgreSQL) when it is set, else to DATABASE_PATH (default
data/samla.db); the server may be running.`;

const CLI = { actorId: null, clientAddress: null };

const SUBCOMMANDS: Record<string, Subcommand> = {
	async create(sql, args) {
		const { values } = parseArgs({ args, options: { email: { type: 'string' }, name: { type: 'string' } } });
		if (!values.email || !values.name) throw new UsageError('--email and --name are required');
		const user = await findUserByEmail(sql, values.email);
		if (!user) throw new TokenError(`No user with the e-mail address ${values.email}.`);
		const { id, token } = await createApiToken(sql, user.id, values.name, CLI);
		console.log(`Created token ${id} "${values.name.trim()}" for ${user.email} (${user.role}). It is shown once:`);
		console.log(token);
	},
	async list(sql, args) {
		const { values } = parseArgs({ args, options: { email: { type: 'string' }, json: { type: 'boolean', default: false } } });
		let userId: string | undefined;
		if (values.email) {
			userId = (await findUserByEmail(sql, values.email))?.id;
			if (!userId) throw new TokenError(`No user with the e-mail address ${values.email}.`);
		}
		const rows = (await listApiTokens(sql, userId)).map((t) => ({
			id: t.id,
			email: t.email,
			name: t.name,
			createdAt: t.createdAt.toISOString(),
			lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
			revokedAt: t.revokedAt?.toISOString() ?? null
		}));
		if (values.json) console.log(JSON.stringify(rows, null, 2));
		else if (!rows.length) console.log('No tokens.');
		else
			for (const t of rows) {
				console.log(`${t.id}  ${t.email}  ${t.revokedAt ? 'revoked' : 'active '}  last used ${t.lastUsedAt ?? 'never'}  ${t.name}`);
			}
	},
	async revoke(sql, args) {
		const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
		if (positionals.length !== 1) throw new UsageError('name one token id (see samla token list)');
		if (!(await revokeApiToken(sql, positionals[0], CLI))) throw new TokenError(`No active token with id ${positionals[0]}.`);
		console.log(`Revoked token ${positionals[0]}.`);
	}
};

export const tokenCommand: Command = subcommandsCommand({
	name: 'token',
	summary: 'create, list and revoke personal API tokens',
	help: HELP,
	subcommands: SUBCOMMANDS,
	refusals: [TokenError]
});
