/**
 * Configuration, read once from the environment. A wrong value stops start-up with a
 * message that names the variable, rather than failing later on the first request.
 */
import { resolve } from 'node:path';

export interface Config {
	port: number;
	host: string;
	databasePath: string;
	seedsDir: string;
	/** adapter-node's ORIGIN; null means "derive from the request". */
	origin: string | null;
	adminEmail: string | null;
	adminPassword: string | null;
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
	};
}

export class ConfigError extends Error {}

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
	return {
		port: port(env.PORT),
		host: env.HOST || '0.0.0.0',
		databasePath: resolve(cwd, env.DATABASE_PATH || 'data/samla.db'),
		seedsDir: resolve(cwd, env.SEEDS_DIR || 'seeds'),
		origin: origin(env.ORIGIN),
		adminEmail,
		adminPassword,
		maxDocumentBytes: positiveInt('SAMLA_MAX_DOCUMENT_BYTES', env.SAMLA_MAX_DOCUMENT_BYTES, 20 * 1024 * 1024),
		apiRatePerMinute: positiveInt('SAMLA_API_RATE_PER_MINUTE', env.SAMLA_API_RATE_PER_MINUTE, 120),
		sync: {
			compactAfter: positiveInt('SYNC_COMPACT_AFTER', env.SYNC_COMPACT_AFTER, 500),
			idleUnloadMs: positiveInt('SYNC_IDLE_UNLOAD_SECONDS', env.SYNC_IDLE_UNLOAD_SECONDS, 60) * 1000,
			sessionRecheckMs: positiveInt('SYNC_SESSION_RECHECK_SECONDS', env.SYNC_SESSION_RECHECK_SECONDS, 30) * 1000
		}
	};
}

let cached: Config | undefined;

export function config(): Config {
	cached ??= readConfig();
	return cached;
}
