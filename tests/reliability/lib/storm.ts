/**
 * The reconnect storm: many clients on many records, the server restarted under them,
 * every client back and resynced. One code path for the short and the long form.
 */
import { readFileSync, rmSync } from 'node:fs';
import * as Y from 'yjs';
import { createDraft, validRecord } from '../../helpers/records';
import { startTestServer, type TestServer } from '../../helpers/server';
import { person, type Person } from '../../sync/harness';
import { sameBytes, seededRng, sleep, waitFor, withDatabaseAsync, type Rng } from './common';
import { EditorClient } from './fleet';

export interface StormOptions {
	clients: number;
	records: number;
	/** People the clients belong to (the server limits new connections per person). */
	people: number;
	seed: number;
	/** How the server goes down: SIGTERM (1001 to every client) or SIGKILL (sockets just drop). */
	restart: 'SIGTERM' | 'SIGKILL';
	log?: (line: string) => void;
}

export interface StormFigures {
	seed: number;
	clients: number;
	records: number;
	restart: string;
	/** From the first client created to every client synced. */
	initialSyncMs: number;
	/** From the signal to the old server to every client synced with the new one. */
	outageToAllSyncedMs: number;
	/** From the new server listening to every client synced. */
	listeningToAllSyncedMs: number;
	/** Connection attempts that failed or were refused along the way. */
	failedAttempts: number;
	closeCodes: Record<string, number>;
	/** The new server's process after the storm: RSS in MiB (from /proc). */
	serverRssMiB: number | null;
	failures: string[];
}

function rssMiB(pid: number): number | null {
	try {
		const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Math.round(Number(m[1]) / 1024) : null;
	} catch {
		return null;
	}
}

export async function runStorm(opts: StormOptions): Promise<StormFigures> {
	const log = opts.log ?? (() => {});
	const rng: Rng = seededRng(opts.seed);
	const failures: string[] = [];
	let server: TestServer = await startTestServer();
	const { dir, port, databasePath } = server;
	const clients: EditorClient[] = [];
	try {
		const { ids, people } = await withDatabaseAsync(databasePath, async (db) => {
			const ids = Array.from({ length: opts.records }, () => createDraft(db, validRecord({ summary: null, themes: [] })));
			const people: Person[] = [];
			for (let i = 0; i < opts.people; i++) people.push(await person(db, 'editor'));
			return { ids, people };
		});
		const url = `ws://127.0.0.1:${port}/sync`;
		const allSynced = (timeoutMs: number, what: string) => waitFor(() => clients.every((c) => c.synced), timeoutMs, what, 25);

		// Clients arrive over about a second, as people opening pages would.
		let started = Date.now();
		for (let i = 0; i < opts.clients; i++) {
			clients.push(
				new EditorClient({
					url,
					recordId: ids[i % ids.length],
					cookie: people[i % people.length].cookie,
					author: `c${i}`,
					rng,
					maxBackoffMs: 2500,
					awareness: true
				})
			);
			if (i % 50 === 49) await sleep(50);
		}
		await allSynced(120_000, 'every client to sync the first time');
		const initialSyncMs = Date.now() - started;
		log(`${clients.length} clients synced in ${initialSyncMs} ms`);

		// One edit per record, so each document has something to resync.
		for (const id of ids) clients.find((c) => c.recordId === id)!.edit();
		await waitFor(() => clients.every((c) => c.received().length + c.sent.length >= 1), 30_000, 'the edits to reach everyone');

		started = Date.now();
		const exit = server.exited;
		process.kill(server.pid, opts.restart);
		const { code, signal } = await exit;
		if (opts.restart === 'SIGTERM' && code !== 0) failures.push(`the old server exited with ${code ?? signal}`);
		server = await startTestServer({ dir, env: { PORT: String(port) } });
		const listening = Date.now();
		let died = false;
		void server.exited.then(() => (died = true));
		await allSynced(180_000, 'every client to resync after the restart');
		const done = Date.now();
		log(`restart: all synced ${done - started} ms after the signal, ${done - listening} ms after listening`);

		// The server serves after the storm: a new edit on each record reaches every client there.
		const marks = ids.map((id) => clients.find((c) => c.recordId === id)!.edit()!);
		await waitFor(
			() =>
				ids.every((id, i) =>
					clients.filter((c) => c.recordId === id).every((c) => c.sent.includes(marks[i]) || c.received().includes(marks[i]))
				),
			60_000,
			'an edit after the storm to reach every client'
		);
		for (const id of ids) {
			const [first, ...rest] = clients.filter((c) => c.recordId === id).map((c) => Y.encodeStateVector(c.doc));
			if (!rest.every((sv) => sameBytes(sv, first))) failures.push(`clients of ${id} did not converge`);
		}
		if (died) failures.push('the server died');
		if (/Error|failed/.test(server.output())) failures.push(`the server logged a failure:\n${server.output()}`);

		const closeCodes: Record<string, number> = {};
		for (const c of clients) for (const code of c.closeCodes) closeCodes[code] = (closeCodes[code] ?? 0) + 1;
		return {
			seed: opts.seed,
			clients: clients.length,
			records: ids.length,
			restart: opts.restart,
			initialSyncMs,
			outageToAllSyncedMs: done - started,
			listeningToAllSyncedMs: done - listening,
			failedAttempts: clients.reduce((n, c) => n + c.closeCodes.length, 0) - clients.length,
			closeCodes,
			serverRssMiB: rssMiB(server.pid),
			failures
		};
	} finally {
		for (const c of clients) c.destroy();
		await server.dispose();
		rmSync(dir, { recursive: true, force: true });
	}
}
