/**
 * Configuration, read once from the environment. A wrong value stops start-up with a
 * message that names the variable, rather than failing later on the first request.
 */
import { resolve } from 'node:path';

export interface Config {
	port: number;
	host: string;
	/** Where durable state lives: DATABASE_URL (PostgreSQL, with REDIS_URL) wins over DATABASE_PATH (SQLite). */
	database: DatabaseConfig;
	/** DATABASE_PATH resolved, the SQLite file; meaningful only while `database.kind` is 'sqlite'. */
	databasePath: string;
	seedsDir: string;
	/** adapter-node's ORIGIN; null means "derive from the request". */
	origin: string | null;
	adminEmail: string | null;
	adminPassword: string | null;
	/** SAMLA_DEMO (or `samla start --demo`): approve the seed records when a new database is seeded. */
	demo: boolean;
	/** LOG_LEVEL: the least severe request/server log line written (pino's levels). */
	logLevel: LogLevel;
	/** METRICS_TOKEN: bearer token for /metrics; null means /metrics answers only direct local requests. */
	metricsToken: string | null;
	/** SAMLA_DATA_LICENCE: the licence of the published data, named in every public page, answer and export. */
	dataLicence: DataLicence;
	/** SAMLA_MAX_DOCUMENT_BYTES: the largest file accepted as a document (upload, API, CLI). */
	maxDocumentBytes: number;
	/** SAMLA_API_RATE_PER_MINUTE: requests one API token may make per minute. */
	apiRatePerMinute: number;
	/** Live editing (docs/coediting.md). */
	sync: {
		/** SYNC_COMPACT_AFTER: fold a record's update log into one row after this many updates. */
		compactAfter: number;
		/** SYNC_IDLE_UNLOAD_SECONDS: unload (and compact) a record's document this long after its last editor left. */
		idleUnloadMs: number;
		/** SYNC_SESSION_RECHECK_SECONDS: how often an open sync connection's session is checked again. */
		sessionRecheckMs: number;
		/** SYNC_MAX_SOCKETS_PER_USER: sync sockets one person may hold open at once (over all tabs and records). */
		maxSocketsPerUser: number;
		/**
		 * SYNC_CATCH_UP_SECONDS (PostgreSQL mode): how often a process compares its loaded documents
		 * with the stored log, the bound on an edit whose Redis message was lost.
		 */
		catchUpMs: number;
	};
	/** Notifications by e-mail (docs/notifications.md). */
	email: {
		/** SMTP_URL, e.g. smtp://user:pass@mail.example.org:587; null sends no e-mail at all. */
		smtpUrl: string | null;
		/** SMTP_FROM: the sender of every message; required with SMTP_URL. */
		from: string | null;
		/** EMAIL_DIGEST_SECONDS: how long a person's first unsent notification waits for others to join its digest. */
		digestMs: number;
	};
	/** Webhooks (docs/webhooks.md). */
	webhooks: {
		/** WEBHOOK_ALLOW_PRIVATE: allow loopback, link-local and private addresses (a receiver on the same network). */
		allowPrivate: boolean;
		/** WEBHOOK_RETRY_SECONDS: the wait before the first retry; it doubles after each failure. */
		retryBaseMs: number;
		/** WEBHOOK_MAX_ATTEMPTS: attempts before a delivery is given up as failed. */
		maxAttempts: number;
	};
}

export class ConfigError extends Error {
	override name = 'ConfigError';
}

/**
 * The two storage modes (docs/deploy.md): one process on a SQLite file, or any number of
 * processes sharing PostgreSQL for every durable row and Redis for telling each other.
 */
export type DatabaseConfig =
	| { kind: 'sqlite'; path: string }
	| {
			kind: 'postgres';
			/** DATABASE_URL as given (it may carry a password: show it through databaseLabel). */
			url: string;
			/** REDIS_URL: required with PostgreSQL, since processes learn of each other's edits through it. */
			redisUrl: string;
			/** REDIS_PREFIX (default `samla:`): every Redis key and channel starts with it, so deployments sharing a Redis never meet. */
			redisPrefix: string;
			/**
			 * DATABASE_DURABLE_EDITS: each live edit's append to the update log waits for PostgreSQL's
			 * WAL flush before the edit is sent on. Off by default: an append is committed and visible
			 * before it is sent on, and flushed a moment later (synchronous_commit=off); what a
			 * PostgreSQL crash takes, the server stores again from its live copy (docs/database.md).
			 */
			durableEdits: boolean;
	  };

function serviceUrl(name: string, value: string, protocols: string[], example: string): string {
	let url: URL | null = null;
	try {
		url = new URL(value);
	} catch {
		// reported below
	}
	if (!url || !protocols.includes(url.protocol)) {
		throw new ConfigError(`${name} must be a URL such as ${example}, got "${redact(value)}"`);
	}
	return value;
}

/** A URL as it may be shown in a log line or an error: without its password. */
export function redact(value: string): string {
	try {
		const url = new URL(value);
		if (!url.password) return value;
		url.password = '***';
		return url.href;
	} catch {
		return value.replace(/:[^:@/]*@/, ':***@');
	}
}

