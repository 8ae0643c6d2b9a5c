/**
 * Graceful shutdown of `samla start`: on SIGTERM or SIGINT it stops accepting at once, closes
 * every sync socket with 1001 ("going away", so clients reconnect), finishes its writes,
 * closes the database and exits 0 within 5 s, even with a client that never answers the
 * close handshake. Every edit acknowledged before the signal is in the database. On SQLite
 * and on PostgreSQL + Redis.
 */
import { connect as tcpConnect, type Socket } from 'node:net';
import { existsSync, rmSync } from 'node:fs';
import { expect, it } from 'vitest';
import { CloseCode } from '../../src/lib/collab/close-codes';
import { describeEachDialect } from '../helpers/dialects';
import { validRecord } from '../helpers/records';
import { draftRecord } from '../helpers/records-sql';
import { startTestServer } from '../helpers/server';
import { person } from '../sync/harness';
import { report, seededRng, runSeed, waitFor, withDatabase, integrityCheck } from './lib/common';
import { storedDocSql } from '../helpers/stored-doc-sql';
import { EditorClient, tokensOf } from './lib/fleet';

/** Completes a WebSocket upgrade by hand, then never reads or answers again. */
function deafSocket(port: number, path: string, cookie: string): Promise<Socket> {
	return new Promise((resolve, reject) => {
		const s = tcpConnect(port, '127.0.0.1', () => {
			s.write(
				[
					`GET ${path} HTTP/1.1`,
					`Host: 127.0.0.1:${port}`,
					'Upgrade: websocket',
					'Connection: Upgrade',
					'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
					'Sec-WebSocket-Version: 13',
					`Cookie: ${cookie}`,
					'',
					''
				].join('\r\n')
			);
		});
		s.once('data', (chunk) => {
			if (chunk.toString().startsWith('HTTP/1.1 101')) {
				s.pause(); // read nothing more: the server's close frame is never answered
				resolve(s);
			} else reject(new Error(`upgrade refused: ${chunk.toString().split('\r\n')[0]}`));
		});
		s.once('error', reject);
	});
}

describeEachDialect('graceful shutdown', (database, dialect) => {
	for (const signal of ['SIGTERM', 'SIGINT'] as const) {
		it(`on ${signal}: 1001 to clients, acknowledged edits stored, exit 0 in under 5 s`, async () => {
			const server = await startTestServer({ env: database().env });
			const rng = seededRng(runSeed());
			const clients: EditorClient[] = [];
			let deaf: Socket | undefined;
			try {
				const { sql } = database();
				const id = await draftRecord(sql, validRecord({ summary: null, themes: [] }));
				const writer = await person(sql, 'editor');
				const watcher = await person(sql, 'editor');
				const url = `ws://127.0.0.1:${server.port}/sync`;
				const a = new EditorClient({ url, recordId: id, cookie: writer.cookie, author: 'a', rng });
				const b = new EditorClient({ url, recordId: id, cookie: watcher.cookie, author: 'b', rng });
				clients.push(a, b);
				await waitFor(() => a.synced && b.synced, 10_000, 'both clients to sync');
				deaf = await deafSocket(server.port, `/sync/${id}`, writer.cookie);

				// A types; B receiving an edit is its acknowledgement (the server stores before it broadcasts).
				for (let i = 0; i < 40; i++) a.edit();
				await waitFor(() => b.received().length === 40, 5000, 'B to receive the first 40 edits');
				// Keep typing right up to the signal: these are in flight when it lands.
				const typing = setInterval(() => a.edit(), 2);
				await new Promise((r) => setTimeout(r, 100));
				const acknowledged = b.received();
				const started = Date.now();
				process.kill(server.pid, signal);
				clearInterval(typing);
				// It stops accepting at once: while the deaf client holds the shutdown open, a new
				// connection is refused (neither a page nor a sync socket is served any more).
				await new Promise((r) => setTimeout(r, 300));
				const refused = await fetch(new URL('/login', server.url)).then(
					(res) => `answered ${res.status}`,
					() => 'refused'
				);
				expect(refused).toBe('refused');
				const exit = await server.exited;
				const took = Date.now() - started;

				expect(exit).toEqual({ code: 0, signal: null });
				expect(took).toBeLessThan(5000);
				await waitFor(() => a.closeCodes.length > 0 && b.closeCodes.length > 0, 2000, 'the close events');
				expect(a.closeCodes[0]).toBe(CloseCode.goingAway);
				expect(b.closeCodes[0]).toBe(CloseCode.goingAway);
				expect(server.output()).toContain(`${signal} received`);

				const stored = tokensOf(await storedDocSql(sql, id));
				if (dialect === 'sqlite') {
					// A fresh connection, as a restarted server opens (RELIABILITY.md: FTS5's check on an older one misreads).
					expect(withDatabase(database().env.DATABASE_PATH, integrityCheck)).toBe('ok');
				}
				const missing = acknowledged.filter((t) => !stored.has(t));
				expect(missing).toEqual([]);
				const inFlightStored = a.sent.filter((t) => !acknowledged.includes(t) && stored.has(t)).length;
				report(`shutdown-${signal}`, {
					dialect,
					exitCode: exit.code,
					exitMs: took,
					closeCode: a.closeCodes[0],
					acknowledged: acknowledged.length,
					acknowledgedLost: missing.length,
					sent: a.sent.length,
					inFlightAlsoStored: inFlightStored
				});
				// The pid file is removed on the way out, so a restore may proceed (SQLite: a restore replaces the file).
				if (dialect === 'sqlite') expect(existsSync(`${database().env.DATABASE_PATH}.pid`)).toBe(false);
			} finally {
				deaf?.destroy();
				for (const c of clients) c.destroy();
				await server.dispose();
				rmSync(server.dir, { recursive: true, force: true });
			}
		}, 60_000);
	}
});
