/**
 * Fuzzing the sync endpoint and the document store: random bytes, truncated and huge
 * varints, valid headers with garbage payloads, oversized lengths, valid updates for
 * other documents, hostile shapes, awareness garbage and floods. Nothing throws out of
 * the handler, no document is corrupted (live = stored = what a client holds, and it
 * still reads as a record the registry can report on), and other clients keep syncing.
 * On each dialect's store: SQLite, and PostgreSQL as a lone process builds it.
 */
import * as Y from 'yjs';
import { afterEach, expect, it } from 'vitest';
import { CloseCode } from '../../src/lib/collab/close-codes';
import { FIELDS } from '../../src/lib/records/fields';
import { docToRecord, fieldText, readRecordDoc } from '../../src/lib/records/ydoc';
import { validateInputs, validateRecord } from '../../src/lib/records/validate';
import { Room } from '../../server/sync/room';
import { describeEachDialect } from '../helpers/dialects';
import { dialectRecordStore } from '../helpers/dialect-store';
import { validRecord } from '../helpers/records';
import { draftRecord } from '../helpers/records-sql';
import { connect, eventually, person, raw, startHarnessOn, type Client } from '../sync/harness';
import { contents, report, runSeed, sameBytes, scale, seededRng, sleep, waitFor } from './lib/common';
import { storedDocSql } from '../helpers/stored-doc-sql';
import { CaseGenerator, openConnection, replicaOf, SteadyClient, type FuzzCase } from './lib/fuzz';

/** The document reads as a record and validation reports on it; neither throws, whatever is inside. */
function readsAsRecord(doc: Y.Doc): void {
	const state = readRecordDoc(doc);
	expect(Array.isArray(validateInputs(state.inputs))).toBe(true);
	expect(Array.isArray(validateRecord(docToRecord(doc)))).toBe(true);
	expect(Object.keys(state.inputs)).toEqual(FIELDS.map((f) => f.key));
}

const describeCase = (seed: number, i: number, c: FuzzCase) =>
	`seed ${seed}, case ${i} (${c.kind}): ${c.frames
		.slice(0, 3)
		.map((f) =>
			Buffer.from(f.data as Uint8Array)
				.toString('hex')
				.slice(0, 200)
		)
		.join(' | ')}`;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	for (const c of cleanups.splice(0).reverse()) await c();
});

