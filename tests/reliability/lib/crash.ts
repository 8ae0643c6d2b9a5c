/**
 * The crash test, one code path for the short form (npm test) and the long form
 * (npm run test:faults): the production server as a child process, real y-websocket
 * clients editing several records, SIGKILL at random moments, restart on the same port.
 *
 * At each kill the test notes, for every record, the edits that some client had received
 * from ANOTHER client: the server broadcasts an edit only after appending it to SQLite,
 * so each of those must be in the database the moment the process is gone. That is
 * checked on the database file itself, before the next server starts (after it starts,
 * the clients would re-send anything lost and hide the loss). Then the server restarts,
 * every client reconnects on its own, and all of them must converge with each other and
 * with what is stored.
 */
import { rmSync } from 'node:fs';
import * as Y from 'yjs';
import { readRecordDoc } from '../../../src/lib/records/ydoc';
import { validateInputs } from '../../../src/lib/records/validate';
import { createDraft, validRecord } from '../../helpers/records';
import { startTestServer, type TestServer } from '../../helpers/server';
import { person, type Person } from '../../sync/harness';
import {
	between,
	integrityCheck,
	sameBytes,
	seededRng,
	sleep,
	storedDoc,
	waitFor,
	withDatabase,
	withDatabaseAsync,
	type Rng
} from './common';
import { EditLoop, EditorClient, tokensOf } from './fleet';

export interface CrashOptions {
	cycles: number;
	/** People editing; each has one client on every record. */
	people: number;
	records: number;
	seed: number;
	/** Random time clients edit before a kill, ms. */
	editMs: [number, number];
	/** Share of kills aimed at the reconnect-and-resync phase right after a restart. */
	earlyKillShare: number;
	log?: (line: string) => void;
}

export interface CrashFigures {
	seed: number;
	cycles: number;
	killsDuringResync: number;
	clients: number;
	records: number;
	/** Edits the clients made. */
	editsSent: number;
	/** Distinct edits another client had received before some kill. */
	editsSeen: number;
	/** Of those, missing from the database right after the kill. Must be 0. */
	editsLost: number;
	/** Edits not yet received by anyone at a kill that were found stored anyway. */
	unseenButStored: number;
	/** Edits missing anywhere after the last reconnect (clients re-send what the server lacked). Must be 0. */
	finalMissing: number;
	integrityChecks: number;
	integrityFailures: number;
	/** Server start, from spawn to listening (mean / max, ms). */
	restartMs: { mean: number; max: number };
	/** From listening to every client synced again (mean / max, ms). */
	resyncMs: { mean: number; max: number };
	/** Close codes the clients saw, by code. */
	closeCodes: Record<string, number>;
	/** Problems found; empty when the run passed. */
	failures: string[];
}

const ENV = {
	// Fold the log often, so some kills land in or around a compaction.
	SYNC_COMPACT_AFTER: '12',
	SYNC_IDLE_UNLOAD_SECONDS: '1'
};

