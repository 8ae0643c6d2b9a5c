/**
 * The document store's contract, on each dialect's store (the one `samla start` builds for
 * SQLite, and for PostgreSQL in a lone process): loading, storing before announcing,
 * stamping, projecting into the records row, compacting, failing. tests/cluster/store.spec.ts
 * covers what only several PostgreSQL processes can show.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { InProcessAnnouncer } from '../../src/lib/server/docs/announcer';
import { REMOTE_ORIGIN, STORE_ORIGIN, UpdateOrigin } from '../../src/lib/server/docs/origins';
import type { DocPersistence } from '../../src/lib/server/docs/persistence';
import { MalformedUpdateError, type DocStoreOptions } from '../../src/lib/server/docs/store';
import { applyTextDiff, changedByOf, docToRecord, fieldText, readChangedBy, readReview, setReviewState } from '../../src/lib/records/ydoc';
import type { Sql } from '../../src/lib/server/db/sql';
import { yjsUpdates } from '../../src/lib/server/db/schema';
import { describeEachDialect, type DialectDatabase } from '../helpers/dialects';
import { dialectPersistence, dialectRecordStore } from '../helpers/dialect-store';
import { validRecord } from '../helpers/records';
import { draftRecord } from '../helpers/records-sql';
import { eventually, until } from './harness';
import type { RecordStore } from '../../src/lib/server/records/live';

const ada = new UpdateOrigin({ id: 'u-ada', name: 'Ada' }, 'socket');
const bo = new UpdateOrigin({ id: 'u-bo', name: 'Bo' }, 'socket');
const system = new UpdateOrigin(null, 'test');

/** An update typed by a client that started from the store's state. */
function clientEdit(base: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
	const d = new Y.Doc();
	Y.applyUpdate(d, Y.encodeStateAsUpdate(base));
	const before = Y.encodeStateVector(d);
	change(d);
	return Y.encodeStateAsUpdate(d, before);
}

/** Makes every append fail, as a full disk would, until `failAppends(…, false)`. */
async function failAppends(database: DialectDatabase, fail: boolean): Promise<void> {
	if (database.sqlite) {
		database.sqlite.$client.exec(
			fail ? `CREATE TRIGGER no_yjs BEFORE INSERT ON yjs_updates BEGIN SELECT RAISE(ABORT, 'disk full'); END` : 'DROP TRIGGER no_yjs'
		);
		return;
	}
	const { db } = database.sql as unknown as { db: { execute(q: string): Promise<unknown> } };
	if (fail) {
		await db.execute(`CREATE FUNCTION no_yjs() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$ LANGUAGE plpgsql`);
		await db.execute('CREATE TRIGGER no_yjs BEFORE INSERT ON yjs_updates FOR EACH ROW EXECUTE FUNCTION no_yjs()');
	} else {
		await db.execute('DROP TRIGGER no_yjs ON yjs_updates');
		await db.execute('DROP FUNCTION no_yjs()');
	}
}