describeEachDialect('fuzzing', (database, dialect) => {
	// Bounded by time as well as by count, so that a slower machine runs fewer cases rather than failing: the count run is reported.
	const maxCases = Number(process.env.SAMLA_FUZZ_CASES) || scale(25_000, 500_000);
	const budgetMs = (Number(process.env.SAMLA_FUZZ_SECONDS) || scale(60, 360)) * 1000;
	it(
		`up to ${maxCases.toLocaleString('en')} cases (or ${budgetMs / 1000} s) through the message handler and the document store, in process`,
		async () => {
			const seed = runSeed();
			console.log(`[fuzz] in process, seed ${seed}`);
			const rng = seededRng(seed);
			const { sql } = database();
			const logs: string[] = [];
			const log = (line: string) => logs.push(line);
			const store = dialectRecordStore(database(), { compactAfter: 300, projectEveryMs: 50, log });
			cleanups.push(() => store.close());
			const id = await draftRecord(sql, validRecord({ title: 'Fuzzed' }));
			let room!: Room;
			let steady!: SteadyClient;
			/** The steady client joins (again, after the store reloaded the document), as a provider reconnects. */
			const join = async (label: string) => {
				room = (await Room.open(store, id, () => {}))!;
				steady = new SteadyClient();
				const mine = steady;
				cleanups.push(() => mine.destroy());
				steady.attach(room, { userId: 'steady', name: 'Steady', canWrite: true, canApprove: false }, log);
				await room.session.persisted();
				await waitFor(
					() => sameBytes(Y.encodeStateVector(mine.doc), Y.encodeStateVector(room.session.doc)),
					5000,
					`the steady client to sync (${label})`
				);
			};
			await join('first');
			const honest = replicaOf(steady.doc);
			const follow = () => steady.doc.on('update', (u: Uint8Array) => Y.applyUpdate(honest, u));
			follow();
			/** Updates Yjs failed on half way: the store reloads the document from its log and everyone reconnects. */
			const reloads: string[] = [];
			const gen = new CaseGenerator(rng, honest, seed);
			const editor = { userId: 'fuzz-editor', name: 'Fuzz Editor', canWrite: true, canApprove: false };
			const viewer = { userId: 'fuzz-viewer', name: 'Fuzz Viewer', canWrite: false, canApprove: false };
			const closes = new Map<string, number>();
			/** Close codes of the cases an editor may never get through: they must all be refused. */
			const hostileCloses = new Map<string, Set<string>>();
			const rejectedHonest: string[] = [];
			let unhandled = 0;
			const onUnhandled = () => unhandled++;
			process.on('unhandledRejection', onUnhandled);
			cleanups.push(() => void process.off('unhandledRejection', onUnhandled));

			const failures = () => logs.filter((l) => /failed|could not/.test(l) && !/could not apply an update to record/.test(l));
			const check = async (label: string) => {
				expect(failures(), `store or sync failures (${label})`).toEqual([]);
				expect(room.closed, `the room closed under the steady client (${label})`).toBe(false);
				await room.session.persisted();
				await waitFor(
					() => sameBytes(Y.encodeStateVector(steady.doc), Y.encodeStateVector(room.session.doc)),
					5000,
					`the steady client to catch up (${label})`
				);
				const live = room.session.doc;
				readsAsRecord(live);
				expect(contents(steady.doc), `steady client (${label})`).toBe(contents(live));
				const stored = await storedDocSql(sql, id);
				expect(sameBytes(Y.encodeStateVector(stored), Y.encodeStateVector(live)), `stored state vector (${label})`).toBe(true);
				expect(contents(stored), `stored contents (${label})`).toBe(contents(live));
				// Awareness left by closed connections is gone; only the steady client's (none) remains.
				expect(room.awareness.getStates().size, `awareness states (${label})`).toBe(0);
				expect(room.connections.size).toBe(1);
			};

			let logged = logs.length;
			const started = Date.now();
			const msByKind = new Map<string, number>();
			let inProcess = 0;
			for (let i = 1; i <= maxCases && (i < 1000 || Date.now() - started < budgetMs); i++) {
				inProcess = i;
				const t0 = performance.now();
				// An update is announced once stored: on PostgreSQL an accepted case reaches the steady
				// client, and so the honest replica, after its commit. An honest edit is made on all the
				// server holds, or two inserts within a field's bound could together pass it.
				if (!sameBytes(Y.encodeStateVector(honest), Y.encodeStateVector(room.session.doc))) {
					await room.session.persisted();
					await waitFor(
						() => sameBytes(Y.encodeStateVector(honest), Y.encodeStateVector(room.session.doc)),
						5000,
						`the honest replica to catch up (case ${i})`
					);
				}
				const c = gen.next();
				const { ws } = openConnection(room, c.role === 'editor' ? editor : viewer, log);
				try {
					for (const f of c.frames) ws.receive(f);
				} catch (err) {
					throw new Error(`the handler threw on ${describeCase(seed, i, c)}: ${(err as Error).stack}`, { cause: err });
				}
				const code = ws.closeCode === null ? 'open' : String(ws.closeCode);
				closes.set(code, (closes.get(code) ?? 0) + 1);
				if (c.kind === 'forged server part' || c.kind === 'awareness deep or huge')
					hostileCloses.set(c.kind, (hostileCloses.get(c.kind) ?? new Set()).add(code));
				if (c.mustBeAccepted && ws.closeCode !== null) rejectedHonest.push(`${describeCase(seed, i, c)} closed ${ws.closeCode}`);
				ws.close(1000);
				// The store tells the room after a moment (it asks the database whether the record still exists).
				if (logs.length > logged && logs.slice(logged).some((l) => /could not apply an update to record/.test(l))) {
					await waitFor(() => room.closed, 2000, 'the room to hear that its document is being reloaded');
				}
				logged = logs.length;
				if (room.closed) {
					reloads.push(c.kind);
					expect(steady.ws.closeCode, 'the steady client is told to reconnect').toBe(CloseCode.storeFailed);
					steady.destroy();
					await join(`after case ${i}`);
					follow();
				}
				msByKind.set(c.kind, (msByKind.get(c.kind) ?? 0) + performance.now() - t0);
				if (i % 250 === 0) await new Promise((r) => setImmediate(r));
				if (i % 10_000 === 0) await check(`after ${i} cases`);
			}
			await check('at the end');
			const ms = Date.now() - started;

			// The log reloads into the same document in a new store (a restart).
			const finalContents = contents(room.session.doc);
			room.close();
			await store.close();
			const again = dialectRecordStore(database(), { log });
			cleanups.push(() => again.close());
			const reloaded = (await again.open(id))!;
			readsAsRecord(reloaded.doc);
			const storeFailures = failures();

			report('fuzz-in-process', {
				dialect,
				seed,
				cases: inProcess,
				budgetSeconds: budgetMs / 1000,
				ms,
				casesPerSecond: Math.round(inProcess / (ms / 1000)),
				kinds: Object.fromEntries(gen.counts),
				msByKind: Object.fromEntries([...msByKind].map(([k, v]) => [k, Math.round(v)])),
				closes: Object.fromEntries(closes),
				storeFailures: storeFailures.length,
				reloads: reloads.length,
				reloadsBy: Object.fromEntries([...new Set(reloads)].map((k) => [k, reloads.filter((r) => r === k).length])),
				docBytes: Y.encodeStateAsUpdate(reloaded.doc).length
			});
			expect(finalContents.length).toBeGreaterThan(0);
			expect(rejectedHonest).toEqual([]);
			// The store refuses what Yjs would fail on half way (check-update.ts); a reload is its last resort.
			expect(reloads, 'cases that made the store reload the record').toEqual([]);
			expect(unhandled).toBe(0);
			expect(storeFailures).toEqual([]);
			// Most garbage is refused as malformed; a flood is cut by the rate limit.
			expect(closes.get(String(CloseCode.malformed))).toBeGreaterThan(inProcess / 3);
			expect(closes.get(String(CloseCode.rateLimited)) ?? 0).toBe(gen.counts.get('awareness flood') ?? 0);
			// What an editor may not write is refused with its own code, and a hostile awareness state as too large; never let through.
			const refusals = [CloseCode.refused, CloseCode.tooLarge, CloseCode.notPermitted].map(String);
			expect([...(hostileCloses.get('forged server part') ?? [])].filter((code) => !refusals.includes(code))).toEqual([]);
			expect([...(hostileCloses.get('awareness deep or huge') ?? [])]).toEqual([String(CloseCode.tooLarge)]);
		},
		budgetMs + scale(90_000, 240_000)
	);

	const overSockets = scale(600, 5000);
	it(
		`${overSockets.toLocaleString('en')} cases over real sockets to the sync server, while two stock clients keep syncing`,
		async () => {
			const seed = runSeed();
			console.log(`[fuzz] over sockets, seed ${seed}`);
			const rng = seededRng(seed);
			const h = await startHarnessOn(database(), { sync: { connectRate: { perSecond: 1e6, burst: 1e6 } } });
			cleanups.push(() => h.close());
			const id = await draftRecord(h.sql, validRecord({ title: 'Fuzzed over sockets' }));
			const [ed, vw, p1, p2] = [
				await person(h.sql, 'editor'),
				await person(h.sql, 'viewer'),
				await person(h.sql, 'editor'),
				await person(h.sql, 'editor')
			];
			const a: Client = connect(h.url, id, p1);
			const b: Client = connect(h.url, id, p2);
			cleanups.push(() => {
				a.destroy();
				b.destroy();
			});
			await Promise.all([a.synced, b.synced]);
			const honest = replicaOf(a.doc);
			a.doc.on('update', (u: Uint8Array) => Y.applyUpdate(honest, u));
			const gen = new CaseGenerator(rng, honest, seed);
			const outcomes = new Map<string, number>();
			const rejectedHonest: string[] = [];
			let typed = 0;

			for (let i = 0; i < overSockets; i += 20) {
				// The last batch's accepted cases reach a (and the honest replica) after their commit; the next honest edits are made on all of it.
				await eventually(
					async () => sameBytes(Y.encodeStateVector(await storedDocSql(h.sql, id)), Y.encodeStateVector(a.doc)),
					5000,
					`a to hold what is stored (before case ${i})`
				);
				const batch = Array.from({ length: Math.min(20, overSockets - i) }, () => gen.next());
				// The stock clients keep typing meanwhile.
				fieldText(a.doc, 'owner')!.insert(0, String(typed++ % 10));
				const results = await Promise.all(
					batch.map((c) =>
						raw(`${h.url}/${id}`, { cookie: (c.role === 'editor' ? ed : vw).cookie }, (ws) => {
							for (const f of c.frames) ws.send(f.data, { binary: f.binary });
							setTimeout(() => ws.close(1000), 30);
						}).then((r) => ({ c, r }))
					)
				);
				for (const { c, r } of results) {
					const key = r.status ? `http ${r.status}` : String(r.code);
					outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
					if (c.mustBeAccepted && r.code !== 1000) rejectedHonest.push(`${c.kind}: ${key}`);
				}
			}
			// b still hears a, and the server still holds what they hold.
			fieldText(a.doc, 'summary')!.insert(0, 'after the fuzz');
			await waitFor(() => fieldText(b.doc, 'summary')!.toString().startsWith('after the fuzz'), 5000, 'b to hear a');
			await waitFor(() => sameBytes(Y.encodeStateVector(a.doc), Y.encodeStateVector(b.doc)), 5000, 'a and b to converge');
			await sleep(100);
			const stored = await storedDocSql(h.sql, id);
			await eventually(
				async () => sameBytes(Y.encodeStateVector(await storedDocSql(h.sql, id)), Y.encodeStateVector(a.doc)),
				5000,
				'the store to hold what the clients hold'
			);
			expect(contents(await storedDocSql(h.sql, id))).toBe(contents(a.doc));
			readsAsRecord(stored);
			readsAsRecord(a.doc);
			expect(a.closes).toEqual([]);
			expect(b.closes).toEqual([]);
			expect(rejectedHonest).toEqual([]);
			expect(h.logs.filter((l) => /failed|could not/.test(l))).toEqual([]);
			expect(h.sync.connectionCount).toBe(2);
			report('fuzz-sockets', {
				dialect,
				seed,
				cases: overSockets,
				kinds: Object.fromEntries(gen.counts),
				outcomes: Object.fromEntries(outcomes)
			});
		},
		scale(90_000, 600_000)
	);
});
