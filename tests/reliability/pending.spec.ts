/**
 * Found by the fuzzer: an update the store cannot integrate yet (a missing dependency)
 * sits in the live document's pending structs. If it reuses a client id and clock that
 * the document already holds with other content, `Y.encodeStateAsUpdate` (compaction,
 * and the sync step 2 a joining client gets) merges the pending struct over the
 * integrated one: the stored log and a new client lose content that the live document
 * and every connected client have. An honest client can have a pending update for a
 * moment (it types while its reconnect handshake is under way), so such updates are
 * kept, but only integrated content may be stored or sent.
 */
import { eq } from 'drizzle-orm';
import { afterEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fieldText } from '../../src/lib/records/ydoc';
import { UpdateOrigin } from '../../src/lib/server/docs/origins';
import { syncStep2Message } from '../../server/sync/protocol';
import { describeEachDialect } from '../helpers/dialects';
import { dialectRecordStore } from '../helpers/dialect-store';
import { validRecord } from '../helpers/records';
import { draftRecord } from '../helpers/records-sql';
import { storedDocSql } from '../helpers/stored-doc-sql';
import { replicaOf } from './lib/fuzz';
import * as decoding from 'lib0/decoding';
import type { RecordStore } from '../../src/lib/server/records/live';

const stores: RecordStore[] = [];
afterEach(async () => {
	await Promise.all(stores.splice(0).map((s) => s.close()));
});

const ada = new UpdateOrigin({ id: 'u-ada', name: 'Ada' }, 'socket');
const mallory = new UpdateOrigin({ id: 'u-mallory', name: 'Mallory' }, 'socket');

/** An edit made on a copy of `base` by a client with the given id; the update of that one transaction. */
function edit(base: Y.Doc, clientID: number, change: (d: Y.Doc) => void): Uint8Array {
	const d = replicaOf(base);
	d.clientID = clientID;
	let update: Uint8Array = new Uint8Array();
	d.on('update', (u: Uint8Array) => (update = u));
	change(d);
	return update;
}

describeEachDialect('pending updates', (database) => {
	it('never let a pending struct that reuses an id replace integrated content, in the log or in a sync step 2', async () => {
		const { db, t } = database().sql;
		const id = await draftRecord(database().sql, validRecord({ title: 'Pending', summary: null }));
		const store = dialectRecordStore(database(), { projectEveryMs: 5, log: () => {} });
		stores.push(store);
		const s = (await store.open(id))!;
		await s.persisted();

		// Mallory prepares, from the document as it is now, an item the server will never see.
		const elsewhere = replicaOf(s.doc);
		elsewhere.clientID = 999;
		fieldText(elsewhere, 'summary')!.insert(0, 'unseen ');

		// Ada (client 4242) types "Hello" into the summary: integrated, stored, broadcast.
		s.apply(
			edit(s.doc, 4242, (d) => fieldText(d, 'summary')!.insert(0, 'Hello')),
			ada
		);
		await s.persisted();
		const before = fieldText(s.doc, 'summary')!.toString();
		expect(before).toBe('Hello');

		// Mallory sends, as client 4242 again, other content at the same clocks, after the item
		// the server has never seen (so it cannot be integrated and stays pending).
		const forged = edit(elsewhere, 4242, (d) => fieldText(d, 'summary')!.insert(7, 'HIJACKED'));
		s.apply(forged, mallory);
		await s.persisted();
		expect(fieldText(s.doc, 'summary')!.toString()).toBe(before);

		// A client joining now gets what the document holds.
		const joining = new Y.Doc();
		const d = decoding.createDecoder(syncStep2Message(s.doc, Y.encodeStateVector(joining)));
		decoding.readVarUint(d);
		decoding.readVarUint(d);
		Y.applyUpdate(joining, decoding.readVarUint8Array(d));
		expect(fieldText(joining, 'summary')?.toString()).toBe(before);

		// The log, folded on unload, still holds it; a new store loads the same.
		s.close();
		await store.close();
		const rows = await db.select().from(t.yjsUpdates).where(eq(t.yjsUpdates.recordId, id));
		expect(rows.length).toBeGreaterThan(0);
		expect(fieldText(await storedDocSql(database().sql, id), 'summary')?.toString()).toBe(before);
		const again = dialectRecordStore(database(), { log: () => {} });
		stores.push(again);
		const reloaded = (await again.open(id))!;
		expect(fieldText(reloaded.doc, 'summary')!.toString()).toBe(before);
		reloaded.close();
	});
});
