import * as Y from 'yjs';
import { it } from 'vitest';
import { SqlitePersistence } from '../../src/lib/server/docs/sqlite-persistence';
import { DocStore } from '../../src/lib/server/docs/store';
import { Room } from '../../server/sync/room';
import { tempDatabase } from '../helpers/db';
import { createDraft, validRecord } from '../helpers/records';
import { sameBytes, seededRng, storedDoc, waitFor } from './lib/common';
import { CaseGenerator, openConnection, replicaOf, SteadyClient } from './lib/fuzz';
it('dbg', async () => {
	const seed = Number(process.env.SEED ?? 1);
	const rng = seededRng(seed);
	const t = tempDatabase();
	const log = (l: string) => console.log('LOG', l);
	const store = new DocStore({ persistence: new SqlitePersistence(t.db), compactAfter: 300, projectEveryMs: 50, log });
	const id = createDraft(t.db, validRecord({ title: 'Fuzzed' }));
	const room = (await Room.open(store, id, () => {}))!;
	const steady = new SteadyClient();
	steady.attach(room, { userId: 'steady', name: 'Steady', canWrite: true }, log);
	await waitFor(() => steady.doc.getMap('fields').size > 0, 5000, 'sync');
	const honest = replicaOf(steady.doc);
	steady.doc.on('update', (u: Uint8Array) => Y.applyUpdate(honest, u));
	const gen = new CaseGenerator(rng, honest, seed);
	const editor = { userId: 'fuzz-editor', name: 'Fuzz Editor', canWrite: true };
	const viewer = { userId: 'fuzz-viewer', name: 'Fuzz Viewer', canWrite: false };
	for (let i = 1; i <= 20000; i++) {
		const c = gen.next();
		let bad = false;
		const { ws } = openConnection(room, c.role === 'editor' ? editor : viewer, (l) => { bad = true; log(l); });
		for (const f of c.frames) ws.receive(f);
		if (bad && !(globalThis as any).dumped) { (globalThis as any).dumped = true; require('fs').writeFileSync('/tmp/dbg/bad.json', JSON.stringify({ i, kind: c.kind, frames: c.frames.map((f) => Buffer.from(f.data as Uint8Array).toString('hex')) })); console.log('BAD case', i, c.kind); }
		ws.close(1000);
		if (i % 250 === 0) await new Promise((r) => setImmediate(r));
		if (i % 10 === 0) {
			await room.session.persisted();
			const live = room.session.doc;
			const stored = storedDoc(t.db, id);
			if (!sameBytes(Y.encodeStateVector(stored), Y.encodeStateVector(live))) {
				console.log('MISMATCH after case', i, c.kind, 'live sv', Y.decodeStateVector(Y.encodeStateVector(live)), 'stored sv', Y.decodeStateVector(Y.encodeStateVector(stored)));
				console.log('pending', !!live.store.pendingStructs, !!live.store.pendingDs, 'stored pending', !!stored.store.pendingStructs);
				break;
			}
		}
	}
	room.close(); await store.close(); t.cleanup();
}, 300000);