export async function runCrashTest(opts: CrashOptions): Promise<CrashFigures> {
	const log = opts.log ?? (() => {});
	const rng: Rng = seededRng(opts.seed);
	const failures: string[] = [];
	const restartMs: number[] = [];
	const resyncMs: number[] = [];
	const seenEver = new Set<string>();
	let integrityChecks = 0;
	let killsDuringResync = 0;
	let editsLost = 0;
	const unseenButStored = new Set<string>();

	let t0 = Date.now();
	let server: TestServer = await startTestServer({ env: ENV });
	restartMs.push(Date.now() - t0);
	const { dir, port, databasePath } = server;
	const clients: EditorClient[] = [];
	let loop: EditLoop | undefined;
	try {
		const setup = await withDatabaseAsync(databasePath, async (db) => {
			const ids = Array.from({ length: opts.records }, (_, i) =>
				createDraft(db, validRecord({ title: `Crash ${i}`, summary: null, themes: [] }))
			);
			const people: Person[] = [];
			for (let i = 0; i < opts.people; i++) people.push(await person(db, 'editor'));
			return { ids, people };
		});
		const url = `ws://127.0.0.1:${port}/sync`;
		setup.people.forEach((p, pi) => {
			for (const id of setup.ids) {
				clients.push(new EditorClient({ url, recordId: id, cookie: p.cookie, author: `p${pi}`, rng, maxBackoffMs: 500, awareness: true }));
			}
		});
		const byRecord = (id: string) => clients.filter((c) => c.recordId === id);
		const allSynced = (timeoutMs = 30_000) => waitFor(() => clients.every((c) => c.synced), timeoutMs, 'every client to sync', 10);

		/** Pauses editing until every client of every record holds the same state, and the database holds it too. */
		const converge = async (label: string) => {
			loop!.on = false;
			try {
				await allSynced();
				await waitFor(
					() =>
						setup.ids.every((id) => {
							const [first, ...rest] = byRecord(id).map((c) => Y.encodeStateVector(c.doc));
							return rest.every((sv) => sameBytes(sv, first));
						}),
					20_000,
					`clients to converge (${label})`
				);
				await waitFor(
					() =>
						withDatabase(databasePath, (db) =>
							setup.ids.every((id) => {
								const stored = storedDoc(db, id);
								const client = byRecord(id)[0].doc;
								return sameBytes(Y.encodeStateVector(stored), Y.encodeStateVector(client));
							})
						),
					10_000,
					`the database to hold the converged state (${label})`,
					100
				);
				for (const id of setup.ids) {
					const docs = byRecord(id).map((c) => c.doc);
					const json = docs.map((d) => JSON.stringify(d.getMap('fields').toJSON()));
					if (new Set(json).size !== 1) failures.push(`${label}: clients of ${id} have the same state vector but different contents`);
				}
			} finally {
				loop!.on = true;
			}
		};

		await allSynced(60_000);
		loop = new EditLoop(clients, rng, [15, 90]);

		for (let cycle = 1; cycle <= opts.cycles; cycle++) {
			const early = cycle > 1 && rng() < opts.earlyKillShare;
			if (early) {
				killsDuringResync++;
				await sleep(between(rng, 0, 400));
			} else {
				if (cycle > 1) {
					const started = Date.now();
					await allSynced();
					resyncMs.push(Date.now() - started);
				}
				await converge(`before kill ${cycle}`);
				await sleep(between(rng, opts.editMs[0], opts.editMs[1]));
			}

			// What each record's clients had received from others, noted in the same tick as the kill.
			const seen = new Map(setup.ids.map((id) => [id, new Set(byRecord(id).flatMap((c) => c.received()))]));
			const sentSoFar = new Map(setup.ids.map((id) => [id, byRecord(id).flatMap((c) => c.sent)]));
			await server.stop('SIGKILL');

			const lost = withDatabase(databasePath, (db) => {
				integrityChecks++;
				const integrity = integrityCheck(db);
				if (integrity !== 'ok') failures.push(`kill ${cycle}: integrity_check says ${integrity}`);
				let missing = 0;
				for (const id of setup.ids) {
					const doc = storedDoc(db, id);
					const stored = tokensOf(doc);
					// The stored document must still read as a record the registry can report on.
					validateInputs(readRecordDoc(doc).inputs);
					for (const t of seen.get(id)!) {
						seenEver.add(`${id}:${t}`);
						if (!stored.has(t)) {
							missing++;
							if (missing <= 5) failures.push(`kill ${cycle}: ${t} on ${id} had reached another client but is not stored`);
						}
					}
					for (const t of sentSoFar.get(id)!) if (!seen.get(id)!.has(t) && stored.has(t)) unseenButStored.add(`${id}:${t}`);
				}
				return missing;
			});
			log(`kill ${cycle}${early ? ' (during resync)' : ''}: ${loop.sent} edits sent, ${seenEver.size} seen so far, ${lost} lost`);
			editsLost += lost;
			if (lost) failures.push(`kill ${cycle}: ${lost} received edits lost`);

			t0 = Date.now();
			server = await startTestServer({ dir, env: { ...ENV, PORT: String(port) } });
			restartMs.push(Date.now() - t0);
		}

		// The end: every edit any client made, seen or not, must now be everywhere.
		await converge('final');
		loop.stop();
		await converge('final, edits stopped');
		let finalMissing = 0;
		withDatabase(databasePath, (db) => {
			integrityChecks++;
			const integrity = integrityCheck(db);
			if (integrity !== 'ok') failures.push(`final: integrity_check says ${integrity}`);
			for (const id of setup.ids) {
				const stored = tokensOf(storedDoc(db, id));
				const sent = byRecord(id).flatMap((c) => c.sent);
				for (const t of sent) if (!stored.has(t)) finalMissing++;
				for (const c of byRecord(id)) {
					const held = tokensOf(c.doc);
					for (const t of sent) if (!held.has(t)) finalMissing++;
				}
			}
		});
		if (finalMissing) failures.push(`final: ${finalMissing} edits missing after every client reconnected`);

		const closeCodes: Record<string, number> = {};
		for (const c of clients) for (const code of c.closeCodes) closeCodes[code] = (closeCodes[code] ?? 0) + 1;
		const stats = (xs: number[]) => ({ mean: Math.round(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)), max: Math.max(0, ...xs) });
		return {
			seed: opts.seed,
			cycles: opts.cycles,
			killsDuringResync,
			clients: clients.length,
			records: opts.records,
			editsSent: loop.sent,
			editsSeen: seenEver.size,
			editsLost,
			unseenButStored: unseenButStored.size,
			finalMissing,
			integrityChecks,
			integrityFailures: failures.filter((f) => f.includes('integrity_check')).length,
			restartMs: stats(restartMs),
			resyncMs: stats(resyncMs),
			closeCodes,
			failures
		};
	} finally {
		loop?.stop();
		for (const c of clients) c.destroy();
		await server.dispose();
		rmSync(dir, { recursive: true, force: true });
	}
}
