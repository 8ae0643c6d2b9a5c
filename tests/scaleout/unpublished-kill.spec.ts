/**
 * A process killed between commit and publish: A's Redis runs through a gate the test
 * stalls (a network partition: connections stay open, no byte passes), so A goes on
 * committing its clients' edits to PostgreSQL while its publishes never reach B; then A is
 * SIGKILLed. B's clients must get every edit A committed from B's catch-up with the stored
 * log alone (A's clients stay away until then), within the documented bound: B compares its
 * loaded records with the stored rows every 10 s (catchUpEveryMs) and as soon as A's
 * heartbeat is seen gone (15 s after A's last beat, checked every 5 s) (docs/deploy.md).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docToRecord, fieldText } from '../../src/lib/records/ydoc';
import { describeCluster, redisGate, type RedisGate } from '../helpers/cluster';
import { connect, sleep, until, type Client } from '../sync/harness';
import { eventually, syncUrl, useScaleout } from './processes';

const TOKEN = /<\d+\.\d+>/g;
/** The store's periodic comparison with the stored log (store.ts, catchUpEveryMs). */
const CATCH_UP_EVERY_MS = 10_000;
/** A's heartbeat key outlives its last beat by 15 s, and B looks every 5 s (fanout.ts). */
const PEER_GONE_MS = 15_000 + 5_000;
/** One catch-up pass (two reads and a send) on a loaded 2-core machine, on top of the period. */
const PASS_MS = 5_000;

describeCluster('a samla start process killed after committing edits it could not publish', () => {
	const cluster = useScaleout();
	let gate: RedisGate;
	const clients: Client[] = [];
	beforeAll(async () => {
		gate = await redisGate(cluster.redis.url);
	});
	afterAll(async () => {
		for (const c of clients) c.destroy();
		await gate?.shut();
	});

	const tokensOf = (doc: Y.Doc) => new Set((docToRecord(doc).summary ?? '').match(TOKEN));
	const holdsAll = (doc: Y.Doc, tokens: Iterable<string>) => {
		const held = tokensOf(doc);
		return [...tokens].every((t) => held.has(t));
	};
	const sameState = (x: Y.Doc, y: Y.Doc) => Buffer.from(Y.encodeStateVector(x)).equals(Buffer.from(Y.encodeStateVector(y)));

	it('delivers every edit A committed to the clients on B within the catch-up bound, and loses none', async () => {
		const [a, b] = await Promise.all([cluster.start({ REDIS_URL: gate.url }), cluster.start()]);
		const id = await cluster.newRecord('Aldrig publicerat');
		const editor = await cluster.person('editor');
		// Clients 0 and 1 on A (1 is a tab closed with A), 2 and 3 on B.
		const onA = [connect(syncUrl(a), id, editor), connect(syncUrl(a), id, editor)];
		const onB = [connect(syncUrl(b), id, editor), connect(syncUrl(b), id, editor)];
		const all = [...onA, ...onB];
		clients.push(...all);
		await Promise.all(all.map((c) => c.synced));

		const typed = all.map(() => [] as string[]);
		const type = (i: number) => {
			const token = `<${i}.${typed[i].length}>`;
			const text = fieldText(all[i].doc, 'summary')!;
			text.insert(text.length, token);
			typed[i].push(token);
		};
		// Before the partition A's publishes reach B.
		type(0);
		await until(() => onB.every((c) => holdsAll(c.doc, typed[0])), 10_000, 'B to hear A before the partition');

		let stop = false;
		const typing = all.map(async (_, i) => {
			while (!stop) {
				type(i);
				await sleep(15);
			}
		});
		await sleep(500);
		gate.stall();
		const stalledAt = Date.now();
		await sleep(1500);
		stop = true;
		await Promise.all(typing);

		// A commits what its clients send although it cannot publish: every token typed on A is
		// stored. One more at a time until B lacks one of them (its periodic catch-up may have
		// run since the partition and read back the ones before).
		const fromA = () => [...typed[0], ...typed[1]];
		const storedHasA = async () => holdsAll(await cluster.storedFold(id), fromA());
		const unheard = () => fromA().filter((t) => !onB.some((c) => tokensOf(c.doc).has(t)));
		await eventually(storedHasA, 10_000, 'A to store its clients’ edits during the partition');
		for (let tries = 0; unheard().length === 0 && tries < 5; tries++) {
			type(0);
			await eventually(storedHasA, 10_000, 'A to store one more edit');
		}
		const unpublished = unheard();
		expect(unpublished.length).toBeGreaterThan(0);
		const committedByA = fromA();
		const lastCommitAt = Date.now();

		await a.stop('SIGKILL');
		const killedAt = Date.now();
		// Tab 1 closes with A; tab 0 stays open, offline, and is typed into meanwhile. Neither
		// reaches B before B has caught up, so what B's clients get comes from the stored log.
		onA[1].destroy();
		onA[0].provider.disconnect();
		for (let k = 0; k < 3; k++) type(0);

		// Nothing of A's clients was lost with A: its store holds every token they typed before the kill.
		expect(holdsAll(await cluster.storedFold(id), committedByA)).toBe(true);
		await until(
			() => onB.every((c) => holdsAll(c.doc, committedByA)),
			CATCH_UP_EVERY_MS + PASS_MS,
			'the clients on B to hold every edit A committed'
		);
		const caughtUpAt = Date.now();

		// The tab left open comes back, through B, with what it typed offline.
		onA[0].provider.serverUrl = syncUrl(b);
		onA[0].provider.connect();
		const live = [onA[0], ...onB];
		const everyTyped = typed.flat();
		await until(() => live.every((c) => holdsAll(c.doc, everyTyped)), 10_000, 'every open client to hold every edit');
		await until(() => live.every((c) => sameState(c.doc, live[0].doc)), 10_000, 'the clients to converge');
		await eventually(async () => sameState(await cluster.storedFold(id), live[0].doc), 10_000, 'the stored rows to hold every edit');
		const fold = await cluster.storedFold(id);
		expect(holdsAll(fold, everyTyped)).toBe(true);
		expect(tokensOf(fold).size).toBe(everyTyped.length);
		for (const c of live) expect(docToRecord(c.doc)).toEqual(docToRecord(fold));

		// A's heartbeat stops too: B says so, and catches up once more.
		const aProcess = /PostgreSQL \+ Redis mode: process (\S+);/.exec(a.output())?.[1];
		expect(aProcess).toBeTruthy();
		await until(
			() => b.output().includes(`catching up with the stored log (process ${aProcess} gone)`),
			PEER_GONE_MS + PASS_MS,
			'B to see A gone'
		);
		console.log(
			`[scaleout] A partitioned from Redis, then killed: ${unpublished.length} of ${committedByA.length} edits A committed unheard on B at the kill; ` +
				`all on B ${caughtUpAt - lastCommitAt} ms after the last commit (${caughtUpAt - killedAt} ms after the kill); ` +
				`A seen gone by ${Date.now() - stalledAt} ms after the partition; ${everyTyped.length} edits typed, 0 lost`
		);
	}, 120_000);
});
