import * as Y from 'yjs';
import { SqlitePersistence } from '../../src/lib/server/docs/sqlite-persistence';
import { DocStore } from '../../src/lib/server/docs/store';
import { Room } from '../../server/sync/room';
import { parseMessage } from '../../server/sync/protocol';
import { tempDatabase } from '../helpers/db';
import { createDraft, validRecord } from '../helpers/records';
import { seededRng, waitFor, sameBytes, storedDoc } from './lib/common';
import { CaseGenerator, openConnection, replicaOf, SteadyClient } from './lib/fuzz';
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
for (let i = 1; i <= 20000; i++) {
  const c = gen.next();
  const { ws } = openConnection(room, editor, log);
  for (const f of c.frames) ws.receive(f);
  const code = ws.closeCode;
  ws.close(1000);
  await room.session.persisted();
  await new Promise((r) => setImmediate(r));
  if (i % 10 === 0 && !sameBytes(Y.encodeStateVector(storedDoc(t.db, id)), Y.encodeStateVector(room.session.doc)) || !sameBytes(Y.encodeStateVector(steady.doc), Y.encodeStateVector(room.session.doc))) {
    const sd = storedDoc(t.db, id); const sv2 = Y.decodeStateVector(Y.encodeStateVector(sd)); const lv = Y.decodeStateVector(Y.encodeStateVector(room.session.doc)); for (const [k, v] of lv) if (sv2.get(k) !== v) console.log(' stored differs: client', k, 'live', v, 'stored', sv2.get(k)); for (const [k, v] of sv2) if (!lv.has(k)) console.log(' stored has extra client', k, v);
    console.log('diverged at case', i, c.kind, 'close', code, 'logs', logs.slice(-2));
    const live = Y.decodeStateVector(Y.encodeStateVector(room.session.doc)); const st = Y.decodeStateVector(Y.encodeStateVector(steady.doc));
    for (const [k, v] of live) if (st.get(k) !== v) console.log(' client', k, 'live', v, 'steady', st.get(k));
    try { const m = parseMessage(c.frames[0].data as Uint8Array); if (m.kind === 'update') { const d = Y.decodeUpdate(m.update); console.log(' structs', d.structs.length, 'ds', [...d.ds.clients].map(([k, v]) => [k, v.map((x) => [x.clock, x.len])])); } } catch (e) { console.log(' parse', (e as Error).message); }
    console.log(' hex', Buffer.from(c.frames[0].data as Uint8Array).toString('hex').slice(0, 400));
    const { yjsUpdates } = await import('../../src/lib/server/db/schema');
    const { eq, asc } = await import('drizzle-orm');
    const rows = t.db.select().from(yjsUpdates).where(eq(yjsUpdates.recordId, id)).orderBy(asc(yjsUpdates.id)).all();
    const one = new Y.Doc();
    for (const r of rows) { try { Y.applyUpdate(one, new Uint8Array(r.data)); } catch (e) { console.log(' row', r.id, 'throws', (e as Error).message); } }
    const ov = Y.decodeStateVector(Y.encodeStateVector(one));
    for (const [k, v] of lv) if (ov.get(k) !== v) console.log(' one-by-one differs: client', k, 'live', v, 'rows', ov.get(k));
    for (const r of rows) { const dd = Y.decodeUpdate(new Uint8Array(r.data)); const mine = dd.structs.filter((x) => x.id.client >= 1000000 && x.id.client < 1000100); if (mine.length) console.log(' row', r.id, 'has', mine.map((x) => `${x.id.client}:${x.id.clock}+${x.length} ${x.constructor.name}`).join(' ')); }
    console.log(' rows', rows.length, 'pending in live', !!(room.session.doc as any).store.pendingStructs, !!(room.session.doc as any).store.pendingDs);
    break;
  }
}
room.close(); await store.close(); steady.destroy(); t.cleanup();
