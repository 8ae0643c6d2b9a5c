/**
 * The document store: the one owner of the live Y.Docs in this process. The sync
 * socket, approve, restore and ingest all change a record's document through it, so
 * there is one place where an update is stored and then announced.
 *
 * The store is generic: it knows Y.Docs, the log behind them (persistence.ts), the queue
 * and what to do when storing fails. What a record document must hold, its first state,
 * who changed what and the records row it mirrors are the record extensions'
 * (extension.ts; records/live/).
 *
 * An update is appended to the log before anyone hears of it: each document has a
 * queue, and listeners are called from it only after the append resolved. If an append
 * fails, the in-memory document is thrown away and every listener is told; clients
 * reconnect, sync against what was stored, and send back what was lost.
 *
 * A log that can lose appends it had committed (PostgreSQL without the disk wait, in a
 * crash) gets them back from this process, not from clients: what a client saw holds the
 * server's own writes ("changed by"), which the gate refuses from clients, and a client
 * cannot prove that the server wrote them. So the state of a document dropped after a
 * failed append is kept (`held`) and, if the database restarted since its log was read,
 * stored before the record loads here again; and a live
 * copy whose log was read before the database last started is stored again whole
 * (restoreLost, with every catch-up pass). The state is the server's own: it holds only
 * what passed the gate.
 *
 * Several processes may share one log (PostgreSQL): each announces what it stored to the
 * others (announcer.ts over Redis), applies what it hears with REMOTE_ORIGIN (sent to its
 * sockets, never stored again), and, since Redis may drop messages, compares the rows
 * stored now with the ones its live copy holds (on the announcer's catch-up signal and
 * every catchUpEveryMs) and applies those it missed. Yjs updates apply idempotently, so an
 * update both heard and read changes nothing the second time.
 */
import { randomUUID } from 'node:crypto';
import * as random from 'lib0/random';
import * as Y from 'yjs';
import type { Announcement, Announcer } from './announcer';
import { checkUpdate, MalformedUpdateError } from './check-update';
import type { DocExtension, LoadContext } from './extension';
import { REMOTE_ORIGIN, STORE_ORIGIN, UpdateOrigin } from './origins';
import type { DocPersistence, SharedLog, StoredDoc } from './persistence';

export { MalformedUpdateError };

/**
 * Forgets the parts of updates that wait for changes the server does not have. An honest
 * client never sends those except in a race on reconnect, and its sync step 2 right after
 * brings them again with what they wait for. Kept, they would linger outside the log, and
 * Yjs folds them into every encoded state with Y.mergeUpdates, which can drop structs.
 */
function dropPending(doc: Y.Doc): void {
	doc.store.pendingStructs = null;
	doc.store.pendingDs = null;
}

/** Whether Yjs holds parts of updates back until the changes they build on arrive. */
const waiting = (doc: Y.Doc): boolean => doc.store.pendingStructs !== null || doc.store.pendingDs !== null;

/** Why a live document went away under its listeners. */
export type DocFailure = 'record-gone' | 'store-failed';

export interface DocListener {
	/** An update, already stored, from any origin (also the listener's own). */
	update?(update: Uint8Array, origin: unknown): void;
	failed?(reason: DocFailure): void;
	/** Presence another process shared (DocSession.shareAwareness), tagged with that process. */
	awareness?(update: Uint8Array, source: string): void;
	/** That process is gone (its heartbeat stopped): the presence it shared is over. */
	sourceGone?(source: string): void;
	/** Another process started serving the record: share the presence of this session's connections with it now. */
	presenceWanted?(): void;
}

export interface DocSession {
	readonly recordId: string;
	/** Read it freely; change it only through apply() and transact(). */
	readonly doc: Y.Doc;
	/**
	 * Applies an update received from a client. Throws MalformedUpdateError for bytes that are
	 * not a Yjs update, or what an extension's beforeApply throws (RefusedUpdateError for a
	 * record); either way nothing of it is applied.
	 */
	apply(update: Uint8Array, origin: UpdateOrigin): void;
	transact(origin: UpdateOrigin, change: (doc: Y.Doc) => void): void;
	/**
	 * Tells the other processes of an awareness change of this process's connections (an
	 * awareness update); absent when no other process serves the record.
	 */
	readonly shareAwareness?: (update: Uint8Array) => void;
	/** Counts a person as present on the record until the returned function is called. */
	join(userId: string): () => void;
	/** Resolves once everything applied so far is stored (and announced). */
	persisted(): Promise<void>;
	close(): void;
}

