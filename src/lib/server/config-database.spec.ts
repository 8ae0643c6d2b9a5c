/** DATABASE_URL / REDIS_URL / DATABASE_PATH: which database the server and every command use. */
import { describe, expect, it } from 'vitest';
import { ConfigError, databaseLabel, readConfig, requireSqlite } from './config';

const PG = 'postgres://samla:s3cret@db.example.org:5432/samla';
const REDIS = 'redis://127.0.0.1:6379';

describe('the database mode', () => {
	it('is SQLite at DATABASE_PATH (default data/samla.db) without DATABASE_URL', () => {
		expect(readConfig({}, '/srv').database).toEqual({ kind: 'sqlite', path: '/srv/data/samla.db' });
		expect(readConfig({ DATABASE_PATH: 'x.db', REDIS_URL: REDIS }, '/srv').database).toEqual({ kind: 'sqlite', path: '/srv/x.db' });
	});

	it('is PostgreSQL with DATABASE_URL and REDIS_URL, which win over DATABASE_PATH', () => {
		const cfg = readConfig({ DATABASE_URL: PG, REDIS_URL: REDIS, DATABASE_PATH: 'x.db' }, '/srv');
		expect(cfg.database).toEqual({ kind: 'postgres', url: PG, redisUrl: REDIS, redisPrefix: 'samla:', durableEdits: false });
		expect(readConfig({ DATABASE_URL: 'postgresql://h/db', REDIS_URL: 'rediss://h:6380' }).database.kind).toBe('postgres');
	});

	it('prefixes Redis keys with REDIS_PREFIX, so deployments can share one Redis', () => {
		expect(readConfig({ DATABASE_URL: PG, REDIS_URL: REDIS, REDIS_PREFIX: 'staging:' }).database).toMatchObject({
			redisPrefix: 'staging:'
		});
		expect(() => readConfig({ DATABASE_URL: PG, REDIS_URL: REDIS, REDIS_PREFIX: 'a b' })).toThrow(/^REDIS_PREFIX must not contain spaces/);
	});

	it('lets live edits wait for the disk with DATABASE_DURABLE_EDITS=1', () => {
		const env = { DATABASE_URL: PG, REDIS_URL: REDIS };
		expect(readConfig({ ...env, DATABASE_DURABLE_EDITS: '1' }).database).toMatchObject({ durableEdits: true });
		expect(readConfig({ ...env, DATABASE_DURABLE_EDITS: '0' }).database).toMatchObject({ durableEdits: false });
		expect(() => readConfig({ ...env, DATABASE_DURABLE_EDITS: 'yes' })).toThrow(/^DATABASE_DURABLE_EDITS must be 1 or 0/);
	});

	it('refuses DATABASE_URL without REDIS_URL, naming it', () => {
		expect(() => readConfig({ DATABASE_URL: PG })).toThrow(ConfigError);
		expect(() => readConfig({ DATABASE_URL: PG })).toThrow(/^REDIS_URL is required when DATABASE_URL selects PostgreSQL/);
	});

	it('refuses URLs of the wrong kind, naming the variable and never showing the password', () => {
		for (const [env, name] of [
			[{ DATABASE_URL: 'mysql://u:s3cret@h/db', REDIS_URL: REDIS }, 'DATABASE_URL'],
			[{ DATABASE_URL: 'data/samla.db', REDIS_URL: REDIS }, 'DATABASE_URL'],
			[{ DATABASE_URL: PG, REDIS_URL: 'http://u:s3cret@h' }, 'REDIS_URL'],
			[{ REDIS_URL: '127.0.0.1:6379' }, 'REDIS_URL']
		] as const) {
			expect(() => readConfig(env)).toThrow(ConfigError);
			expect(() => readConfig(env)).toThrow(new RegExp(`^${name} must be a URL`));
			expect(() => readConfig(env)).not.toThrow(/s3cret/);
		}
	});

	it('shows a PostgreSQL database without its password', () => {
		const { database } = readConfig({ DATABASE_URL: PG, REDIS_URL: REDIS });
		expect(databaseLabel(database)).toBe('postgres://samla:***@db.example.org:5432/samla (PostgreSQL)');
	});

	it('lets SQLite-only code run in SQLite mode and stops it clearly in PostgreSQL mode', () => {
		expect(requireSqlite(readConfig({}, '/srv'), 'samla ingest')).toBe('/srv/data/samla.db');
		expect(() => requireSqlite(readConfig({ DATABASE_URL: PG, REDIS_URL: REDIS }), 'samla ingest')).toThrow(
			/^PostgreSQL mode is not complete yet: samla ingest still runs on SQLite only/
		);
	});
});
