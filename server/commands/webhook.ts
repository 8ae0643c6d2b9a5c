import { parseArgs } from 'node:util';
import { readConfig } from '../../src/lib/server/config';
import type { Sql } from '../../src/lib/server/db/sql';
import { webhookGuard } from '../../src/lib/server/team-work';
import { WEBHOOK_EVENTS } from '../../src/lib/records/webhook-events';
import { createWebhook, listWebhooks, MIN_SECRET_LENGTH, removeWebhook } from '../../src/lib/server/webhooks/webhooks';
import type { Command } from './command';
import { openConfiguredSql } from './open-db';

const HELP = `Usage: samla webhook <subcommand> [options]

Webhooks: the server POSTs a signed JSON body to a URL when an event happens (see
docs/webhooks.md). Events: ${WEBHOOK_EVENTS.join(', ')}.

  samla webhook add --url U --events E[,E…] [--secret S]
      Registers U for those events. Without --secret one is made and printed, once;
      a secret given is at least ${MIN_SECRET_LENGTH} characters. Refuses URLs pointing at this server,
      and private or local addresses unless WEBHOOK_ALLOW_PRIVATE=1.
  samla webhook list [--json]
      Lists webhooks (id, URL, events); never their secrets.
  samla webhook remove <id>
      Removes a webhook and its delivery log.

Writes to DATABASE_URL (PostgreSQL) when it is set, else to DATABASE_PATH (default
data/samla.db); the server may be running.`;

class UsageError extends Error {}
class WebhookError extends Error {}

const SUBCOMMANDS: Record<string, (sql: Sql, args: string[]) => Promise<void>> = {
	async add(sql, args) {
		const { values } = parseArgs({ args, options: { url: { type: 'string' }, events: { type: 'string' }, secret: { type: 'string' } } });
		if (!values.url || !values.events) throw new UsageError('--url and --events are required');
		const outcome = await createWebhook(
			sql,
			{ url: values.url, events: values.events.split(','), secret: values.secret, createdById: null },
			webhookGuard(readConfig())
		);
		if (!outcome.ok) throw new WebhookError(outcome.message);
		console.log(`Added webhook ${outcome.id} for ${values.events}.`);
		if (!values.secret) console.log(`Its signing secret is shown once:\n${outcome.secret}`);
	},
	async list(sql, args) {
		const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
		const rows = (await listWebhooks(sql)).map((w) => ({ id: w.id, url: w.url, events: w.events, createdAt: w.createdAt.toISOString() }));
		if (values.json) console.log(JSON.stringify(rows, null, 2));
		else if (!rows.length) console.log('No webhooks.');
		else for (const w of rows) console.log(`${w.id}  ${w.url}  ${w.events.join(',')}`);
	},
	async remove(sql, args) {
		const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
		if (positionals.length !== 1) throw new UsageError('name one webhook id (see samla webhook list)');
		if (!(await removeWebhook(sql, positionals[0], null))) throw new WebhookError(`No webhook with id ${positionals[0]}.`);
		console.log(`Removed webhook ${positionals[0]}.`);
	}
};

export const webhookCommand: Command = {
	name: 'webhook',
	summary: 'add, list and remove webhooks',
	help: HELP,
	async run(args) {
		const [sub, ...rest] = args;
		const handler = sub && Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
		if (!handler) {
			console.error(`samla webhook: ${sub ? `unknown subcommand "${sub}"` : 'name a subcommand'}\n\n${HELP}`);
			return 2;
		}
		const { sql, close } = await openConfiguredSql();
		try {
			await handler(sql, rest);
			return 0;
		} catch (err) {
			if (err instanceof UsageError) {
				console.error(`samla webhook ${sub}: ${err.message}\nRun "samla webhook --help" for the options.`);
				return 2;
			}
			if (err instanceof WebhookError) {
				console.error(`samla webhook ${sub}: ${err.message}`);
				return 1;
			}
			throw err;
		} finally {
			await close();
		}
	}
};