export interface DocStoreOptions<View extends object = object> {
	persistence: DocPersistence;
	/** The rules of the documents (for records: recordExtensions()); hooks run in this order. */
	extensions?: DocExtension[];
	announcer?: Announcer;
	/** Fold a document's log into one row after this many appended updates. */
	compactAfter?: number;
	/** Unload a document this long after its last session closed (compacting it). */
	idleUnloadMs?: number;
	/**
	 * At most one call of the extensions' project hooks per document per this interval. The
	 * lists can lag a few seconds; writing the records row on every keystroke of 50 busy
	 * records would cost more than storing the keystrokes themselves.
	 */
	projectEveryMs?: number;
	/** With a shared log: how often loaded documents are compared with the stored rows (messages lost without a catch-up signal). */
	catchUpEveryMs?: number;
	/** How long a load waits for the announcer to follow the document (Redis away) before it serves from the stored log alone. */
	followTimeoutMs?: number;
	log?: (line: string) => void;
	/** What snapshot() reads from a document. */
	view?: (doc: Y.Doc) => View;
}

interface Session extends DocSession {
	listener: DocListener;
}

class LiveDoc {
	readonly doc = new Y.Doc();
	readonly sessions = new Set<Session>();
	readonly presence = new Map<string, number>();
	/** The append-then-announce queue; every step runs after the one before. */
	tail: Promise<void> = Promise.resolve();
	/** Steps in the queue not yet done: while there are none, an update stored at once is announced at once. */
	queued = 0;
	failed = false;
	unloaded = false;
	/** Rows in the log for this record, and the newest row's id. */
	logLength: number;
	lastId: number;
	/** With a shared log: the ids of the stored rows this live copy holds. */
	seen: Set<number> | null = null;
	compactQueued = false;
	projectionDirty = false;
	/** Whether the announcer was told this store serves the document (at its first session). */
	greeted = false;
	projectTimer: ReturnType<typeof setTimeout> | null = null;
	idleTimer: ReturnType<typeof setTimeout> | null = null;
	/** While a change and what the afterChange hooks add to it are made: their updates, to be stored and sent as one. */
	collected: { update: Uint8Array; origin: unknown }[] | null = null;
	detach: () => void = () => {};

	constructor(
		readonly id: string,
		logLength: number,
		lastId: number
	) {
		this.logLength = logLength;
		this.lastId = lastId;
	}
}

const STORE_FAILED = 'could not store an update of';

/** View: what snapshot() reads from a document (for records: readRecordDoc). */
export class DocStore<View extends object = object> {
	private readonly docs = new Map<string, Promise<LiveDoc | null>>();
	private readonly loadedDocs = new Map<string, LiveDoc>();
	private readonly unloading = new Map<string, Promise<void>>();
	/** Per record: the state of its live copy dropped after a failed append, until the log has it again (restore()). */
	private readonly held = new Map<string, Uint8Array>();
	private readonly storingHeld = new Map<string, Promise<void>>();
	private readonly source = randomUUID();
	private readonly persistence: DocPersistence;
	private readonly announcer?: Announcer;
	private readonly compactAfter: number;
	private readonly idleUnloadMs: number;
	private readonly projectEveryMs: number;
	private readonly followTimeoutMs: number;
	private readonly log: (line: string) => void;
	private readonly view: (doc: Y.Doc) => View;
	private readonly onLoad: DocExtension[];
	private readonly beforeApply: DocExtension[];
	private readonly afterChange: DocExtension[];
	private readonly projectors: DocExtension[];
	private readonly unsubscribe: () => void;
	private readonly shared?: SharedLog;
	/** Announcements for documents being loaded, applied with their stored rows. */
	private readonly early = new Map<string, Announcement[]>();
	private catchingUp: Promise<void> | null = null;
	private catchUpAgain = false;
	private readonly catchUpTimer: ReturnType<typeof setInterval> | null = null;
	private closed = false;

