/**
 * PostgreSQL and Redis for the sync bench's rows (b)–(d): the servers named by
 * SAMLA_TEST_DATABASE_URL and SAMLA_TEST_REDIS_URL (as `npm run test:cluster` sets them), a
 * database migrated once per run and copied from it for every round (CREATE DATABASE …
 * TEMPLATE: a round starts from empty tables without migrating again), a Redis key prefix
 * per round, and everything dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Redis } from '../src/lib/server/cluster/ioredis';
import { migratePgDatabase, openPgDatabase } from '../src/lib/server/db/pg-client';
import { pgSql, type Sql } from '../src/lib/server/db/sql';
import { PG_MIGRATIONS_DIR } from '../server/paths';

export interface BenchCluster {
	redisUrl: string;
	/** A new database copied from the migrated one, and a Redis prefix of its own. */
	round(): Promise<BenchRound>;
	close(): Promise<void>;
}

export interface BenchRound {
	url: string;
	prefix: string;
	/** A handle on the round's database for the bench process itself (seeding, reading back). */
	withSql<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
	drop(): Promise<void>;
}

const token = () => randomBytes(6).toString('hex');

async function admin(serverUrl: string, statement: string): Promise<void> {
	const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}

function databaseUrl(serverUrl: string, name: string): string {
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	return url.href;
}

/** Both servers reachable, or the reason they are not, in one line. */
async function unreachable(serverUrl: string, redisUrl: string): Promise<string | null> {
	try {
		await admin(serverUrl, 'SELECT 1');
	} catch (err) {
		return `PostgreSQL at ${new URL(serverUrl).host} not reachable (${(err as Error).message})`;
	}
	const redis = new Redis(redisUrl, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null });
	try {
		await redis.connect();
		await redis.ping();
		return null;
	} catch (err) {
		return `Redis at ${new URL(redisUrl).host} not reachable (${(err as Error).message})`;
	} finally {
		redis.disconnect();
	}
}

/** The cluster for this run, or the line that says why rows (b)–(d) are skipped. */
export async function openBenchCluster(env: NodeJS.ProcessEnv = process.env): Promise<BenchCluster | string> {
	const serverUrl = env.SAMLA_TEST_DATABASE_URL;
	const redisUrl = env.SAMLA_TEST_REDIS_URL;
	const skipped = 'Rows (b)–(d) skipped: ';
	if (!serverUrl || !redisUrl) return `${skipped}set SAMLA_TEST_DATABASE_URL and SAMLA_TEST_REDIS_URL (as \`npm run test:cluster\` does).`;
	const why = await unreachable(serverUrl, redisUrl);
	if (why) return `${skipped}${why}.`;

	const run = token();
	const template = `samla_bench_${run}`;
	await admin(serverUrl, `CREATE DATABASE ${template}`);
	const databases = [template];
	try {
		await migratePgDatabase(databaseUrl(serverUrl, template), PG_MIGRATIONS_DIR);
	} catch (err) {
		await admin(serverUrl, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
		throw err;
	}
	let rounds = 0;
	return {
		redisUrl,
		async round() {
			const name = `${template}_${++rounds}`;
			await admin(serverUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
			databases.push(name);
			const prefix = `samla-bench:${run}:${rounds}:`;
			const url = databaseUrl(serverUrl, name);
			return {
				url,
				prefix,
				async withSql(fn) {
					const db = openPgDatabase(url);
					try {
						return await fn(pgSql(db));
					} finally {
						await db.$client.end();
					}
				},
				drop: () => admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
			};
		},
		async close() {
			for (const name of databases.reverse()) await admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			const redis = new Redis(redisUrl);
			try {
				let cursor = '0';
				do {
					const [next, keys] = await redis.scan(cursor, 'MATCH', `samla-bench:${run}:*`, 'COUNT', 500);
					if (keys.length) await redis.del(...keys);
					cursor = next;
				} while (cursor !== '0');
			} finally {
				await redis.quit();
			}
		}
	};
}
