/**
 * An edit across processes, at the document store: two stores (two process ids, each with
 * its own PostgreSQL pool and Redis connections) on one database, as two `samla start`
 * processes will be. Real y-websocket clients on real sync servers on port 0.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { asc, eq } from 'drizzle-orm';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { emptyRecord } from '../../src/lib/records/fields';
import { applyTextDiff, changedByOf, docToRecord, fieldText } from '../../src/lib/records/ydoc';
import { FanoutAnnouncer } from '../../src/lib/server/cluster/fanout-announcer';
import { migratePgDatabase, openPgDatabase, type PgDb } from '../../src/lib/server/db/pg-client';
import { documents, records, yjsUpdates } from '../../src/lib/server/db/schema-pg';
import type { Announcement, Announcer } from '../../src/lib/server/docs/announcer';
import { recordDocStore } from '../../src/lib/server/docs/create';
import { pgRecordStore } from '../../src/lib/server/docs/create-pg';
import { UpdateOrigin } from '../../src/lib/server/docs/origins';
import { PgPersistence } from '../../src/lib/server/docs/pg-persistence';
import type { DocStoreOptions } from '../../src/lib/server/docs/store';
import type { RecordStore } from '../../src/lib/server/records/live';
import { PgRecordRows } from '../../src/lib/server/records/live/pg-rows';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { SyncConnection } from '../../server/sync/connection';
import { readAwareness } from '../../server/sync/protocol';
import { Room } from '../../server/sync/room';
import { SyncServer } from '../../server/sync/sync-server';
import { describeCluster, redisGate, useTestDatabase, useTestRedis } from '../helpers/cluster';
import { unframe } from '../helpers/frame';
import { foldStoredUpdates } from '../helpers/stored-doc-sql';
import { connect, sleep, until, type Client } from '../sync/harness';

const MIGRATIONS = join(import.meta.dirname, '../../drizzle/pg');
const ada = new UpdateOrigin({ id: 'u-ada', name: 'Ada' }, 'test');
const bo = new UpdateOrigin({ id: 'u-bo', name: 'Bo' }, 'test');

/** An announcer whose publishing can be cut, as a process killed between commit and publish would. */
class Cuttable implements Announcer {
	cut = false;
	readonly published: Announcement[] = [];
	constructor(readonly inner: FanoutAnnouncer) {}
	publish(a: Announcement) {
		this.published.push(a);
		if (!this.cut) this.inner.publish(a);
	}
	private readonly listeners = new Set<(a: Announcement) => void>();
	subscribe = (l: (a: Announcement) => void) => {
		this.listeners.add(l);
		const stop = this.inner.subscribe(l);
		return () => {
			this.listeners.delete(l);
			stop();
		};
	};
	/** Delivers an announcement as if another process had sent it. */
	hear(a: Announcement) {
		for (const l of this.listeners) l(a);
	}
	follow = (id: string) => this.inner.follow(id);
	readonly unfollowed: string[] = [];
	unfollow = (id: string) => {
		this.unfollowed.push(id);
		this.inner.unfollow(id);
	};
	serving = (id: string) => this.inner.serving(id);
	onCatchUp = (l: () => void) => this.inner.onCatchUp(l);
}

interface Proc {
	log: (line: string) => void;
	db: PgDb;
	announcer: Cuttable;
	store: RecordStore;
	logs: string[];
	/** ws://…/sync when started with a sync server. */
	url?: string;
}