/** DATABASE_URL wins when both are set, so one environment never means two databases. */
function database(env: NodeJS.ProcessEnv, path: string): DatabaseConfig {
	const redisUrl = env.REDIS_URL ? serviceUrl('REDIS_URL', env.REDIS_URL, ['redis:', 'rediss:'], 'redis://127.0.0.1:6379') : null;
	if (!env.DATABASE_URL) return { kind: 'sqlite', path };
	const url = serviceUrl('DATABASE_URL', env.DATABASE_URL, ['postgres:', 'postgresql:'], 'postgres://samla@127.0.0.1:5432/samla');
	if (!redisUrl) {
		throw new ConfigError(
			'REDIS_URL is required when DATABASE_URL selects PostgreSQL (processes tell each other of edits through Redis), e.g. REDIS_URL=redis://127.0.0.1:6379'
		);
	}
	return {
		kind: 'postgres',
		url,
		redisUrl,
		redisPrefix: redisPrefix(env.REDIS_PREFIX),
		durableEdits: flag('DATABASE_DURABLE_EDITS', env.DATABASE_DURABLE_EDITS)
	};
}

function redisPrefix(value: string | undefined): string {
	if (value === undefined || value === '') return 'samla:';
	if (/\s/.test(value)) throw new ConfigError(`REDIS_PREFIX must not contain spaces, got "${value}"`);
	return value;
}

/** How the operator sees which database a command or the server opened. */
export function databaseLabel(db: DatabaseConfig): string {
	return db.kind === 'sqlite' ? db.path : `${redact(db.url)} (PostgreSQL)`;
}

/**
 * Stops whatever still runs on SQLite alone when DATABASE_URL asks for PostgreSQL, rather
 * than let it quietly open DATABASE_PATH. Goes away piece by piece as issue 13 lands.
 */
export function requireSqlite(cfg: Pick<Config, 'database'>, what: string): string {
	if (cfg.database.kind === 'sqlite') return cfg.database.path;
	throw new ConfigError(
		`PostgreSQL mode is not complete yet: ${what} still runs on SQLite only, and DATABASE_URL is set. Unset DATABASE_URL to use DATABASE_PATH; "samla db migrate", "samla user" and "samla token" already work on PostgreSQL (docs/deploy.md, docs/database.md).`
	);
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

function logLevel(value: string | undefined): LogLevel {
	if (value === undefined || value === '') return 'info';
	const level = LOG_LEVELS.find((l) => l === value.toLowerCase());
	if (!level) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${value}"`);
	return level;
}

function metricsToken(value: string | undefined): string | null {
	if (!value) return null;
	if (value.length < 16) throw new ConfigError('METRICS_TOKEN must be at least 16 characters long');
	return value;
}

export interface DataLicence {
	/** SPDX id where there is one. */
	id: string;
	name: string;
	url: string;
}

/** Licences open-data portals know by name; anything else is given as a URL. */
export const KNOWN_LICENCES: readonly DataLicence[] = [
	{ id: 'CC-BY-4.0', name: 'Creative Commons Attribution 4.0 International', url: 'https://creativecommons.org/licenses/by/4.0/' },
	{ id: 'CC0-1.0', name: 'CC0 1.0 Universal (public domain dedication)', url: 'https://creativecommons.org/publicdomain/zero/1.0/' },
	{
		id: 'CC-BY-SA-4.0',
		name: 'Creative Commons Attribution-ShareAlike 4.0 International',
		url: 'https://creativecommons.org/licenses/by-sa/4.0/'
	},
	{ id: 'NLOD-2.0', name: 'Norsk lisens for offentlige data (NLOD) 2.0', url: 'https://data.norge.no/nlod/no/2.0' },
	{ id: 'ODC-By-1.0', name: 'Open Data Commons Attribution License 1.0', url: 'https://opendatacommons.org/licenses/by/1-0/' },
	{ id: 'ODbL-1.0', name: 'Open Data Commons Open Database License 1.0', url: 'https://opendatacommons.org/licenses/odbl/1-0/' }
];

/** An SPDX id from KNOWN_LICENCES, or the URL of another licence with SAMLA_DATA_LICENCE_NAME as its name. */
function dataLicence(value: string | undefined, name: string | undefined): DataLicence {
	const v = value?.trim() || 'CC-BY-4.0';
	const known = KNOWN_LICENCES.find((l) => l.id.toLowerCase() === v.toLowerCase());
	if (known) return known;
	let url: URL | null = null;
	try {
		url = new URL(v);
	} catch {
		// not a URL either
	}
	if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
		throw new ConfigError(
			`SAMLA_DATA_LICENCE must be one of ${KNOWN_LICENCES.map((l) => l.id).join(', ')} or the http(s) URL of a licence, got "${v}"`
		);
	}
	return { id: url.href, name: name?.trim() || url.href, url: url.href };
}

