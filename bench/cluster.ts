/**
 * The document store across processes (issue 13), at the store: how long an edit takes to
 * be stored and sent on by the store that took it, and to reach the live copy of a second
 * store on the same PostgreSQL database over Redis, against the SQLite store in the same
 * run. Both PostgreSQL stores live in this process (their own pools, Redis connections and
 * process ids); the clients are the store's own sessions, not sockets, so the figures are
 * the store's part of an edit's way, not a whole deployment's (that is bench/sync.ts's
 * job, still on SQLite only).
 *
 * Each of D documents gets E edits at R a second, one at a time (the next once both stores
 * have it and its turn has come), the documents at once. Needs SAMLA_TEST_DATABASE_URL and SAMLA_TEST_REDIS_URL (as
 * `npm run test:cluster` sets them); says it skipped otherwise. CLUSTER_BENCH_DOCS (20),
 * CLUSTER_BENCH_EDITS (50 per document), CLUSTER_BENCH_RATE (10 a second per document).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import * as Y from 'yjs';
import { emptyRecord } from '../src/lib/records/fields';
import { applyTextDiff, fieldText } from '../src/lib/records/ydoc';
import { FanoutAnnouncer } from '../src/lib/server/cluster/fanout-announcer';
import { migratePgDatabase, openPgDatabase } from '../src/lib/server/db/pg-client';
import { documents, records } from '../src/lib/server/db/schema-pg';
import { recordStore } from '../src/lib/server/docs/create';
import { pgRecordStore } from '../src/lib/server/docs/create-pg';
import { REMOTE_ORIGIN, UpdateOrigin } from '../src/lib/server/docs/origins';
import type { DocSession } from '../src/lib/server/docs/store';
import type { RecordStore } from '../src/lib/server/records/live';
import { tempDatabase } from '../tests/helpers/db';
import { createDraft } from '../tests/helpers/records';
import { percentile, table, type BenchSuite } from './suite';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const DOCS = num('CLUSTER_BENCH_DOCS', 20);
const EDITS = num('CLUSTER_BENCH_EDITS', 50);
/** Keystrokes a second per document: an edit waits for the one before and then for its turn. */
const RATE = num('CLUSTER_BENCH_RATE', 10);
const person = new UpdateOrigin({ id: 'u-bench', name: 'Bench' }, 'bench');

interface Timings {
	/** From apply() on the store that took the edit to its own listeners hearing it (stored), ms. */
	stored: number[];
	/** From apply() to the second store's live copy having it, ms (PostgreSQL only). */
	remote: number[];
}

/** Types E keystrokes into each document's summary through `a`; waits for each to be stored (and heard on `b`). */
async function drive(a: RecordStore, ids: string[], b?: RecordStore): Promise<Timings> {
	const out: Timings = { stored: [], remote: [] };
	await Promise.all(
		ids.map(async (id) => {
			let waiting: { storedAt?: number; remoteAt?: number; done: () => void; started: number } | null = null;
			const settle = () => {
				if (!waiting || waiting.storedAt === undefined || (b && waiting.remoteAt === undefined)) return;
				out.stored.push(waiting.storedAt - waiting.started);
				if (b) out.remote.push(waiting.remoteAt! - waiting.started);
				waiting.done();
			};
			const sa: DocSession = (await a.open(id, {
				update: (_, origin) => {
					if (waiting && origin !== REMOTE_ORIGIN && waiting.storedAt === undefined) {
						waiting.storedAt = performance.now();
						settle();
					}
				}
			}))!;
			const sb = b
				? (await b.open(id, {
						update: (_, origin) => {
							if (waiting && origin === REMOTE_ORIGIN && waiting.remoteAt === undefined) {
								waiting.remoteAt = performance.now();
								settle();
							}
						}
					}))!
				: null;
			await sa.persisted();
			const client = new Y.Doc();
			Y.applyUpdate(client, Y.encodeStateAsUpdate(sa.doc));
			let text = '';
			for (let i = 0; i < EDITS; i++) {
				const before = Y.encodeStateVector(client);
				text += 'abcdefghij'[i % 10];
				applyTextDiff(fieldText(client, 'summary')!, text);
				const update = Y.encodeStateAsUpdate(client, before);
				await new Promise<void>((done) => {
					waiting = { started: performance.now(), done };
					sa.apply(update, person);
				});
				waiting = null;
				await new Promise((r) => setTimeout(r, 1000 / RATE));
				Y.applyUpdate(client, Y.encodeStateAsUpdate(sa.doc, Y.encodeStateVector(client)));
			}
			sa.close();
			sb?.close();
		})
	);
	return out;
}