describeCluster('the document store on PostgreSQL and Redis, two processes', () => {
	const database = useTestDatabase();
	const redis = useTestRedis();
	const procs: Proc[] = [];
	const servers: { sync: SyncServer; http: Server }[] = [];
	const clients: Client[] = [];
	let admin: PgDb;
	let n = 0;

	beforeAll(async () => {
		await migratePgDatabase(database.url, MIGRATIONS);
		admin = openPgDatabase(database.url);
		const at = new Date();
		await admin.insert(documents).values({ id: 'd1', contentHash: 'h', content: 'text', language: 'sv', title: 'Doc', ingestedAt: at });
	});
	afterEach(async () => {
		for (const c of clients.splice(0)) c.destroy();
		for (const { sync, http } of servers.splice(0)) {
			await sync.close();
			http.closeAllConnections();
			await new Promise<void>((resolve) => http.close(() => resolve()));
		}
		for (const p of procs.splice(0)) {
			await p.store.close();
			await p.announcer.inner.close();
			await p.db.$client.end();
		}
	});
	afterAll(async () => {
		await admin?.$client.end();
	});

	async function newRecord(title: string): Promise<string> {
		const id = `r${++n}`;
		await admin
			.insert(records)
			.values({ id, title, documentId: 'd1', draft: emptyRecord(title), matchKey: title.toLowerCase(), createdAt: new Date() });
		return id;
	}

	async function proc(
		name: string,
		opts: Partial<Omit<DocStoreOptions, 'persistence'>> & {
			sync?: boolean;
			persistence?: (db: PgDb) => PgPersistence;
			redisUrl?: string;
			/** How long a stalled peer counts as alive: a heartbeat missed under load makes the store catch up. */
			peerTimeoutMs?: number;
		} = {}
	): Promise<Proc> {
		const logs: string[] = [];
		const log = (line: string) => logs.push(line);
		const db = openPgDatabase(database.url);
		const announcer = new Cuttable(
			await FanoutAnnouncer.start({
				redisUrl: opts.redisUrl ?? redis.url,
				prefix: redis.prefix,
				processId: `${name}-${n}`,
				heartbeatMs: 100,
				peerTimeoutMs: opts.peerTimeoutMs ?? 500,
				log
			})
		);
		const store = opts.persistence
			? recordDocStore({ projectEveryMs: 20, log, ...opts, announcer, persistence: opts.persistence(db), rows: new PgRecordRows(db) })
			: pgRecordStore(db, announcer, { projectEveryMs: 20, log, ...opts });
		const p: Proc = { log, db, announcer, store, logs };
		procs.push(p);
		if (opts.sync) {
			const sync = new SyncServer({
				store,
				authenticate: (cookies) =>
					cookies.map((c) => (c === 'ada' ? { userId: 'u-ada', name: 'Ada', canWrite: true, canApprove: false } : null)),
				origin: null,
				log
			});
			const http = createServer((_, res) => res.writeHead(404).end());
			http.on('upgrade', (req, socket, head) => void sync.handleUpgrade(req, socket, head));
			await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
			servers.push({ sync, http });
			p.url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/sync`;
		}
		return p;
	}

	/** A log whose load reads the rows, says so (`read`), then waits for `proceed()` before it returns them. */
	function heldLoad() {
		let readDone!: () => void;
		const read = new Promise<void>((resolve) => (readDone = resolve));
		let proceed!: () => void;
		const held = new Promise<void>((resolve) => (proceed = resolve));
		class Held extends PgPersistence {
			override async load(name: string) {
				const stored = await super.load(name);
				readDone();
				await held;
				return stored;
			}
		}
		return { read, proceed, persistence: (db: PgDb) => new Held(db) };
	}

	const storedRows = (id: string) => admin.select().from(yjsUpdates).where(eq(yjsUpdates.recordId, id)).orderBy(asc(yjsUpdates.id));

	/** The document a process loading the record now would serve: every stored row, in order. */
	const storedFold = async (id: string): Promise<Y.Doc> => foldStoredUpdates(await storedRows(id));

	const sameState = (a: Y.Doc, b: Y.Doc) => expect(Buffer.from(Y.encodeStateVector(a))).toEqual(Buffer.from(Y.encodeStateVector(b)));

	/** A browser tab's connection to a room, as a SyncConnection stands for it. */
	const connection = () =>
		({
			principal: { userId: 'u-ada', name: 'Ada', canWrite: true, canApprove: false },
			awarenessClients: new Set<number>(),
			send: () => {},
			sendFrame: () => {},
			close: () => {}
		}) as unknown as SyncConnection;

	/** The clocks of client `id` in an awareness frame as the server sends it. */
	function clocksOf(frame: Buffer, id: number): number[] {
		const d = decoding.createDecoder(unframe(frame));
		if (decoding.readVarUint(d) !== 1) return [];
		return readAwareness(decoding.readVarUint8Array(d))
			.filter((e) => e.clientId === id)
			.map((e) => e.clock);
	}

	function type(doc: Y.Doc, field: 'funder' | 'summary', text: string): void {
		applyTextDiff(fieldText(doc, field)!, text);
	}

	/**
	 * Another process's append on top of `doc` ("Sen" in the summary): its row takes its id now,
	 * on a connection of its own, and commits only at commit().
	 */
	async function uncommittedAppend(id: string, doc: Y.Doc) {
		const late = new pg.Client({ connectionString: database.url });
		await late.connect();
		await late.query('BEGIN');
		const client = new Y.Doc();
		Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
		type(client, 'summary', 'Sen');
		const update = Y.encodeStateAsUpdate(client, Y.encodeStateVector(doc));
		const { rows } = await late.query<{ id: string }>(
			'INSERT INTO yjs_updates (record_id, data, created_at) VALUES ($1, $2, now()) RETURNING id',
			[id, Buffer.from(update)]
		);
		return {
			update,
			rowId: Number(rows[0].id),
			commit: async () => void (await late.query('COMMIT')),
			end: () => late.end()
		};
	}

	it("sends an edit taken by A to B's live document and B's sockets, stored once, and both equal the stored fold", async () => {
		const id = await newRecord('Unga vägar');
		const a = await proc('a', { sync: true });
		const b = await proc('b', { sync: true });
		const onA = connect(a.url!, id, null, { headers: { cookie: 'ada' } });
		const onB = connect(b.url!, id, null, { headers: { cookie: 'ada' } });
		clients.push(onA, onB);
		await Promise.all([onA.synced, onB.synced]);
		const before = (await storedRows(id)).length;

		// Typed letter by letter on both processes at once, into different fields.
		const funder = 'Vinnova';
		const summary = 'Ett projekt om unga vägar';
		for (let i = 1; i <= summary.length; i++) {
			if (i <= funder.length) type(onA.doc, 'funder', funder.slice(0, i));
			type(onB.doc, 'summary', summary.slice(0, i));
			await sleep(2);
		}
		const wanted = (doc: Y.Doc) => docToRecord(doc).funder === funder && docToRecord(doc).summary === summary;
		await until(() => wanted(onA.doc) && wanted(onB.doc), 10_000, 'both clients to see both fields');

		const liveA = (await a.store.open(id))!;
		const liveB = (await b.store.open(id))!;
		await Promise.all([liveA.persisted(), liveB.persisted()]);
		const fold = await storedFold(id);
		expect(docToRecord(fold)).toMatchObject({ funder, summary });
		for (const doc of [liveA.doc, liveB.doc, onA.doc, onB.doc]) sameState(doc, fold);
		// The stamp made on the process that took the edit came along with it.
		expect(changedByOf(liveB.doc, 'funder')?.name).toBe('Ada');
		// One row per keystroke, each stored by the process that took it, none by the other.
		expect((await storedRows(id)).length - before).toBe(funder.length + summary.length);
		liveA.close();
		liveB.close();
	});

	it('stores a burst of edits in the order they were applied, so the log loads into what was live', async () => {
		const id = await newRecord('Skur');
		const a = await proc('a');
		const sa = (await a.store.open(id))!;
		// Each edit builds on the one before, in one turn: they are stored while earlier ones commit.
		for (let i = 1; i <= 150; i++) sa.transact(i % 2 ? ada : bo, (d) => type(d, 'summary', 'xy'.repeat(i)));
		await sa.persisted();
		const replay = new Y.Doc();
		for (const r of await storedRows(id)) {
			Y.applyUpdate(replay, new Uint8Array(r.data));
			// A row stored before one it builds on would wait here.
			expect(replay.store.pendingStructs).toBeNull();
		}
		sameState(replay, sa.doc);
		expect(docToRecord(replay).summary).toBe('xy'.repeat(150));
		sa.close();
	});

	it('does not store an update heard from another process again, and tells local listeners of it', async () => {
		const id = await newRecord('Hörd');
		const a = await proc('a');
		const b = await proc('b');
		const sa = (await a.store.open(id))!;
		const heard: UpdateOrigin[] = [];
		const sb = (await b.store.open(id, { update: (_, origin) => heard.push(origin as UpdateOrigin) }))!;
		const before = (await storedRows(id)).length;
		sa.transact(ada, (d) => type(d, 'funder', 'Formas'));
		await sa.persisted();
		await until(() => docToRecord(sb.doc).funder === 'Formas', 5000, 'B to hear the edit');
		await sb.persisted();
		expect(heard.map((o) => o.label)).toEqual(['remote']);
		expect((await storedRows(id)).length).toBe(before + 1);
		sa.close();
		sb.close();
	});

	it('hears an update stored after its read of the log while the document was still loading', async () => {
		const id = await newRecord('Laddas');
		const a = await proc('a');
		const sa = (await a.store.open(id))!;
		await sa.persisted();
		// B's read of the log returns only once A has stored and published an edit B's read did not see.
		const { read, proceed, persistence } = heldLoad();
		const b = await proc('b', { catchUpEveryMs: 3_600_000, persistence });
		const opening = b.store.open(id);
		await read;
		sa.transact(ada, (d) => type(d, 'funder', 'Under laddning'));
		await sa.persisted();
		await sleep(200); // the announcement reaches B
		proceed();
		const sb = (await opening)!;
		expect(docToRecord(sb.doc).funder).toBe('Under laddning');
		sa.close();
		sb.close();
	});

	it('reads the log again when a process that left updates unpublished welcomes it, loaded or still loading', async () => {
		const id = await newRecord('Välkommen');
		const a = await proc('a');
		const sa = (await a.store.open(id))!;
		await sa.persisted();
		const { read, proceed, persistence } = heldLoad();
		const b = await proc('b', { catchUpEveryMs: 3_600_000, persistence });
		const welcome = { recordId: id, update: new Uint8Array(0), source: a.announcer.inner.processId, welcome: true };
		// A thinks it is alone on the record: its edits go unpublished (fanout.ts), stored all the same.
		a.announcer.cut = true;
		const opening = b.store.open(id);
		await read;
		sa.transact(ada, (d) => type(d, 'funder', 'Efter läsningen'));
		await sa.persisted();
		b.announcer.hear(welcome);
		proceed();
		const sb = (await opening)!;
		await until(() => docToRecord(sb.doc).funder === 'Efter läsningen');

		sa.transact(ada, (d) => type(d, 'summary', 'Medan den var öppen'));
		await sa.persisted();
		await sleep(200);
		expect(docToRecord(sb.doc).summary).not.toBe('Medan den var öppen');
		b.announcer.hear(welcome);
		await until(() => docToRecord(sb.doc).summary === 'Medan den var öppen');
		sameState(sb.doc, await storedFold(id));
		sa.close();
		sb.close();
	});

	it('catches up when a process stored an update and died before publishing it (peer heartbeat lost)', async () => {
		const id = await newRecord('Tappad');
		// A's heartbeat key outlives a stall of a loaded machine: only its end tells B.
		const a = await proc('a', { peerTimeoutMs: 600_000 });
		// No periodic check in this test: only the fan-out's peer-lost signal can bring it.
		const b = await proc('b', { catchUpEveryMs: 3_600_000 });
		const sa = (await a.store.open(id))!;
		const sb = (await b.store.open(id))!;
		await sleep(300); // B's heartbeat has seen A
		a.announcer.cut = true;
		sa.transact(ada, (d) => type(d, 'funder', 'Vetenskapsrådet'));
		await sa.persisted();
		await sleep(300);
		expect(docToRecord(sb.doc).funder).not.toBe('Vetenskapsrådet');
		// A's process goes away (its heartbeat key with it): B re-reads the rows it lacks.
		await a.announcer.inner.close();
		await until(() => docToRecord(sb.doc).funder === 'Vetenskapsrådet', 5000, 'B to catch up');
		sameState(sb.doc, await storedFold(id));
		expect(b.logs.some((l) => l.includes('gone'))).toBe(true);
		sa.close();
		sb.close();
		// Closed already; the test's cleanup closes it again harmlessly.
		a.announcer.inner.close = async () => {};
	});

	it('catches up after its Redis subscriber reconnects, and hears the record again', async () => {
		const id = await newRecord('Återansluten');
		const a = await proc('a');
		const b = await proc('b', { catchUpEveryMs: 3_600_000 });
		const sa = (await a.store.open(id))!;
		const sb = (await b.store.open(id))!;
		// Stored while B's subscriber is away: its message is lost.
		a.announcer.cut = true;
		sa.transact(ada, (d) => type(d, 'funder', 'Medan borta'));
		await sa.persisted();
		const admin = redis.connect();
		const line = String(await admin.client('LIST'))
			.split('\n')
			.find((l) => l.includes(` name=${redis.prefix}${b.announcer.inner.processId}:sub `));
		expect(line).toBeDefined();
		await admin.client('KILL', 'ID', /\bid=(\d+)/.exec(line!)![1]);
		await until(() => docToRecord(sb.doc).funder === 'Medan borta', 5000, 'B to catch up on reconnect');
		expect(b.logs.some((l) => l.includes('Redis reconnected'))).toBe(true);
		// And the channel is followed again.
		a.announcer.cut = false;
		sa.transact(ada, (d) => type(d, 'summary', 'Efter'));
		await until(() => docToRecord(sb.doc).summary === 'Efter', 5000, 'B to hear A again');
		sa.close();
		sb.close();
	});

	it('catches up on a lost publish by the periodic comparison with the stored rows, once', async () => {
		const id = await newRecord('Periodisk');
		const a = await proc('a');
		const b = await proc('b', { catchUpEveryMs: 100 });
		const sa = (await a.store.open(id))!;
		const heard: string[] = [];
		const sb = (await b.store.open(id, { update: (_, origin) => heard.push((origin as UpdateOrigin).label) }))!;
		a.announcer.cut = true;
		sa.transact(ada, (d) => type(d, 'funder', 'Energimyndigheten'));
		await sa.persisted();
		await until(() => docToRecord(sb.doc).funder === 'Energimyndigheten', 5000, 'B to catch up');
		await sleep(400); // several more checks: nothing more to read, nothing more heard
		expect(heard).toEqual(['remote']);
		sameState(sb.doc, await storedFold(id));
		sa.close();
		sb.close();
	});

	it('does not read back rows it heard over Redis (the row id travels with the update)', async () => {
		const id = await newRecord('Räknad');
		const a = await proc('a');
		const reads: number[][] = [];
		const listed: number[][] = [];
		let during: (() => Promise<void>) | null = null;
		/** B's catch-ups count their reads and keep the record's stored ids they list; `during` runs right after that query. */
		class Counting extends PgPersistence {
			constructor(db: PgDb) {
				super(db);
				const { read, storedIds } = this.shared;
				this.shared.read = (name, ids) => {
					reads.push(ids);
					return read(name, ids);
				};
				this.shared.storedIds = async (names) => {
					const stored = await storedIds(names);
					listed.push(stored.get(id) ?? []);
					await during?.();
					return stored;
				};
			}
		}
		const b = await proc('b', { catchUpEveryMs: 3_600_000, persistence: (db) => new Counting(db) });
		const sa = (await a.store.open(id))!;
		const sb = (await b.store.open(id))!;
		for (let i = 1; i <= 5; i++) sa.transact(ada, (d) => type(d, 'funder', 'R'.repeat(i)));
		await sa.persisted();
		await until(() => docToRecord(sb.doc).funder === 'RRRRR', 5000, 'B to hear A');
		await b.store.catchUp();
		expect(reads).toEqual([]);

		// A row with a smaller id than those B's catch-up listed, committed and heard right after its query.
		const late = await uncommittedAppend(id, sa.doc);
		sa.transact(ada, (d) => type(d, 'funder', 'RRRRRR'));
		await sa.persisted();
		await until(() => docToRecord(sb.doc).funder === 'RRRRRR', 5000, 'B to hear A');
		during = async () => {
			during = null;
			await late.commit();
			a.announcer.inner.publish({ recordId: id, update: late.update, source: 'late', id: late.rowId });
			await until(() => docToRecord(sb.doc).summary === 'Sen', 5000, 'B to hear the late row');
		};
		await b.store.catchUp();
		await b.store.catchUp();
		await late.end();
		// The late row was committed, so the second catch-up listed it, and read it no more than the rest.
		expect(listed.at(-1)).toContain(late.rowId);
		expect(reads).toEqual([]);
		sa.close();
		sb.close();
	});

	it('reads back an update it heard but could not integrate (what it builds on was lost), even after a local edit', async () => {
		const id = await newRecord('Väntande');
		const a = await proc('a', { peerTimeoutMs: 600_000 }); // no catch-up of B's before the test's own
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		/** B's catch-ups wait until the test lets them go, so a client's edit comes first. */
		class Held extends PgPersistence {
			constructor(db: PgDb) {
				super(db);
				const storedIds = this.shared.storedIds;
				this.shared.storedIds = async (names) => {
					await held;
					return storedIds(names);
				};
			}
		}
		const b = await proc('b', { catchUpEveryMs: 3_600_000, persistence: (db) => new Held(db) });
		const sa = (await a.store.open(id))!;
		const sb = (await b.store.open(id))!;
		// m1 is lost; m2, heard, builds on it: B's Yjs keeps m2 waiting.
		a.announcer.cut = true;
		sa.transact(ada, (d) => type(d, 'funder', 'Fo'));
		await sa.persisted();
		a.announcer.cut = false;
		sa.transact(ada, (d) => type(d, 'funder', 'Formas'));
		await sa.persisted();
		await until(() => sb.doc.store.pendingStructs !== null, 5000, 'B to hear m2');
		// A client's edit on B before any catch-up (the store forgets what waits after a client's update).
		const client = new Y.Doc();
		Y.applyUpdate(client, Y.encodeStateAsUpdate(sb.doc));
		type(client, 'summary', 'Lokalt');
		sb.apply(Y.encodeStateAsUpdate(client, Y.encodeStateVector(sb.doc)), bo);
		await sb.persisted();
		release();
		await b.store.catchUp();
		await until(() => docToRecord(sa.doc).summary === 'Lokalt', 5000, 'A to hear B');
		const fold = await storedFold(id);
		expect(docToRecord(fold)).toMatchObject({ funder: 'Formas', summary: 'Lokalt' });
		expect(docToRecord(sb.doc)).toMatchObject({ funder: 'Formas', summary: 'Lokalt' });
		sameState(sb.doc, fold);
		sameState(sa.doc, fold);
		sa.close();
		sb.close();
	});

	it('gives a new record one first state when two processes load it at once, and edits on each reach both', async () => {
		const id = await newRecord('Samtidigt öppnad');
		let read = 0;
		let bothRead!: () => void;
		const both = new Promise<void>((resolve) => (bothRead = resolve));
		/** Each load goes on only once both have read the (empty) log. */
		class Together extends PgPersistence {
			override async load(name: string) {
				const stored = await super.load(name);
				if (++read === 2) bothRead();
				await both;
				return stored;
			}
		}
		const a = await proc('a', { persistence: (db) => new Together(db) });
		const b = await proc('b', { persistence: (db) => new Together(db) });
		const [sa, sb] = (await Promise.all([a.store.open(id), b.store.open(id)])).map((s) => s!);
		expect(await storedRows(id)).toHaveLength(1);
		sameState(sa.doc, sb.doc);
		sa.transact(ada, (d) => type(d, 'funder', 'Från A'));
		sb.transact(bo, (d) => type(d, 'summary', 'Från B'));
		await Promise.all([sa.persisted(), sb.persisted()]);
		const wanted = { title: 'Samtidigt öppnad', funder: 'Från A', summary: 'Från B' };
		await until(() => docToRecord(sa.doc).summary === 'Från B' && docToRecord(sb.doc).funder === 'Från A', 5000, 'each to hear the other');
		const fold = await storedFold(id);
		for (const doc of [sa.doc, sb.doc, fold]) expect(docToRecord(doc)).toMatchObject(wanted);
		sameState(sa.doc, fold);
		sameState(sb.doc, fold);
		sa.close();
		sb.close();
	});

	it('opens and stores edits while Redis refuses connections, and hears the others again once it is back', async () => {
		const id = await newRecord('Utan Redis');
		/** Redis for B, through a port that can be closed: then B's connections are refused. */
		const gate = await redisGate(redis.url);
		const a = await proc('a');
		const b = await proc('b', { redisUrl: gate.url, catchUpEveryMs: 3_600_000 });
		await gate.shut();

		const sb = (await b.store.open(id))!;
		expect(docToRecord(sb.doc).title).toBe('Utan Redis');
		sb.transact(bo, (d) => type(d, 'summary', 'Lagrad ändå'));
		await sb.persisted();
		expect(docToRecord(await storedFold(id)).summary).toBe('Lagrad ändå');
		expect(b.logs.some((l) => l.includes('not followed yet'))).toBe(true);

		// Redis back: B subscribes again and catches up with what A stored meanwhile.
		const sa = (await a.store.open(id))!;
		sa.transact(ada, (d) => type(d, 'funder', 'Medan Redis var borta'));
		await sa.persisted();
		await gate.open();
		await until(() => docToRecord(sb.doc).funder === 'Medan Redis var borta', 10_000, 'B to catch up once Redis is back');
		sa.transact(ada, (d) => type(d, 'funder', 'Hörd igen'));
		await until(() => docToRecord(sb.doc).funder === 'Hörd igen', 10_000, 'B to hear A again');
		sa.close();
		sb.close();
		await gate.shut();
	});

	it('unfollows a record whose stored log it could not load', async () => {
		const id = await newRecord('Trasig');
		await admin.insert(yjsUpdates).values({ recordId: id, data: Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), createdAt: new Date() });
		const b = await proc('b');
		await expect(b.store.open(id)).rejects.toThrow();
		expect(b.announcer.unfollowed).toEqual([id]);
	});

	it("forgets when it read a record's log once the record unloads with everything stored", async () => {
		const id = await newRecord('Glömd');
		let log!: PgPersistence;
		const a = await proc('a', { idleUnloadMs: 10, persistence: (db) => (log = new PgPersistence(db)) });
		const readPoints = () => [...(log as unknown as { readAt: Map<string, string> }).readAt.keys()];
		const s = (await a.store.open(id))!;
		s.transact(ada, (d) => type(d, 'funder', 'Vinnova'));
		await s.persisted();
		expect(readPoints()).toEqual([id]);
		s.close();
		await until(() => a.store.loadedCount === 0, 5000, 'the record to unload');
		await until(() => readPoints().length === 0, 5000, 'the read point to go');
		// Loaded again, it is read again, and its appends are checked against that read.
		const again = (await a.store.open(id))!;
		expect(readPoints()).toEqual([id]);
		again.transact(ada, (d) => type(d, 'funder', 'Vinnova Sverige'));
		await again.persisted();
		expect(docToRecord(await storedFold(id)).funder).toBe('Vinnova Sverige');
		again.close();
	});

	it('compacts on two processes at once: folds once, loses nothing', async () => {
		const id = await newRecord('Komprimerad');
		const a = await proc('a');
		const b = await proc('b');
		const sa = (await a.store.open(id))!;
		const sb = (await b.store.open(id))!;
		for (let i = 1; i <= 20; i++) {
			sa.transact(ada, (d) => type(d, 'funder', 'Vinnova'.repeat(i)));
			sb.transact(bo, (d) => type(d, 'summary', 'Sammanfattning '.repeat(i)));
		}
		await Promise.all([sa.persisted(), sb.persisted()]);
		const before = await storedFold(id);
		expect((await storedRows(id)).length).toBeGreaterThan(40);
		const [ida, idb] = await Promise.all([new PgPersistence(a.db).compact(id), new PgPersistence(b.db).compact(id)]);
		const after = await storedRows(id);
		expect(after.map((r) => r.id)).toEqual([ida]);
		// The second found the first's fold alone and left it.
		expect(idb).toBe(ida);
		sameState(await storedFold(id), before);
		expect(docToRecord(await storedFold(id))).toEqual(docToRecord(before));
		sa.close();
		sb.close();
	});

	it("compacts from the stored rows: a process whose live copy missed another's update folds it in all the same", async () => {
		const id = await newRecord('Vikt');
		// No catch-up of B's: none periodic, and no peer taken for dead when a heartbeat is late on a loaded machine.
		const a = await proc('a', { peerTimeoutMs: 600_000 });
		const b = await proc('b', { catchUpEveryMs: 3_600_000, compactAfter: 5, peerTimeoutMs: 600_000 });
		const sa = (await a.store.open(id))!;
		const sb = (await b.store.open(id))!;
		a.announcer.cut = true;
		sa.transact(ada, (d) => type(d, 'funder', 'Unheard'));
		await sa.persisted();
		// B's own edits make it compact (compactAfter 5) while its copy lacks A's.
		for (let i = 1; i <= 6; i++) sb.transact(bo, (d) => type(d, 'summary', 'B'.repeat(i)));
		await sb.persisted();
		expect(docToRecord(sb.doc).funder).not.toBe('Unheard');
		expect((await storedRows(id)).length).toBeLessThan(6);
		expect(docToRecord(await storedFold(id))).toMatchObject({ funder: 'Unheard', summary: 'BBBBBB' });
		sa.close();
		sb.close();
	});

	it('compacts while another process appends: deletes exactly the rows it folded', async () => {
		const id = await newRecord('Samtidig');
		const a = await proc('a');
		const sa = (await a.store.open(id))!;
		for (let i = 1; i <= 5; i++) sa.transact(ada, (d) => type(d, 'funder', 'F'.repeat(i)));
		await sa.persisted();
		// Another process's append: its row gets its id now and commits only later.
		const late = await uncommittedAppend(id, sa.doc);
		const lateId = late.rowId;
		for (let i = 6; i <= 10; i++) sa.transact(ada, (d) => type(d, 'funder', 'F'.repeat(i)));
		await sa.persisted();
		/** The compaction's read of the rows is followed at once by the late row's commit: it has a smaller id than rows it read. */
		class Racing extends PgPersistence {
			override async rows(db: Pick<PgDb, 'select'>, recordId: string) {
				const read = await super.rows(db, recordId);
				await late.commit();
				return read;
			}
		}
		const folded = await new Racing(a.db).compact(id);
		await late.end();
		expect((await storedRows(id)).map((r) => r.id)).toEqual([lateId, folded]);
		expect(lateId).toBeLessThan(folded - 1);
		expect(docToRecord(await storedFold(id))).toMatchObject({ funder: 'F'.repeat(10), summary: 'Sen' });
		sa.close();
	});

	it("shows presence across processes, removes it when its connection leaves, and drops a dead process's", async () => {
		const id = await newRecord('Närvaro');
		const a = await proc('a', { sync: true });
		const b = await proc('b', { sync: true });
		const onA = connect(a.url!, id, null, { headers: { cookie: 'ada' } });
		const onB = connect(b.url!, id, null, { headers: { cookie: 'ada' } });
		clients.push(onA, onB);
		await Promise.all([onA.synced, onB.synced]);
		const seenOnB = (client: Client) =>
			onB.provider.awareness.getStates().get(client.doc.clientID) as { field?: string; user?: { name: string } } | undefined;

		onA.provider.awareness.setLocalStateField('field', 'funder');
		await until(() => seenOnB(onA)?.field === 'funder', 5000, "B's client to see A's client");
		// As A's server rewrote it: the name its session says.
		expect(seenOnB(onA)?.user?.name).toBe('Ada');

		// An explicit removal: the connection on A leaves.
		onA.provider.disconnect();
		await until(() => seenOnB(onA) === undefined, 5000, "A's client to leave B's view");

		// A process that dies takes its clients' presence with it (heartbeat lost, not the 30 s timeout).
		const again = connect(a.url!, id, null, { headers: { cookie: 'ada' } });
		clients.push(again);
		await again.synced;
		again.provider.awareness.setLocalStateField('field', 'summary');
		await until(() => seenOnB(again)?.field === 'summary', 5000, "B's client to see A's second client");
		await a.announcer.inner.close();
		a.announcer.inner.close = async () => {};
		await until(() => seenOnB(again) === undefined, 5000, "the dead process's client to leave B's view");
	});

	it('shares the presence it holds with a process that starts serving the record, without waiting for a renewal', async () => {
		const id = await newRecord('Nykomling');
		const a = await proc('a', { sync: true });
		const b = await proc('b', { sync: true });
		const onA = connect(a.url!, id, null, { headers: { cookie: 'ada' } });
		clients.push(onA);
		await onA.synced;
		onA.provider.awareness.setLocalStateField('field', 'funder');
		await sleep(200); // A has its state, and has shared it with nobody
		const onB = connect(b.url!, id, null, { headers: { cookie: 'ada' } });
		clients.push(onB);
		await onB.synced;
		const seen = () => onB.provider.awareness.getStates().get(onA.doc.clientID) as { field?: string } | undefined;
		// A client renews its state only after 15 s: sooner, it came with B's HELLO.
		await until(() => seen() !== undefined, 3000, "B's client to see A's client");
		expect(seen()?.field).toBe('funder');
	});

	it("shares a client's renewal (its state sent again unchanged) with the other processes, which send it on to their sockets", async () => {
		const id = await newRecord('Förnyad');
		const a = await proc('a');
		const b = await proc('b');
		await sleep(300); // each heartbeat has seen the other
		const timing = { awarenessEveryMs: 10, renewEveryMs: 50 };
		const [roomA, roomB] = await Promise.all([a, b].map((p) => Room.open(p.store, id, () => {}, { ...timing, log: p.log })));
		const tab = new awarenessProtocol.Awareness(new Y.Doc());
		const X = tab.clientID;
		const onA = connection();
		roomA!.add(onA);
		/** What a socket on B is sent of X: the clocks, in order. */
		const sentOnB: number[] = [];
		const onB = { ...connection(), sendFrame: (frame: Buffer) => sentOnB.push(...clocksOf(frame, X)) } as unknown as SyncConnection;
		roomB!.add(onB);
		tab.setLocalStateField('field', 'funder');
		roomA!.applyAwareness(onA, readAwareness(awarenessProtocol.encodeAwarenessUpdate(tab, [X])));
		await until(() => sentOnB.includes(tab.meta.get(X)!.clock), 5000, "B's socket to hear A's client");
		await sleep(100); // A has sent the change on (B may have heard it sooner, shared with its HELLO)
		tab.setLocalState(tab.getLocalState());
		roomA!.applyAwareness(onA, readAwareness(awarenessProtocol.encodeAwarenessUpdate(tab, [X])));
		await until(() => sentOnB.includes(tab.meta.get(X)!.clock), 5000, "B's socket to hear the renewal");
		expect(roomB!.awareness.getStates().get(X)).toMatchObject({ field: 'funder', user: { name: 'Ada' } });
		roomA!.remove(onA);
		roomB!.remove(onB);
		tab.destroy();
	});

	it('keeps the presence of a client that moved here from a dying process: its late removal and its end remove nothing', async () => {
		const id = await newRecord('Flyttad');
		const a = await proc('a');
		const b = await proc('b');
		await sleep(300); // each heartbeat has seen the other
		const [roomA, roomB] = await Promise.all([a, b].map((p) => Room.open(p.store, id, () => {}, { awarenessEveryMs: 10, log: p.log })));
		const tab = new awarenessProtocol.Awareness(new Y.Doc());
		const X = tab.clientID;
		const entries = () => readAwareness(awarenessProtocol.encodeAwarenessUpdate(tab, [X]));
		const onB = () => roomB!.awareness.getStates().get(X) as { field?: string } | undefined;
		const onA = connection();
		roomA!.add(onA);
		tab.setLocalStateField('field', 'funder');
		roomA!.applyAwareness(onA, entries());
		await until(() => onB()?.field === 'funder', 5000, "B to hear A's client");
		// B holds a state another process shared: it never shares it on as its own.
		const sharedByB = b.announcer.published.filter((x) => x.awareness).flatMap((x) => readAwareness(x.update));
		expect(sharedByB.map((e) => e.clientId)).not.toContain(X);

		// A is dying and says nothing more; the tab reconnects to B and moves on.
		a.announcer.cut = true;
		const moved = connection();
		roomB!.add(moved);
		tab.setLocalStateField('field', 'summary');
		roomB!.applyAwareness(moved, entries());
		expect(onB()?.field).toBe('summary');
		// A's removal of the tab's old connection, with the same clock, arrives late.
		const fromA: Announcement[] = [];
		const unhear = b.announcer.inner.subscribe((x) => void (x.awareness && fromA.push(x)));
		a.announcer.cut = false;
		roomA!.remove(onA);
		await until(() => fromA.length > 0, 5000, "B to hear A's removal");
		unhear();
		expect(onB()?.field).toBe('summary');
		// Then A's heartbeat stops: what A shared is over, but the tab is B's now.
		await a.announcer.inner.close();
		a.announcer.inner.close = async () => {};
		await until(() => b.logs.some((l) => l.includes('gone')), 5000, "B to see A's end");
		expect(onB()?.field).toBe('summary');
		roomB!.remove(moved);
		tab.destroy();
	});

	it('seeds from the records row and mirrors the document back into it (draft, title, review state)', async () => {
		const id = await newRecord('Speglad');
		await admin.update(records).set({ status: 'approved', approvedVersion: 1 }).where(eq(records.id, id));
		const a = await proc('a');
		const sa = (await a.store.open(id))!;
		expect(docToRecord(sa.doc).title).toBe('Speglad');
		// An edit of an approved record opens a new draft, in the document and then in the row.
		sa.transact(ada, (d) => {
			type(d, 'funder', 'Vinnova');
			applyTextDiff(fieldText(d, 'title')!, 'Speglad igen');
		});
		await sa.persisted();
		const row = async () => (await admin.select().from(records).where(eq(records.id, id)))[0];
		for (let i = 0; i < 250 && (await row()).status !== 'draft'; i++) await sleep(20);
		expect(await row()).toMatchObject({ status: 'draft', title: 'Speglad igen', draft: { funder: 'Vinnova', title: 'Speglad igen' } });
		sa.close();
	});
});