function smtpUrl(value: string | undefined): string | null {
	if (!value) return null;
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new ConfigError(`SMTP_URL must be a URL such as smtp://user:password@mail.example.org:587, got something else`);
	}
	if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
		throw new ConfigError(`SMTP_URL must start with smtp:// or smtps://, got "${url.protocol}//"`);
	}
	return value;
}

function smtpFrom(value: string | undefined, smtp: string | null): string | null {
	const from = value?.trim() || null;
	if (smtp && !from) throw new ConfigError('SMTP_FROM must be set with SMTP_URL, e.g. "Samla <samla@example.org>"');
	if (from && !/^[^<>@\s]+@[^<>@\s]+$|<[^<>@\s]+@[^<>@\s]+>$/.test(from)) {
		throw new ConfigError(`SMTP_FROM must be an address such as samla@example.org or "Samla <samla@example.org>", got "${from}"`);
	}
	return from;
}

function port(value: string | undefined): number {
	if (value === undefined || value === '') return 3000;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 0 || n > 65535) {
		throw new ConfigError(`PORT must be a whole number from 0 to 65535, got "${value}"`);
	}
	return n;
}

function origin(value: string | undefined): string | null {
	if (!value) return null;
	try {
		return new URL(value).origin;
	} catch {
		throw new ConfigError(`ORIGIN must be a URL such as https://samla.example.org, got "${value}"`);
	}
}

function flag(name: string, value: string | undefined): boolean {
	if (value === undefined || value === '' || value === '0' || value === 'false') return false;
	if (value === '1' || value === 'true') return true;
	throw new ConfigError(`${name} must be 1 or 0, got "${value}"`);
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
	if (value === undefined || value === '') return fallback;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 1) throw new ConfigError(`${name} must be a whole number of at least 1, got "${value}"`);
	return n;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
	const adminEmail = env.SAMLA_ADMIN_EMAIL || null;
	const adminPassword = env.SAMLA_ADMIN_PASSWORD || null;
	if (!!adminEmail !== !!adminPassword) {
		throw new ConfigError('SAMLA_ADMIN_EMAIL and SAMLA_ADMIN_PASSWORD must be set together');
	}
	const databasePath = resolve(cwd, env.DATABASE_PATH || 'data/samla.db');
	return {
		port: port(env.PORT),
		host: env.HOST || '0.0.0.0',
		database: database(env, databasePath),
		databasePath,
		seedsDir: resolve(cwd, env.SEEDS_DIR || 'seeds'),
		origin: origin(env.ORIGIN),
		adminEmail,
		adminPassword,
		demo: flag('SAMLA_DEMO', env.SAMLA_DEMO),
		logLevel: logLevel(env.LOG_LEVEL),
		metricsToken: metricsToken(env.METRICS_TOKEN),
		dataLicence: dataLicence(env.SAMLA_DATA_LICENCE, env.SAMLA_DATA_LICENCE_NAME),
		maxDocumentBytes: positiveInt('SAMLA_MAX_DOCUMENT_BYTES', env.SAMLA_MAX_DOCUMENT_BYTES, 20 * 1024 * 1024),
		apiRatePerMinute: positiveInt('SAMLA_API_RATE_PER_MINUTE', env.SAMLA_API_RATE_PER_MINUTE, 120),
		sync: {
			compactAfter: positiveInt('SYNC_COMPACT_AFTER', env.SYNC_COMPACT_AFTER, 500),
			idleUnloadMs: positiveInt('SYNC_IDLE_UNLOAD_SECONDS', env.SYNC_IDLE_UNLOAD_SECONDS, 60) * 1000,
			sessionRecheckMs: positiveInt('SYNC_SESSION_RECHECK_SECONDS', env.SYNC_SESSION_RECHECK_SECONDS, 30) * 1000,
			maxSocketsPerUser: positiveInt('SYNC_MAX_SOCKETS_PER_USER', env.SYNC_MAX_SOCKETS_PER_USER, 20),
			catchUpMs: positiveInt('SYNC_CATCH_UP_SECONDS', env.SYNC_CATCH_UP_SECONDS, 10) * 1000
		},
		email: {
			smtpUrl: smtpUrl(env.SMTP_URL),
			from: smtpFrom(env.SMTP_FROM, smtpUrl(env.SMTP_URL)),
			digestMs: positiveInt('EMAIL_DIGEST_SECONDS', env.EMAIL_DIGEST_SECONDS, 300) * 1000
		},
		webhooks: {
			allowPrivate: flag('WEBHOOK_ALLOW_PRIVATE', env.WEBHOOK_ALLOW_PRIVATE),
			retryBaseMs: positiveInt('WEBHOOK_RETRY_SECONDS', env.WEBHOOK_RETRY_SECONDS, 30) * 1000,
			maxAttempts: positiveInt('WEBHOOK_MAX_ATTEMPTS', env.WEBHOOK_MAX_ATTEMPTS, 8)
		}
	};
}

let cached: Config | undefined;

export function config(): Config {
	cached ??= readConfig();
	return cached;
}
