/**
 * What runs beside the requests for teamwork: event listeners that write notifications
 * and queue webhook deliveries, the webhook delivery worker, and the e-mail digest worker
 * (when SMTP_URL is set). Started once per process by whoever starts the services.
 */
import type { Config } from './config';
import type { Sql } from './db/sql';
import { createEmailWorker, type EmailWorker } from './notify/email';
import { subscribeNotifications } from './notify/subscribe';
import { ownPort } from './self-address';
import { createWebhookWorker, type WebhookWorker } from './webhooks/deliver';
import { subscribeWebhooks } from './webhooks/subscribe';
import type { GuardOptions } from './webhooks/url-guard';

export interface TeamWork {
	webhooks: WebhookWorker;
	email: EmailWorker | null;
	stop(): Promise<void>;
}

export function webhookGuard(cfg: Config): GuardOptions {
	return { allowPrivate: cfg.webhooks.allowPrivate, ownPort: ownPort(cfg.port), ownOrigin: cfg.origin };
}

/** Links in e-mail: the public origin when configured, else where this server listens. */
function baseUrl(cfg: Config): string {
	if (cfg.origin) return cfg.origin;
	const host = cfg.host === '0.0.0.0' || cfg.host === '::' ? 'localhost' : cfg.host;
	return `http://${host.includes(':') ? `[${host}]` : host}:${ownPort(cfg.port)}`;
}

const KEY = Symbol.for('samla.team-work');
type WithTeamWork = typeof globalThis & { [KEY]?: TeamWork };

export function teamWork(): TeamWork | null {
	return (globalThis as WithTeamWork)[KEY] ?? null;
}

export function startTeamWork(sql: Sql, cfg: Config): TeamWork {
	const g = globalThis as WithTeamWork;
	if (g[KEY]) return g[KEY];
	const webhooks = createWebhookWorker(sql, {
		guard: () => webhookGuard(cfg),
		retryBaseMs: cfg.webhooks.retryBaseMs,
		maxAttempts: cfg.webhooks.maxAttempts
	});
	const { smtpUrl, from, digestMs } = cfg.email;
	const email = smtpUrl && from ? createEmailWorker(sql, { smtpUrl, from, digestMs, baseUrl: () => baseUrl(cfg) }) : null;
	const stopNotifications = subscribeNotifications(sql);
	const stopWebhooks = subscribeWebhooks(sql, webhooks.kick);
	webhooks.start();
	email?.start();
	const work: TeamWork = {
		webhooks,
		email,
		async stop() {
			stopNotifications();
			await stopWebhooks();
			await Promise.all([webhooks.stop(), email?.stop()]);
			if (g[KEY] === work) delete g[KEY];
		}
	};
	g[KEY] = work;
	return work;
}