	constructor(opts: DocStoreOptions<View>) {
		this.persistence = opts.persistence;
		this.announcer = opts.announcer;
		this.compactAfter = opts.compactAfter ?? 500;
		this.idleUnloadMs = opts.idleUnloadMs ?? 60_000;
		this.projectEveryMs = opts.projectEveryMs ?? 5_000;
		this.followTimeoutMs = opts.followTimeoutMs ?? 2_000;
		this.log = opts.log ?? ((line) => console.error(line));
		this.view = opts.view ?? (() => ({}) as View);
		const extensions = opts.extensions ?? [];
		this.onLoad = extensions.filter((e) => e.onLoadDocument);
		this.beforeApply = extensions.filter((e) => e.beforeApply);
		this.afterChange = extensions.filter((e) => e.afterChange);
		this.projectors = extensions.filter((e) => e.project);
		this.shared = opts.persistence.shared;
		const unsubscribe = this.announcer?.subscribe((a) => this.onAnnouncement(a)) ?? (() => {});
		const onCatchUp = (gone?: string) => {
			void this.catchUp();
			if (gone)
				for (const live of this.loadedDocs.values()) for (const s of live.sessions) this.notify(live, () => s.listener.sourceGone?.(gone));
		};
		const unhearCatchUp = this.shared ? (this.announcer?.onCatchUp?.(onCatchUp) ?? (() => {})) : () => {};
		this.unsubscribe = () => {
			unsubscribe();
			unhearCatchUp();
		};
		if (this.shared) {
			this.catchUpTimer = setInterval(() => void this.catchUp(), opts.catchUpEveryMs ?? 10_000);
			this.catchUpTimer.unref?.();
		}
	}

	/** A session on the record's live document, loading it if needed; null when there is no such record. */
	async open(recordId: string, listener: DocListener = {}): Promise<DocSession | null> {
		for (;;) {
			if (this.closed) throw new Error('the document store is closed');
			const live = await this.live(recordId);
			if (!live) return null;
			if (live.failed || live.unloaded) continue;
			return this.session(live, listener);
		}
	}

	/** A change made on the server (approve, restore), stored before this resolves; false when there is no such record. */
	async edit(recordId: string, origin: UpdateOrigin, change: (doc: Y.Doc) => void): Promise<boolean> {
		const s = await this.open(recordId);
		if (!s) return false;
		try {
			s.transact(origin, change);
			await s.persisted();
			return true;
		} finally {
			s.close();
		}
	}

	/** The document read as `view` reads it, once all applied so far is stored, with the encoded state (for a client to start from) and its state vector (what an approval covers). */
	async snapshot(recordId: string): Promise<(View & { state: Uint8Array; stateVector: Uint8Array }) | null> {
		const s = await this.open(recordId);
		if (!s) return null;
		try {
			await s.persisted();
			return { ...this.view(s.doc), state: Y.encodeStateAsUpdate(s.doc), stateVector: Y.encodeStateVector(s.doc) };
		} finally {
			s.close();
		}
	}

	/** Live documents held in memory now (for monitoring and the soak test). */
	get loadedCount(): number {
		return this.loadedDocs.size;
	}

	/** How many different people are on each record now. */
	presence(): Map<string, number> {
		const out = new Map<string, number>();
		for (const live of this.loadedDocs.values()) if (live.presence.size) out.set(live.id, live.presence.size);
		return out;
	}

	/** Stores every pending update, projection and compaction, and unloads every document. */
	async close(): Promise<void> {
		this.closed = true;
		this.unsubscribe();
		if (this.catchUpTimer) clearInterval(this.catchUpTimer);
		await this.catchingUp;
		await Promise.allSettled(this.docs.values());
		await Promise.all([...this.loadedDocs.values()].map((live) => this.unload(live)));
		await Promise.all(this.unloading.values());
	}

	private live(recordId: string): Promise<LiveDoc | null> {
		let p = this.docs.get(recordId);
		if (!p) {
			p = this.load(recordId);
			this.docs.set(recordId, p);
			const forget = () => {
				if (this.docs.get(recordId) === p) this.docs.delete(recordId);
			};
			p.then((live) => live ?? forget(), forget);
		}
		return p;
	}

