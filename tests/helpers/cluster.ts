/**
 * PostgreSQL and Redis for the suites that test the multi-process mode (issue 13). They run
 * when SAMLA_TEST_DATABASE_URL (a server and a database to connect to for CREATE DATABASE)
 * and SAMLA_TEST_REDIS_URL are set, as `npm run test:cluster` and .ci/run set them, and are
 * reported as skipped otherwise (tests/cluster-setup.ts says so once). Each test file gets
 * a database of its own, dropped after it, and a Redis key prefix of its own.
 */
import { randomBytes } from 'node:crypto';
import { createConnection, createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { Redis } from '../../src/lib/server/cluster/ioredis';

export interface ClusterServices {
	/** The server's maintenance database (postgres://postgres@127.0.0.1:5432/postgres): test databases are made from it. */
	databaseUrl: string;
	redisUrl: string;
}

/** Both variables or neither: one alone is a mistake worth stopping for, not a reason to skip. */
export function clusterServices(env: NodeJS.ProcessEnv = process.env): ClusterServices | null {
	const databaseUrl = env.SAMLA_TEST_DATABASE_URL || '';
	const redisUrl = env.SAMLA_TEST_REDIS_URL || '';
	if (!databaseUrl && !redisUrl) return null;
	if (!databaseUrl || !redisUrl) {
		throw new Error('Set SAMLA_TEST_DATABASE_URL and SAMLA_TEST_REDIS_URL together (npm run test:cluster sets both)');
	}
	return { databaseUrl, redisUrl };
}

const services = clusterServices();

/** describe() for suites that need PostgreSQL and Redis: skipped, and counted as skipped, without them. */
export const describeCluster = describe.skipIf(services === null);

function required(): ClusterServices {
	if (!services) throw new Error('PostgreSQL/Redis test used outside describeCluster');
	return services;
}

const token = () => randomBytes(6).toString('hex');

export interface TestDatabase {
	name: string;
	url: string;
	drop(): Promise<void>;
}

async function admin(statement: string): Promise<void> {
	const client = new pg.Client({ connectionString: required().databaseUrl });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}

/** A new, empty database on the test server; drop() removes it even while connections remain. */
export async function createTestDatabase(): Promise<TestDatabase> {
	const name = `samla_test_${token()}`;
	await admin(`CREATE DATABASE ${name}`);
	const url = new URL(required().databaseUrl);
	url.pathname = `/${name}`;
	return { name, url: url.href, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** A database for the whole test file, created before its first test and dropped after its last. */
export function useTestDatabase(): { readonly url: string; readonly name: string } {
	let database: TestDatabase | undefined;
	beforeAll(async () => {
		database = await createTestDatabase();
	});
	afterAll(async () => {
		await database?.drop();
	});
	const current = () => {
		if (!database) throw new Error('the test database is made in beforeAll');
		return database;
	};
	return {
		get url() {
			return current().url;
		},
		get name() {
			return current().name;
		}
	};
}

export interface TestRedis {
	url: string;
	/** Every key and channel this file uses starts with it, so files running at once never meet. */
	prefix: string;
	/** A connection of the test's own, closed after the file. */
	connect(): Redis;
}

/** A new key prefix on the test Redis: every key and channel under it is the caller's alone. */
export const newRedisPrefix = () => `samla-test:${token()}:`;

/** Deletes every key under `prefix`. */
export async function clearRedisPrefix(prefix: string): Promise<void> {
	const cleaner = new Redis(required().redisUrl);
	try {
		let cursor = '0';
		do {
			const [next, keys] = await cleaner.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
			if (keys.length) await cleaner.del(...keys);
			cursor = next;
		} while (cursor !== '0');
	} finally {
		await cleaner.quit().catch(() => cleaner.disconnect());
	}
}

/** Redis for the whole test file: a key prefix of its own, its keys deleted afterwards. */
export function useTestRedis(): TestRedis {
	const prefix = newRedisPrefix();
	const opened: Redis[] = [];
	afterAll(async () => {
		await clearRedisPrefix(prefix);
		await Promise.all(opened.map((r) => r.quit().catch(() => r.disconnect())));
	});
	return {
		get url() {
			return required().redisUrl;
		},
		prefix,
		connect() {
			const r = new Redis(required().redisUrl);
			opened.push(r);
			return r;
		}
	};
}

export interface RedisGate {
	/** redis://127.0.0.1:<gate's port> */
	url: string;
	/** Cuts every connection through the gate and refuses new ones, as a stopped Redis would. */
	shut(): Promise<void>;
	/** Takes connections again, on the same port. */
	open(): Promise<void>;
	/** Passes no more bytes either way but keeps every connection open, as a network partition does. */
	stall(): void;
	/** How many connections the gate has let through so far. */
	readonly accepted: number;
}

/** Redis behind a port of the test's own that can be shut and opened again: restarting the real Redis would disturb every other test. */
export async function redisGate(redisUrl: string): Promise<RedisGate> {
	const upstream = new URL(redisUrl);
	const held = new Set<Socket>();
	const pairs = new Set<[Socket, Socket]>();
	let accepted = 0;
	const gate = createNetServer((client) => {
		accepted++;
		const server = createConnection(Number(upstream.port || 6379), upstream.hostname);
		held.add(client).add(server);
		pairs.add([client, server]);
		client.pipe(server).pipe(client);
		const drop = () => (client.destroy(), server.destroy());
		client.on('error', drop).on('close', drop);
		server.on('error', drop).on('close', drop);
	});
	await new Promise<void>((resolve) => gate.listen(0, '127.0.0.1', resolve));
	const port = (gate.address() as AddressInfo).port;
	return {
		url: `redis://127.0.0.1:${port}`,
		shut() {
			const closed = new Promise<void>((resolve) => gate.close(() => resolve()));
			for (const socket of held) socket.destroy();
			held.clear();
			return closed;
		},
		open: () => new Promise<void>((resolve) => gate.listen(port, '127.0.0.1', resolve)),
		stall() {
			for (const [client, server] of pairs) {
				client.unpipe(server);
				server.unpipe(client);
				client.pause();
				server.pause();
			}
		},
		get accepted() {
			return accepted;
		}
	};
}
