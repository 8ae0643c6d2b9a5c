/**
 * An approval is one transaction: the version row, the record's pointer and status, the
 * public index and the audit entry commit together or not at all. A process approving
 * as fast as it can is killed with SIGKILL at random moments; after each kill every
 * record is consistent, and every approval that had returned (been acknowledged) is there.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, publicProjects, records, recordVersions } from '../../src/lib/server/db/schema';
import { tempDatabase } from '../helpers/db';
import { createDraft, validRecord } from '../helpers/records';
import { createTestUser } from '../helpers/users';
import { between, integrityCheck, report, runSeed, scale, seededRng, withDatabase } from './lib/common';

const WORKER = fileURLToPath(new URL('./lib/approve-worker.ts', import.meta.url));

describe('approval under SIGKILL', () => {
	const cycles = scale(3, 10);
	it(
		`keeps every record consistent and every acknowledged approval over ${cycles} kills`,
		async () => {
			const seed = runSeed();
			const rng = seededRng(seed);
			const t = tempDatabase();
			let acknowledged = 0;
			let committed = 0;
			try {
				const approver = await createTestUser(t.db, { role: 'approver' });
				const ids = Array.from({ length: 5 }, () => createDraft(t.db, validRecord()));
				for (let cycle = 1; cycle <= cycles; cycle++) {
					const child = spawn(process.execPath, ['--import', 'tsx', WORKER, t.path, approver.id, String(seed + cycle), ...ids], {
						stdio: ['ignore', 'pipe', 'pipe']
					});
					const acked = new Map<string, number>();
					let ackCount = 0;
					let out = '';
					let err = '';
					const ready = new Promise<void>((resolve, reject) => {
						child.stdout.on('data', (chunk: Buffer) => {
							out += chunk.toString();
							const lines = out.split('\n');
							out = lines.pop()!;
							for (const line of lines) {
								if (line === 'ready') resolve();
								const m = /^ok (\S+) (\d+)$/.exec(line);
								if (m) {
									acked.set(m[1], Math.max(acked.get(m[1]) ?? 0, Number(m[2])));
									ackCount++;
								}
							}
						});
						child.stderr.on('data', (c: Buffer) => (err += c.toString()));
						child.once('exit', (code) => reject(new Error(`the worker exited with ${code}: ${err}`)));
					});
					await ready;
					await new Promise((r) => setTimeout(r, between(rng, 100, 600)));
					const exited = new Promise((r) => child.once('exit', r));
					child.kill('SIGKILL');
					await exited;
					expect(err).toBe('');

					// A fresh connection, as a restarted server would open. (On a connection opened before
					// another process wrote, SQLite 3.53's FTS5 integrity check misreads its cached
					// structure as corruption, although queries on it are right; see RELIABILITY.md.)
					withDatabase(t.path, (db) => {
						expect(integrityCheck(db)).toBe('ok');
						for (const id of ids) {
							const row = db.select().from(records).where(eq(records.id, id)).get()!;
							const versions = db
								.select({ v: recordVersions.version })
								.from(recordVersions)
								.where(eq(recordVersions.recordId, id))
								.all()
								.map((r) => r.v);
							const audits = db
								.select({ n: sql<number>`count(*)` })
								.from(auditLog)
								.where(and(eq(auditLog.action, 'record.approved'), eq(auditLog.targetId, id)))
								.get()!.n;
							const published = db.select({ v: publicProjects.version }).from(publicProjects).where(eq(publicProjects.recordId, id)).get();
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
					});
					acknowledged += ackCount;
					committed = withDatabase(
						t.path,
						(db) =>
							db
								.select({ n: sql<number>`count(*)` })
								.from(recordVersions)
								.get()!.n
					);
				}
				report('approval-crash', { seed, cycles, approvalsAcknowledged: acknowledged, approvalsCommitted: committed, acknowledgedLost: 0 });
				expect(committed).toBeGreaterThan(cycles * 5);
			} finally {
				t.cleanup();
			}
		},
		scale(60_000, 300_000)
	);
});