	private async load(recordId: string): Promise<LiveDoc | null> {
		await this.unloading.get(recordId);
		// Before the log is read: its clients are about to sync against it.
		await this.storeHeld(recordId).catch(async (err: unknown) => {
			// With the database there, the state itself is what it refuses: the record must still load.
			if (
				!(await this.persistence.exists(recordId).then(
					() => true,
					() => false
				))
			)
				throw err;
			this.held.delete(recordId);
			this.log(`samla: could not store record ${recordId}'s dropped document again; loading it from the log: ${(err as Error).message}`);
		});
		const found = await this.loadStored(recordId);
		if (!found) return null;
		let live: LiveDoc | null = null;
		try {
			const stored = found.updates.length || !this.persistence.seed ? found : await this.seedFirst(recordId, found);
			if (!stored) {
				this.early.delete(recordId);
				this.announcer?.unfollow?.(recordId);
				return null;
			}
			live = new LiveDoc(recordId, stored.updates.length, stored.lastId);
			const early = this.early.get(recordId) ?? [];
			this.early.delete(recordId);
			if (this.shared) live.seen = new Set(stored.ids);
			const doc = live.doc;
			// One by one, in one transaction: Y.mergeUpdates drops structs from some updates a
			// hostile client can get accepted, and the log must load into exactly what was live.
			const heard = early.filter((a) => !a.welcome);
			doc.transact(() => {
				for (const u of stored.updates) Y.applyUpdate(doc, u);
				for (const a of heard) Y.applyUpdate(doc, a.update, REMOTE_ORIGIN);
			});
			// A welcome during the load may answer for an update stored after the log was read.
			const readAgain = waiting(doc) || heard.length < early.length;
			if (!waiting(doc)) for (const a of heard) if (a.id !== undefined) live.seen?.add(a.id);
			this.attach(live);
			this.loadedDocs.set(recordId, live);
			if (readAgain) void this.catchUp();
			const loaded = live;
			const ctx: LoadContext = {
				name: recordId,
				doc,
				empty: stored.updates.length === 0,
				compactSoon: () => {
					if (loaded.compactQueued) return;
					loaded.compactQueued = true;
					this.queue(loaded, () => this.compact(loaded));
				},
				projectSoon: () => {
					loaded.projectionDirty = true;
					this.scheduleProjection(loaded);
				}
			};
			for (const e of this.onLoad) await e.onLoadDocument!(ctx);
		} catch (err) {
			// Whatever failed (the seed, a stored row Yjs refused, a hook), the record is no longer followed.
			this.early.delete(recordId);
			if (live && this.loadedDocs.get(recordId) === live) this.discard(live);
			else this.announcer?.unfollow?.(recordId);
			live?.doc.destroy();
			throw err;
		}
		await live.tail;
		if (live.failed) throw new Error(`could not store the first state of record ${recordId}`);
		return live;
	}

	/**
	 * With a shared log, the first state is the one whichever process stores it first wrote:
	 * two processes each giving a new document its own would each make every field a Y.Text
	 * of their own, one of which Yjs drops, with what a client typed into it. The hooks write
	 * it into a document of its own, the log keeps it only if it is still empty, and the load
	 * goes on from what the log holds then.
	 */
	private async seedFirst(recordId: string, found: StoredDoc): Promise<StoredDoc | null> {
		const doc = new Y.Doc();
		try {
			const ctx: LoadContext = { name: recordId, doc, empty: true, compactSoon: () => {}, projectSoon: () => {} };
			for (const e of this.onLoad) await e.onLoadDocument!(ctx);
			return doc.store.clients.size ? await this.persistence.seed!(recordId, Y.encodeStateAsUpdate(doc)) : found;
		} finally {
			doc.destroy();
		}
	}