const ms = (n: number) => n.toFixed(2);
const stats = (xs: number[]) => {
	const s = [...xs].sort((x, y) => x - y);
	return { p50: percentile(s, 50), p99: percentile(s, 99) };
};

async function admin(url: string, statement: string): Promise<void> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}

export const clusterBench: BenchSuite = {
	title: 'The document store across processes (PostgreSQL + Redis)',
	async run() {
		const serverUrl = process.env.SAMLA_TEST_DATABASE_URL;
		const redisUrl = process.env.SAMLA_TEST_REDIS_URL;
		if (!serverUrl || !redisUrl) return 'Skipped: set SAMLA_TEST_DATABASE_URL and SAMLA_TEST_REDIS_URL (as `npm run test:cluster` does).';

		// SQLite, one store: the baseline of the same run.
		const t = tempDatabase();
		const sqlite = recordStore(t.db, { log: () => {} });
		const sqliteIds = Array.from({ length: DOCS }, () => createDraft(t.db, { ...emptyRecord('Bench'), summary: '' }));
		const base = await drive(sqlite, sqliteIds);
		await sqlite.close();
		t.cleanup();

		const name = `samla_bench_${randomBytes(6).toString('hex')}`;
		await admin(serverUrl, `CREATE DATABASE ${name}`);
		const url = new URL(serverUrl);
		url.pathname = `/${name}`;
		const prefix = `samla-bench:${randomBytes(6).toString('hex')}:`;
		try {
			await migratePgDatabase(url.href, join(import.meta.dirname, '../drizzle/pg'));
			const dbs = [openPgDatabase(url.href), openPgDatabase(url.href)];
			const announcers = await Promise.all(['a', 'b'].map((p) => FanoutAnnouncer.start({ redisUrl, prefix, processId: p, log: () => {} })));
			const [a, b] = dbs.map((db, i) => pgRecordStore(db, announcers[i], { log: () => {} }));
			const at = new Date();
			await dbs[0].insert(documents).values({ id: 'd', contentHash: 'h', content: 'x', language: 'sv', title: 'Bench', ingestedAt: at });
			const ids = Array.from({ length: DOCS }, (_, i) => `r${i}`);
			await dbs[0].insert(records).values(
				ids.map((id) => ({
					id,
					title: 'Bench',
					documentId: 'd',
					draft: { ...emptyRecord('Bench'), summary: '' },
					matchKey: 'bench',
					createdAt: at
				}))
			);
			const cluster = await drive(a, ids, b);
			await Promise.all([a.close(), b.close()]);
			await Promise.all(announcers.map((x) => x.close()));
			await Promise.all(dbs.map((db) => db.$client.end()));

			const s = stats(base.stored);
			const p = stats(cluster.stored);
			const r = stats(cluster.remote);
			const h = stats(cluster.remote.map((x, i) => x - cluster.stored[i]));
			return [
				`${DOCS} documents x ${EDITS} edits at ${RATE}/s each, the documents at once; both PostgreSQL stores in this process.`,
				'',
				table(
					['path', 'p50 ms', 'p99 ms', 'p50 vs SQLite stored', 'p99 vs SQLite stored'],
					[
						['SQLite: apply to stored and announced', ms(s.p50), ms(s.p99), '1.00x', '1.00x'],
						[
							'PostgreSQL: apply to committed and announced on A',
							ms(p.p50),
							ms(p.p99),
							`${(p.p50 / s.p50).toFixed(1)}x`,
							`${(p.p99 / s.p99).toFixed(1)}x`
						],
						[
							'PostgreSQL + Redis: apply on A to live on B',
							ms(r.p50),
							ms(r.p99),
							`${(r.p50 / s.p50).toFixed(1)}x`,
							`${(r.p99 / s.p99).toFixed(1)}x`
						],
						['of which the Redis hop (announced on A to live on B)', ms(h.p50), ms(h.p99), '', '']
					]
				)
			].join('\n');
		} finally {
			await admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
		}
	}
};
