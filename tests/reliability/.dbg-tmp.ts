import * as Y from 'yjs';
import { SqlitePersistence } from '../../src/lib/server/docs/sqlite-persistence';
import { DocStore } from '../../src/lib/server/docs/store';
import { Room } from '../../server/sync/room';
import { parseMessage } from '../../server/sync/protocol';
import { tempDatabase } from '../helpers/db';
import { createDraft, validRecord } from '../helpers/records';
import { seededRng, waitFor } from './lib/common';
import { CaseGenerator, openConnection, replicaOf, SteadyClient } from './lib/fuzz';
import { writeFileSync } from 'node:fs';
const seed = Number(process.argv[2]);
const rng = seededRng(seed);
const t = tempDatabase();
const logs: string[] = [];
const log = (l: string) => logs.push(l);
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
for (let i = 1; i <= 100000; i++) {
  const c = gen.next();
  const pre = Y.encodeStateAsUpdate(room.session.doc);
  const { ws } = openConnection(room, c.role === 'editor' ? editor : viewer, log);
  for (const f of c.frames) ws.receive(f);
  ws.close(1000);
  if (logs.some((l) => l.includes('could not apply'))) {
    console.log('case', i, c.kind, logs[0]);
    const m = parseMessage(c.frames[0].data as Uint8Array) as { update: Uint8Array };
    writeFileSync('/tmp/rel/pre.bin', pre); writeFileSync('/tmp/rel/upd.bin', m.update);
    const d = new Y.Doc(); Y.applyUpdate(d, pre);
    try { Y.applyUpdate(d, m.update); console.log('applies cleanly on a fresh copy'); } catch (e) { console.log('fresh copy throws:', (e as Error).stack?.split('\n').slice(0, 8).join('\n')); }
    const dec = Y.decodeUpdate(m.update);
    console.log('structs', dec.structs.map((s) => `${s.constructor.name} ${s.id.client}:${s.id.clock}+${s.length}`).slice(0, 10), 'ds', [...dec.ds.clients].map(([k, v]) => [k, v.map((r) => [r.clock, r.len])]));
    break;
  }
  if (i % 250 === 0) await new Promise((r) => setImmediate(r));
}
process.exit(0);