	/**
	 * The stored log; with an announcer that delivers per record, followed first, so that an
	 * update stored after the read is heard (kept in `early` until the document is live).
	 */
	private async loadStored(recordId: string) {
		if (!this.announcer?.follow) return this.persistence.load(recordId);
		this.early.set(recordId, []);
		let stored: Awaited<ReturnType<DocPersistence['load']>> = null;
		try {
			// Without Redis the document still serves, after a short wait at most: the announcer
			// subscribes again once Redis is back and signals a catch-up, and the periodic one
			// brings what was missed meanwhile.
			let timer: ReturnType<typeof setTimeout> | undefined;
			const waited = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), this.followTimeoutMs)));
			const followed = await Promise.race([this.announcer.follow(recordId), waited])
				.catch((err: unknown) => this.log(`samla: could not follow record ${recordId}: ${(err as Error).message}`))
				.finally(() => clearTimeout(timer));
			if (followed === 'timeout') this.log(`samla: record ${recordId} not followed yet (Redis away?); serving it from the stored log`);
			stored = await this.persistence.load(recordId);
			return stored;
		} finally {
			if (!stored) {
				this.early.delete(recordId);
				this.announcer.unfollow?.(recordId);
			}
		}
	}

	private attach(live: LiveDoc): void {
		const onUpdate = (update: Uint8Array, origin: unknown) =>
			live.collected ? live.collected.push({ update, origin }) : this.enqueue(live, update, origin);
		live.doc.on('update', onUpdate);
		live.detach = () => live.doc.off('update', onUpdate);
	}

	private enqueue(live: LiveDoc, update: Uint8Array, origin: unknown): void {
		live.projectionDirty = true;
		let stored: number | Promise<number> | null = null;
		if (origin !== REMOTE_ORIGIN) {
			try {
				stored = this.persistence.append(live.id, update);
			} catch (err) {
				void this.fail(live, err);
				return;
			}
		}
		if (stored instanceof Promise) {
			// The append is under way (started now, so a burst is stored together); the update
			// is announced after it, and after everything queued before it.
			stored.catch(() => {}); // handled in the step; this only keeps it from counting as unhandled meanwhile
			const pending = stored;
			this.queue(live, async () => {
				const id = await pending;
				this.counted(live, id);
				this.announce(live, update, origin, id);
			});
			return;
		}
		if (stored !== null) this.counted(live, stored);
		const id = stored ?? undefined;
		// Stored already and nothing ahead of it: announce it now, as a server without a store
		// would send it on, with no promise or later turn in between.
		if (live.queued === 0) this.announce(live, update, origin, id);
		else this.queue(live, () => this.announce(live, update, origin, id));
	}

	/**
	 * Counts a stored row toward the next compaction, which folds everything up to the newest
	 * row: a compaction queued while updates were stored at once covers those too, as the
	 * state it writes already holds them.
	 */
	private counted(live: LiveDoc, id: number): void {
		live.lastId = Math.max(live.lastId, id);
		live.logLength++;
		live.seen?.add(id);
	}

	/** Runs a step after every step queued before it; a step that fails drops the live document. */
	private queue(live: LiveDoc, step: () => Promise<void> | void): void {
		live.queued++;
		live.tail = live.tail
			.then(() => (live.failed ? undefined : step()))
			.catch((err: unknown) => this.fail(live, err))
			.finally(() => {
				live.queued--;
			});
	}

	/** Tells everyone of a stored update (and other processes, unless it came from one), `id` its row. */
	private announce(live: LiveDoc, update: Uint8Array, origin: unknown, id?: number): void {
		if (live.failed) return;
		if (origin !== REMOTE_ORIGIN) this.announcer?.publish({ recordId: live.id, update, source: this.source, id });
		for (const s of live.sessions) this.notify(live, () => s.listener.update?.(update, origin));
		this.scheduleProjection(live);
		if (live.logLength >= this.compactAfter && !live.compactQueued) {
			live.compactQueued = true;
			this.queue(live, () => this.compact(live));
		}
	}

	private async compact(live: LiveDoc): Promise<void> {
		live.compactQueued = false;
		if (live.failed || live.logLength <= 1) return;
		live.lastId = await this.persistence.compact(live.id, Y.encodeStateAsUpdate(live.doc), live.lastId);
		live.logLength = 1;
	}

	private scheduleProjection(live: LiveDoc): void {
		if (live.projectTimer || live.unloaded) return;
		live.projectTimer = setTimeout(() => {
			live.projectTimer = null;
			void this.project(live);
		}, this.projectEveryMs);
		live.projectTimer.unref?.();
	}

	private async project(live: LiveDoc): Promise<void> {
		if (!live.projectionDirty || live.failed) return;
		live.projectionDirty = false;
		const ctx = { name: live.id, doc: live.doc };
		for (const e of this.projectors) {
			try {
				await e.project!(ctx);
			} catch (err) {
				// The log is the truth; a missed projection is redone with the next change.
				live.projectionDirty = true;
				this.log(`samla: ${e.name} could not mirror record ${live.id}: ${(err as Error).message}`);
			}
		}
	}

	private async fail(live: LiveDoc, err: unknown, what = STORE_FAILED): Promise<void> {
		if (live.failed) return;
		live.failed = true;
		this.log(`samla: ${what} record ${live.id}; dropping its live document: ${(err as Error).message}`);
		this.discard(live);
		// Not after a failed apply: Yjs may have integrated half an update no gate let through.
		if (what === STORE_FAILED && this.persistence.restore) {
			this.held.set(live.id, Y.encodeStateAsUpdate(live.doc));
			void this.storeHeld(live.id).catch(() => {}); // PostgreSQL may be back already; if not, the catch-up passes and the next load try again
		}
		const reason: DocFailure = (await this.persistence.exists(live.id).catch(() => true)) ? 'store-failed' : 'record-gone';
		for (const s of [...live.sessions]) this.notify(live, () => s.listener.failed?.(reason));
		live.sessions.clear();
		live.presence.clear();
		live.doc.destroy();
	}

	/** One listener's mistake must not stop the others hearing, nor fail the document. */
	private notify(live: LiveDoc, call: () => void): void {
		try {
			call();
		} catch (err) {
			this.log(`samla: a listener of record ${live.id} failed: ${(err as Error).message}`);
		}
	}

	/** Takes the document out of service; a later open() loads it afresh from the log. */
	private discard(live: LiveDoc): void {
		live.unloaded = true;
		if (live.projectTimer) clearTimeout(live.projectTimer);
		if (live.idleTimer) clearTimeout(live.idleTimer);
		if (this.loadedDocs.get(live.id) === live) {
			this.loadedDocs.delete(live.id);
			this.docs.delete(live.id);
			this.announcer?.unfollow?.(live.id);
		}
		live.detach();
	}

	private unload(live: LiveDoc): Promise<void> {
		if (live.unloaded) return this.unloading.get(live.id) ?? Promise.resolve();
		this.discard(live);
		const done = (async () => {
			await live.tail;
			if (!live.failed) {
				await this.project(live);
				const compacted = await this.compact(live).then(
					() => true,
					(err: unknown) => {
						this.log(`samla: could not compact record ${live.id}: ${(err as Error).message}`);
						// The database may be away, after losing what this copy holds.
						if (this.persistence.restore) this.held.set(live.id, Y.encodeStateAsUpdate(live.doc));
						return false;
					}
				);
				// Before `done` resolves: a new load of the record waits for it, so this forgets nothing of the next.
				if (compacted) this.persistence.forget?.(live.id);
			}
			live.doc.destroy();
		})();
		this.unloading.set(live.id, done);
		void done.finally(() => {
			if (this.unloading.get(live.id) === done) this.unloading.delete(live.id);
		});
		return done;
	}

	private session(live: LiveDoc, listener: DocListener): Session {
		if (live.idleTimer) {
			clearTimeout(live.idleTimer);
			live.idleTimer = null;
		}
		const usable = () => {
			if (live.failed || live.unloaded) throw new Error(`the live document of ${live.id} is gone`);
		};
		const session: Session = {
			recordId: live.id,
			doc: live.doc,
			listener,
			apply: (update, origin) => {
				usable();
				const decoded = checkUpdate(update, live.doc);
				if (this.beforeApply.length) {
					const ctx = { name: live.id, doc: live.doc, update, decoded, origin };
					for (const e of this.beforeApply) e.beforeApply!(ctx);
				}
				try {
					this.change(live, origin, () => Y.applyUpdate(live.doc, update, origin));
					dropPending(live.doc);
				} catch (err) {
					// Yjs gave up half way: the live document may now hold what the log does not.
					// Reload it from the log (listeners resync) rather than serve a copy that differs.
					void this.fail(live, err, 'could not apply an update to');
					throw new MalformedUpdateError(`the update could not be applied: ${(err as Error).message}`);
				}
			},
			transact: (origin, change) => {
				usable();
				this.change(live, origin, () => live.doc.transact(() => change(live.doc), origin));
			},
			shareAwareness: this.announcer?.follow
				? (update) => {
						if (!live.unloaded) this.announcer!.publish({ recordId: live.id, update, source: this.source, awareness: true });
					}
				: undefined,
			join: (userId) => {
				live.presence.set(userId, (live.presence.get(userId) ?? 0) + 1);
				let left = false;
				return () => {
					if (left) return;
					left = true;
					const n = (live.presence.get(userId) ?? 1) - 1;
					if (n > 0) live.presence.set(userId, n);
					else live.presence.delete(userId);
				};
			},
			persisted: async () => {
				// Steps queued while waiting (a compaction, a stamp) count too.
				for (let t = live.tail; ; t = live.tail) {
					await t;
					if (t === live.tail) return;
				}
			},
			close: () => {
				if (!live.sessions.delete(session) || live.unloaded) return;
				if (live.sessions.size === 0) {
					live.idleTimer = setTimeout(() => void this.unload(live), this.idleUnloadMs);
					live.idleTimer.unref?.();
				}
			}
		};
		live.sessions.add(session);
		// With the first session, not at the load: presence the others share in answer must find its listener.
		if (!live.greeted) {
			live.greeted = true;
			this.announcer?.serving?.(live.id);
		}
		return session;
	}

	/**
	 * Runs a change and, for a person's change, the extensions' afterChange hooks (a record
	 * stamps who changed which field) in one transaction: its update, Yjs's own encoding of
	 * all it integrated, is stored and sent as one. Every editor sees the edit and who made it
	 * together, and a keystroke costs one transaction, one message and one row; the stamp of
	 * a field is most of the cost of a keystroke when made and merged apart. An update the
	 * hooks added to also goes back to its sender, who has the edit but not the stamp.
	 *
	 * The transaction is made a local one: in a remote one (Y.applyUpdate's own), Yjs takes
	 * the server's writes for a clash of client ids and picks a new id each time. The clash
	 * that check is for, a client's update writing with the document's client id, is checked
	 * here instead, before the hooks write.
	 */
	private change(live: LiveDoc, origin: UpdateOrigin, run: () => void): void {
		const collected: NonNullable<LiveDoc['collected']> = [];
		live.collected = collected;
		const { doc } = live;
		let hooksWrote = false;
		try {
			if (origin.actor && this.afterChange.length) {
				doc.transact((transaction) => {
					const ours = Y.getState(doc.store, doc.clientID);
					run();
					// Y.applyUpdate marks the transaction remote, for the clash check at its end.
					if (Y.getState(doc.store, doc.clientID) !== ours) doc.clientID = random.uint32();
					transaction.local = true;
					const before = Y.getState(doc.store, doc.clientID);
					const ctx = { name: live.id, doc, origin, transactions: [transaction] };
					for (const e of this.afterChange) e.afterChange!(ctx);
					hooksWrote = Y.getState(doc.store, doc.clientID) !== before;
				}, origin);
			} else run();
		} finally {
			live.collected = null;
			if (collected.length === 1) this.enqueue(live, collected[0].update, hooksWrote ? STORE_ORIGIN : collected[0].origin);
			else if (collected.length > 1) this.enqueue(live, Y.mergeUpdates(collected.map((c) => c.update)), STORE_ORIGIN);
		}
	}

	private onAnnouncement(a: Announcement): void {
		if (a.source === this.source) return;
		const live = this.loadedDocs.get(a.recordId);
		if (a.awareness) {
			if (live) for (const s of live.sessions) this.notify(live, () => s.listener.awareness?.(a.update, a.source));
		} else if (a.joined) {
			if (live) for (const s of live.sessions) this.notify(live, () => s.listener.presenceWanted?.());
		} else if (!live) this.early.get(a.recordId)?.push(a);
		else if (a.welcome) void this.catchUp();
		else if (!live.failed) {
			this.applyRemote(live, [a.update]);
			// Its row need not be read back by the next catch-up, unless Yjs keeps it waiting
			// for an update this process never heard: a client's next update drops what waits
			// (dropPending), so the row is read back, with the one it waits for, now.
			if (waiting(live.doc)) void this.catchUp();
			else if (a.id !== undefined) live.seen?.add(a.id);
		}
	}

	/** Updates another process stored: sent to this process's sockets, not stored again. */
	private applyRemote(live: LiveDoc, updates: Uint8Array[]): void {
		try {
			live.doc.transact(() => {
				for (const u of updates) Y.applyUpdate(live.doc, u, REMOTE_ORIGIN);
			}, REMOTE_ORIGIN);
		} catch (err) {
			void this.fail(live, err, 'could not apply what another process stored to');
		}
	}

	/**
	 * With a shared log: reads the rows of loaded documents that their live copies do not
	 * hold (another process stored them and its announcement was lost) and applies them. One
	 * pass at a time; a call during a pass asks for one more after it.
	 */
	catchUp(): Promise<void> {
		if (this.catchingUp) {
			this.catchUpAgain = true;
			return this.catchingUp;
		}
		const pass = async () => {
			do {
				this.catchUpAgain = false;
				await this.catchUpPass().catch((err: unknown) =>
					this.log(`samla: could not catch up with the stored log: ${(err as Error).message}`)
				);
			} while (this.catchUpAgain && !this.closed);
		};
		this.catchingUp = pass().finally(() => (this.catchingUp = null));
		return this.catchingUp;
	}

	private async catchUpPass(): Promise<void> {
		const shared = this.shared;
		const loaded = [...this.loadedDocs.values()];
		await this.restoreLost(loaded);
		if (!shared || !loaded.length) return;
		// Rows held before the query: one of them it does not list was folded away. A row heard
		// meanwhile may have a smaller id than those it lists, committed after it ran.
		const held = new Map(loaded.map((l) => [l, [...l.seen!]]));
		const stored = await shared.storedIds(loaded.map((l) => l.id));
		await Promise.all(
			loaded.map(async (live) => {
				const ids = stored.get(live.id) ?? [];
				const seen = live.seen!;
				const missing = ids.filter((id) => !seen.has(id));
				if (missing.length) {
					const updates = await shared.read(live.id, missing);
					if (live.failed || live.unloaded) return;
					this.applyRemote(live, updates);
					for (const id of missing) seen.add(id);
				}
				const present = new Set(ids);
				for (const id of held.get(live)!) if (!present.has(id)) seen.delete(id);
			})
		);
	}

	/** Stores the record's held state, if any, once at a time; throws while the log cannot take it. */
	private storeHeld(recordId: string): Promise<void> {
		const state = this.held.get(recordId);
		if (!state) return this.storingHeld.get(recordId) ?? Promise.resolve();
		const before = this.storingHeld.get(recordId) ?? Promise.resolve();
		const storing = before
			.catch(() => {})
			.then(async () => {
				if (this.held.get(recordId) !== state) return;
				try {
					await this.persistence.restore!(recordId, state);
				} catch (err) {
					// A record deleted meanwhile has no log to store it in.
					if (!(await this.persistence.exists(recordId).catch(() => true))) this.held.delete(recordId);
					throw err;
				}
				if (this.held.get(recordId) === state) this.held.delete(recordId);
			})
			.finally(() => {
				if (this.storingHeld.get(recordId) === storing) this.storingHeld.delete(recordId);
			});
		this.storingHeld.set(recordId, storing);
		return storing;
	}

	/** What a log that lost appends may lack: the held states, and the live copies of logs read before the database last started. */
	private async restoreLost(loaded: LiveDoc[]): Promise<void> {
		const persistence = this.persistence;
		if (!persistence.restore) return;
		const held = await Promise.allSettled([...this.held.keys()].map((id) => this.storeHeld(id)));
		for (const r of held)
			if (r.status === 'rejected') this.log(`samla: could not store a dropped document again: ${(r.reason as Error).message}`);
		if (!loaded.length || !persistence.readBeforeRestart) return;
		const stale = new Set(await persistence.readBeforeRestart(loaded.map((l) => l.id)));
		for (const live of loaded) {
			if (!stale.has(live.id) || live.failed || live.unloaded) continue;
			const id = await persistence.restore(live.id, Y.encodeStateAsUpdate(live.doc));
			if (id === null) continue;
			this.counted(live, id);
			this.log(`samla: stored record ${live.id}'s live document again: the database restarted since its log was read`);
		}
	}
}
