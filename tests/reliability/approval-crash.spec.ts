/**
 * An approval is one transaction: the version row, the record's pointer and status, the
 * public index and the audit entry commit together or not at all. A process approving
 * as fast as it can is killed with SIGKILL at random moments; after each kill every
 * record is consistent, and every approval that had returned (been acknowledged) is there.
 * On SQLite and on PostgreSQL.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { and, count, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects';
import { validRecord } from '../helpers/records';
import { draftRecord } from '../helpers/records-sql';
import { createTestUser } from '../helpers/users';
import { between, integrityCheck, report, runSeed, scale, seededRng, withDatabase } from './lib/common';

const WORKER = fileURLToPath(new URL('./lib/approve-worker.ts', import.meta.url));
/** More than five per cycle, so that the total below shows each cycle approved, whatever the machine's speed. */
const ACKS_BEFORE_KILL = 6;

describeEachDialect('approval under SIGKILL', (database, dialect) => {
	const cycles = scale(3, 10);
	it(
		`keeps every record consistent and every acknowledged approval over ${cycles} kills`,
		async () => {
			const seed = runSeed();
			const rng = seededRng(seed);
			const { sql } = database();
			const { auditLog, publicProjects, records, recordVersions } = sql.t;
			const location = database().env.DATABASE_URL ?? database().env.DATABASE_PATH;
			let acknowledged = 0;
			let committed = 0;
			const approver = await createTestUser(sql, { role: 'approver' });
			const ids: string[] = [];
			for (let i = 0; i < 5; i++) ids.push(await draftRecord(sql, validRecord()));
			for (let cycle = 1; cycle <= cycles; cycle++) {
				const child = spawn(process.execPath, ['--import', 'tsx', WORKER, location, approver.id, String(seed + cycle), ...ids], {
					stdio: ['ignore', 'pipe', 'pipe']
				});
				const acked = new Map<string, number>();
				let ackCount = 0;
				let out = '';
				let err = '';
				// Killed a random moment after its first few acknowledgements, not after it started: a loaded
				// machine may take seconds to start it (PostgreSQL's client more), and a worker killed before its
				// first commit would test nothing.
				const running = new Promise<void>((resolve, reject) => {
					child.stdout.on('data', (chunk: Buffer) => {
						out += chunk.toString();
						const lines = out.split('\n');
						out = lines.pop()!;
						for (const line of lines) {
							const m = /^ok (\S+) (\d+)$/.exec(line);
							if (m) {
								acked.set(m[1], Math.max(acked.get(m[1]) ?? 0, Number(m[2])));
								if (++ackCount === ACKS_BEFORE_KILL) resolve();
							}
						}
					});
					child.stderr.on('data', (c: Buffer) => (err += c.toString()));
					child.once('exit', (code) => reject(new Error(`the worker exited with ${code}: ${err}`)));
				});
				await running;
				await new Promise((r) => setTimeout(r, between(rng, 100, 600)));
				const exited = new Promise((r) => child.once('exit', r));
				child.kill('SIGKILL');
				await exited;
				expect(err).toBe('');

				// A fresh connection, as a restarted server would open. (On a connection opened before
				// another process wrote, SQLite 3.53's FTS5 integrity check misreads its cached
				// structure as corruption, although queries on it are right; see RELIABILITY.md.)
				if (dialect === 'sqlite') expect(withDatabase(database().env.DATABASE_PATH, integrityCheck)).toBe('ok');
				for (const id of ids) {
					const [row] = await sql.db.select().from(records).where(eq(records.id, id));
					const versions = (
						await sql.db.select({ v: recordVersions.version }).from(recordVersions).where(eq(recordVersions.recordId, id))
					).map((r) => r.v);
					const [{ n: audits }] = await sql.db
						.select({ n: count() })
						.from(auditLog)
						.where(and(eq(auditLog.action, 'record.approved'), eq(auditLog.targetId, id)));
					const [published] = await sql.db
						.select({ v: publicProjects.version })
						.from(publicProjects)
						.where(eq(publicProjects.recordId, id));
					const n = versions.length;
					// Versions 1..n, no gaps; the pointer, the public index and the audit trail agree with them.
					expect(versions.sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
					expect(row.approvedVersion ?? 0).toBe(n);
					expect(audits).toBe(n);
					if (n) {
						expect(row.status).toBe('approved');
						expect(published?.v).toBe(n);
					}
					// Nothing the approver was told is missing.
					expect(n).toBeGreaterThanOrEqual(acked.get(id) ?? 0);
				}
				acknowledged += ackCount;
				[{ n: committed }] = await sql.db.select({ n: count() }).from(recordVersions);
			}
			report('approval-crash', {
				dialect,
				seed,
				cycles,
				approvalsAcknowledged: acknowledged,
				approvalsCommitted: committed,
				acknowledgedLost: 0
			});
			expect(committed).toBeGreaterThan(cycles * 5);
		},
		scale(60_000, 300_000)
	);
});
