/**
 * A process SIGKILLed while editors on all three type into one record: nothing any client
 * typed is lost, the killed process's clients reconnect to the others (as the load balancer
 * would send them) and converge with what is stored, and the presence the killed process had
 * shared for its clients disappears from the others.
 */
import { afterAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docToRecord, fieldText } from '../../src/lib/records/ydoc';
import { describeCluster } from '../helpers/cluster';
import { connect, sleep, until, type Client } from '../sync/harness';
import { eventually, syncUrl, useScaleout } from './processes';

const TOKEN = /<\d+\.\d+>/g;

describeCluster('a samla start process killed while its clients and the others type', () => {
	const cluster = useScaleout();
	const clients: Client[] = [];
	afterAll(() => {
		for (const c of clients) c.destroy();
	});

	it('loses none of the edits, moves its clients to the others, and removes its presence there', async () => {
		const [a, b, c] = await cluster.startMany(3);
		const id = await cluster.newRecord('Dödad process');
		const editor = await cluster.person('editor');
		const onA = [connect(syncUrl(a), id, editor), connect(syncUrl(a), id, editor)];
		const others = [connect(syncUrl(b), id, editor), connect(syncUrl(c), id, editor)];
		// A client of A's that never comes back (its browser closed with A): only A had its presence.
		const ghost = connect(syncUrl(a), id, editor);
		const typing = [...onA, ...others];
		clients.push(...typing, ghost);
		await Promise.all([...typing, ghost].map((cl) => cl.synced));

		// When A is gone, the load balancer sends A's clients to B and C.
		onA.forEach((cl, i) => cl.provider.on('connection-close', () => (cl.provider.serverUrl = syncUrl(i === 0 ? b : c))));

		ghost.provider.awareness.setLocalStateField('field', 'title');
		const ghostId = ghost.doc.clientID;
		const seesGhost = (cl: Client) => cl.provider.awareness.getStates().has(ghostId);
		await until(() => others.every(seesGhost), 10_000, 'B and C to see the presence of a client on A');

		const typed = typing.map(() => 0);
		let stop = false;
		const typists = typing.map(async (cl, i) => {
			while (!stop) {
				const text = fieldText(cl.doc, 'summary')!;
				text.insert(text.length, `<${i}.${typed[i]++}>`);
				await sleep(15);
			}
		});
		await sleep(1000);
		await a.stop('SIGKILL');
		const killedAt = Date.now();
		ghost.destroy();
		await sleep(2000);
		stop = true;
		await Promise.all(typists);

		const holdsAll = (doc: Y.Doc) => {
			const seen = new Set((docToRecord(doc).summary ?? '').match(TOKEN));
			return typed.every((n, i) => Array.from({ length: n }, (_, k) => `<${i}.${k}>`).every((t) => seen.has(t)));
		};
		// A commit A made but never published reaches the others by their catch-up when A's heartbeat stops.
		await until(() => typing.every((cl) => holdsAll(cl.doc)), 30_000, 'every client to hold every edit typed anywhere');
		const convergedMs = Date.now() - killedAt;
		const sameState = (x: Y.Doc, y: Y.Doc) => Buffer.from(Y.encodeStateVector(x)).equals(Buffer.from(Y.encodeStateVector(y)));
		await until(() => typing.every((cl) => sameState(cl.doc, typing[0].doc)), 10_000, 'the clients to converge');
		await eventually(async () => sameState(await cluster.storedFold(id), typing[0].doc), 10_000, 'the stored rows to hold every edit');
		const fold = await cluster.storedFold(id);
		expect(holdsAll(fold)).toBe(true);
		expect(docToRecord(fold)).toEqual(docToRecord(typing[2].doc));
		// A's clients are connected again, to B and C.
		expect(onA.map((cl) => cl.provider.wsconnected)).toEqual([true, true]);
		expect(typed.every((n) => n > 10)).toBe(true);

		// Presence A shared for its clients goes when A's heartbeat stops (15 s), within 30 s of the kill.
		await until(() => !others.some(seesGhost), 30_000, 'the ghost of the killed process to disappear');
		expect(others.some(seesGhost)).toBe(false);
		console.log(
			`[scaleout] after the SIGKILL: every edit on every client in ${convergedMs} ms, the ghost gone in ${Date.now() - killedAt} ms (${typed.reduce((x, y) => x + y)} edits typed)`
		);
	}, 120_000);
});
