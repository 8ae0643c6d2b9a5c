/**
 * Once per run of the cluster project: without SAMLA_TEST_DATABASE_URL and
 * SAMLA_TEST_REDIS_URL say, in one line, that its PostgreSQL + Redis suites were skipped
 * and how to run them; with them, stop at once if either service cannot be reached, rather
 * than let every suite time out.
 */
import pg from 'pg';
import { Redis } from '../src/lib/server/cluster/ioredis';
import { clusterServices } from './helpers/cluster';

export default async function setup(): Promise<void> {
	const services = clusterServices();
	if (!services) {
		console.log(
			'[cluster] PostgreSQL + Redis suites skipped: SAMLA_TEST_DATABASE_URL and SAMLA_TEST_REDIS_URL are unset (run them with `npm run test:cluster`)'
		);
		return;
	}
	const client = new pg.Client({ connectionString: services.databaseUrl, connectionTimeoutMillis: 5000 });
	try {
		await client.connect();
		await client.query('SELECT 1');
	} catch (err) {
		throw new Error(`SAMLA_TEST_DATABASE_URL: PostgreSQL cannot be reached: ${(err as Error).message}`, { cause: err });
	} finally {
		await client.end().catch(() => {});
	}
	const redis = new Redis(services.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
	try {
		await redis.connect();
		await redis.ping();
	} catch (err) {
		throw new Error(`SAMLA_TEST_REDIS_URL: Redis cannot be reached: ${(err as Error).message}`, { cause: err });
	} finally {
		redis.disconnect();
	}
}