describeEachDialect('the document store', (database, dialect) => {
	const stores: RecordStore[] = [];
	const logs: string[] = [];
	const sql = (): Sql => database().sql;

	function newStore(opts: Partial<DocStoreOptions> & { persistence?: DocPersistence } = {}): RecordStore {
		const s = dialectRecordStore(database(), { projectEveryMs: 20, log: (l) => logs.push(l), ...opts });
		stores.push(s);
		return s;
	}

	const rows = (recordId: string) => {
		const { db, t } = sql();
		return db.select().from(t.yjsUpdates).where(eq(t.yjsUpdates.recordId, recordId)).orderBy(t.yjsUpdates.id);
	};
	const row = async (recordId: string) => {
		const { db, t } = sql();
		const [r] = await db.select().from(t.records).where(eq(t.records.id, recordId));
		return r;
	};
	const createDraft = (record = validRecord()) => draftRecord(sql(), record);

	beforeEach(() => {
		logs.length = 0;
	});
	afterEach(async () => {
		await Promise.all(stores.splice(0).map((s) => s.close()));
	});

	it('gives a record without a log its first state from the draft, stored as one row', async () => {
		const id = await createDraft(validRecord({ title: 'Kompetenslyftet' }));
		const s = await newStore().open(id);
		expect(docToRecord(s!.doc)).toEqual((await row(id)).draft);
		await s!.persisted();
		expect(await rows(id)).toHaveLength(1);
		expect(await newStore().open('no-such-record')).toBeNull();
	});

	it('stores an update before any listener hears of it', async () => {
		const id = await createDraft();
		const heard: boolean[] = [];
		// A listener cannot wait for a query: on PostgreSQL, what the log has committed is what its append resolved with.
		const committed = new Set<string>();
		const inner = dialectPersistence(database());
		const persistence: DocPersistence = Object.assign(Object.create(inner) as DocPersistence, {
			append(recordId: string, update: Uint8Array) {
				const stored = inner.append(recordId, update);
				const key = Buffer.from(update).toString('hex');
				if (typeof stored === 'number') return (committed.add(key), stored);
				return stored.then((rowId) => (committed.add(key), rowId));
			}
		});
		const store = newStore({ persistence });
		const isStored = (u: Uint8Array) =>
			database().sqlite
				? database()
						.sqlite!.select()
						.from(yjsUpdates)
						.where(eq(yjsUpdates.recordId, id))
						.all()
						.some((r) => Buffer.from(u).equals(r.data))
				: committed.has(Buffer.from(u).toString('hex'));
		const s = (await store.open(id, { update: (u) => heard.push(isStored(u)) }))!;
		await s.persisted();
		s.apply(
			clientEdit(s.doc, (d) => applyTextDiff(fieldText(d, 'owner')!, 'Region Blekinge')),
			ada
		);
		// SQLite stores in the call: the listener hears in the same turn, and the row is there.
		if (dialect === 'sqlite') expect(heard).toEqual([true]);
		await s.persisted();
		expect(heard).toEqual([true]);
		s.apply(
			clientEdit(s.doc, (d) => applyTextDiff(fieldText(d, 'funder')!, 'Vinnova')),
			ada
		);
		if (dialect === 'sqlite') expect(heard).toEqual([true, true]);
		await s.persisted();
		expect(heard).toEqual([true, true]); // two edits, each carrying its "changed by" stamp
		const stored = (await rows(id)).map((r) => Buffer.from(r.data).toString('hex'));
		expect([...committed].every((u) => stored.includes(u))).toBe(true);
	});

	it('announces updates in order behind a slow append, after it', async () => {
		const id = await createDraft();
		const inner = dialectPersistence(database());
		let release = () => {};
		const gate = new Promise<void>((r) => (release = r));
		let slow = false;
		const persistence: DocPersistence = Object.assign(Object.create(inner) as DocPersistence, {
			append: (recordId: string, update: Uint8Array) =>
				slow ? gate.then(() => inner.append(recordId, update)) : inner.append(recordId, update)
		});
		const store = newStore({ persistence });
		const heard: string[] = [];
		const heardUpdates: string[] = [];
		const s = (await store.open(id, {
			update: (u) => {
				heard.push(docToRecord(s.doc).owner ?? '');
				heardUpdates.push(Buffer.from(u).toString('hex'));
			}
		}))!;
		await s.persisted();
		slow = true;
		s.apply(
			clientEdit(s.doc, (d) => applyTextDiff(fieldText(d, 'owner')!, 'A')),
			ada
		);
		slow = false; // stored at once, but queued behind the first
		s.apply(
			clientEdit(s.doc, (d) => applyTextDiff(fieldText(d, 'owner')!, 'AB')),
			ada
		);
		expect(heard).toEqual([]);
		release();
		await s.persisted();
		expect(heard).toHaveLength(2);
		// Both are stored, once each (the second, not held back, even before the first).
		const last = (await rows(id)).slice(-2);
		expect(last.map((r) => Buffer.from(r.data).toString('hex')).sort()).toEqual([...heardUpdates].sort());
		expect(last.map((r) => r.id)).toEqual(last.map((r) => r.id).sort((a, b) => a - b));
	});

	it('sends an edit and its "changed by" stamp as one update, back to its sender too', async () => {
		const id = await createDraft();
		const store = newStore();
		const origins: unknown[] = [];
		const s = (await store.open(id, { update: (_, origin) => origins.push(origin) }))!;
		await s.persisted();
		const before = (await rows(id)).length;
		const sender = new UpdateOrigin(ada.actor, 'socket'); // a connection of its own, as the sync server gives each
		s.apply(
			clientEdit(s.doc, (d) => applyTextDiff(fieldText(d, 'owner')!, 'Region Blekinge')),
			sender
		);
		s.apply(
			clientEdit(s.doc, (d) => applyTextDiff(fieldText(d, 'owner')!, 'Region Blekinge län')),
			sender
		);
		await s.persisted();
		// The first edit needed a stamp: everyone hears it (the store's origin), the sender too, who
		// lacks the stamp. The second, by the same person on the same field, goes to the others only.
		expect(origins).toEqual([STORE_ORIGIN, sender]);
		expect((await rows(id)).length).toBe(before + 2);
		const replica = new Y.Doc();
		for (const r of await rows(id)) Y.applyUpdate(replica, r.data);
		expect(docToRecord(replica).owner).toBe('Region Blekinge län');
		expect(changedByOf(replica, 'owner')?.name).toBe(ada.actor!.name);
	});

	it("stamps with the document's own client id, and takes a new one when a client writes with it", async () => {
		const id = await createDraft();
		const s = (await newStore().open(id))!;
		await s.persisted();
		const own = s.doc.clientID;
		// People taking turns: each turn is stamped, in the edit's own update, under one id.
		for (const [i, who] of [ada, bo, ada].entries())
			s.apply(
				clientEdit(s.doc, (d) => applyTextDiff(fieldText(d, 'owner')!, `Region ${i}`)),
				who
			);
		expect(s.doc.clientID).toBe(own);
		expect(changedByOf(s.doc, 'owner')?.name).toBe('Ada');
		// A client that writes with the server's id: the stamp goes under a new one, and the
		// log still loads into what is live.
		s.apply(
			clientEdit(s.doc, (d) => {
				d.clientID = own;
				applyTextDiff(fieldText(d, 'owner')!, 'Region Blekinge');
			}),
			bo
		);
		expect(s.doc.clientID).not.toBe(own);
		expect(changedByOf(s.doc, 'owner')?.name).toBe('Bo');
		await s.persisted();
		const replica = new Y.Doc();
		for (const r of await rows(id)) Y.applyUpdate(replica, r.data);
		expect(Y.encodeStateVector(replica)).toEqual(Y.encodeStateVector(s.doc));
		expect(docToRecord(replica).owner).toBe('Region Blekinge');
		s.close();
	});

	it('refuses bytes that are not a Yjs update and leaves the document as it was', async () => {
		const id = await createDraft();
		const s = (await newStore().open(id))!;
		const before = Y.encodeStateAsUpdate(s.doc);
		for (const junk of [new Uint8Array([1, 2, 3]), new Uint8Array(64).fill(255), new TextEncoder().encode('{"title":"x"}')]) {
			expect(() => s.apply(junk, ada)).toThrow(MalformedUpdateError);
		}
		expect(Y.encodeStateAsUpdate(s.doc)).toEqual(before);
	});

	it('marks who changed a field last, and a person editing an approved record opens a new draft', async () => {
		const id = await createDraft();
		const store = newStore();
		const s = (await store.open(id))!;
		s.transact(system, (d) => setReviewState(d, 'approved'));
		expect(readChangedBy(s.doc)).toEqual({});
		s.apply(
			clientEdit(s.doc, (d) => applyTextDiff(fieldText(d, 'title')!, 'Ny titel')),
			ada
		);
		expect(readChangedBy(s.doc).title).toMatchObject({ id: 'u-ada', name: 'Ada' });
		expect(readReview(s.doc)).toBe('draft');
		s.apply(
			clientEdit(s.doc, (d) => applyTextDiff(fieldText(d, 'title')!, 'Ny titel 2')),
			bo
		);
		s.apply(
			clientEdit(s.doc, (d) => applyTextDiff(fieldText(d, 'owner')!, 'Ägare')),
			ada
		);
		expect(readChangedBy(s.doc)).toMatchObject({ title: { name: 'Bo' }, owner: { name: 'Ada' } });
		await s.persisted();
		await eventually(
			async () => {
				const r = await row(id);
				return r.title === 'Ny titel 2' && r.draft.owner === 'Ägare';
			},
			2000,
			'projection'
		);
		expect((await row(id)).status).toBe('draft');
	});

	it('keeps the records row in step, writing status only when the document changed it', async () => {
		const id = await createDraft();
		await sql().db.update(sql().t.records).set({ status: 'approved' }).where(eq(sql().t.records.id, id));
		const store = newStore();
		const s = (await store.open(id))!;
		s.transact(system, (d) => applyTextDiff(fieldText(d, 'summary')!, 'A summary'));
		await eventually(async () => (await row(id)).draft.summary === 'A summary', 2000, 'projection');
		expect((await row(id)).status).toBe('approved');
		s.transact(system, (d) => setReviewState(d, 'in_review'));
		await eventually(async () => (await row(id)).status === 'in_review', 2000, 'status projection');
	});

	it('mirrors a field a client typed U+0000 into (PostgreSQL stores the row without it)', async () => {
		const id = await createDraft();
		const s = (await newStore().open(id))!;
		s.apply(
			clientEdit(s.doc, (d) => applyTextDiff(fieldText(d, 'title')!, 'Nul\0 här')),
			ada
		);
		await s.persisted();
		await eventually(async () => (await row(id)).title.replaceAll('\0', '') === 'Nul här', 2000, 'projection');
		expect((await row(id)).draft.title?.replaceAll('\0', '')).toBe('Nul här');
		expect(logs.filter((l) => /could not/.test(l))).toEqual([]);
	});

	it('brings a records row left behind (a projection lost to a crash) up to date when the document loads', async () => {
		const id = await createDraft(validRecord({ title: 'Stale title' }));
		const first = (await newStore({ projectEveryMs: 60_000 }).open(id))!;
		first.transact(system, (d) => applyTextDiff(fieldText(d, 'title')!, 'Live title'));
		await first.persisted();
		expect((await row(id)).title).toBe('Stale title'); // the process "dies" before projecting
		await newStore().open(id);
		await eventually(async () => (await row(id)).title === 'Live title', 2000, 'projection on load');
		expect((await row(id)).draft.title).toBe('Live title');
	});

	it('compacts the log after N updates and on unload, and reloads the same document', async () => {
		const id = await createDraft();
		const store = newStore({ compactAfter: 10, idleUnloadMs: 30 });
		const s = (await store.open(id))!;
		for (let i = 0; i < 25; i++)
			s.apply(
				clientEdit(s.doc, (d) => fieldText(d, 'summary')!.insert(0, `${i} `)),
				ada
			);
		await s.persisted();
		expect((await rows(id)).length).toBeLessThan(10);
		const expected = docToRecord(s.doc);
		s.close();
		await eventually(async () => (await rows(id)).length === 1, 2000, 'compaction on unload');
		const again = (await newStore().open(id))!;
		expect(docToRecord(again.doc)).toEqual(expected);
		expect(docToRecord(again.doc).summary).toMatch(/^24 23 22 /);
	});

	it('drops the live document when an update cannot be stored, and tells its listeners why', async () => {
		const id = await createDraft();
		const failures: string[] = [];
		const heard: unknown[] = [];
		const store = newStore();
		const s = (await store.open(id, { failed: (r) => failures.push(r), update: (u) => heard.push(u) }))!;
		await s.persisted();
		await failAppends(database(), true);
		try {
			s.apply(
				clientEdit(s.doc, (d) => applyTextDiff(fieldText(d, 'owner')!, 'Lost?')),
				ada
			);
			await until(() => failures.length > 0, 2000, 'failure');
		} finally {
			await failAppends(database(), false);
		}
		expect(failures).toEqual(['store-failed']);
		expect(heard).toEqual([]);
		expect(logs.join('\n')).toMatch(/disk full/);
		const reopened = (await store.open(id))!;
		expect(docToRecord(reopened.doc).owner).not.toBe('Lost?');
	});

	it('reports a record deleted under a live document as gone', async () => {
		const id = await createDraft();
		const failures: string[] = [];
		const s = (await newStore().open(id, { failed: (r) => failures.push(r) }))!;
		await s.persisted();
		await sql().db.delete(sql().t.records).where(eq(sql().t.records.id, id));
		s.apply(
			clientEdit(s.doc, (d) => applyTextDiff(fieldText(d, 'owner')!, 'x')),
			ada
		);
		await until(() => failures.length > 0, 2000, 'failure');
		expect(failures).toEqual(['record-gone']);
	});

	it('counts the different people on each record', async () => {
		const [a, b] = [await createDraft(), await createDraft()];
		const store = newStore();
		const sa = (await store.open(a))!;
		const sb = (await store.open(b))!;
		const leave = [sa.join('u1'), sa.join('u1'), sa.join('u2'), sb.join('u3')];
		expect(Object.fromEntries(store.presence())).toEqual({ [a]: 2, [b]: 1 });
		leave[0]();
		leave[0]();
		expect(store.presence().get(a)).toBe(2);
		leave[1]();
		leave[3]();
		expect(Object.fromEntries(store.presence())).toEqual({ [a]: 1 });
	});

	it('hears, through the announcer, what another store stored (the multi-process seam)', async () => {
		const id = await createDraft();
		const bus = new InProcessAnnouncer();
		const one = newStore({ announcer: bus });
		const two = newStore({ announcer: bus });
		const s1 = (await one.open(id))!;
		await s1.persisted();
		const heard: unknown[] = [];
		const s2 = (await two.open(id, { update: (_, origin) => heard.push(origin) }))!;
		const before = (await rows(id)).length;
		s1.apply(
			clientEdit(s1.doc, (d) => applyTextDiff(fieldText(d, 'funder')!, 'Vinnova')),
			ada
		);
		await s1.persisted();
		await until(() => docToRecord(s2.doc).funder === 'Vinnova', 2000, 'the other store to hear the edit');
		expect(docToRecord(s2.doc).funder).toBe('Vinnova');
		// The edit with its "changed by" stamp: heard once, stored once (by the store that took it).
		expect(heard).toEqual([REMOTE_ORIGIN]);
		expect((await rows(id)).length).toBe(before + 1);
	});

	it('makes server-side edits (approve, restore) through the same path, and snapshots the live state', async () => {
		const id = await createDraft();
		const store = newStore();
		expect(
			await store.edit(id, new UpdateOrigin({ id: 'u-ap', name: 'Approver' }, 'restore'), (d) =>
				applyTextDiff(fieldText(d, 'title')!, 'Restored')
			)
		).toBe(true);
		const snap = (await store.snapshot(id))!;
		expect(snap.record.title).toBe('Restored');
		expect(snap.changedBy.title?.name).toBe('Approver');
		const replica = new Y.Doc();
		Y.applyUpdate(replica, snap.state);
		expect(docToRecord(replica)).toEqual(snap.record);
		expect(await store.edit('missing', system, () => {})).toBe(false);
	});
});
