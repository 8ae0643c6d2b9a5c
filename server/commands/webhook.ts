import { parseArgs } from 'node:util';
import { readConfig } from '../../src/lib/server/config';
import { webhookGuard } from '../../src/lib/server/team-work';
import { WEBHOOK_EVENTS } from '../../src/lib/records/webhook-events';
import { createWebhook, listWebhooks, MIN_SECRET_LENGTH, removeWebhook } from '../../src/lib/server/webhooks/webhooks';
import type { Command } from './command';
import { subcommandsCommand, UsageError, type Subcommand } from './subcommands';

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

class WebhookError extends Error {}

const SUBCOMMANDS: Record<string, Subcommand> = {
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

export const webhookCommand: Command = subcommandsCommand({
	name: 'webhook',
	summary: 'add, list and remove webhooks',
	help: HELP,
	subcommands: SUBCOMMANDS,
	refusals: [WebhookError]
});
