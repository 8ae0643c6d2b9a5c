/**
 * The document store: the one owner of the live Y.Docs in this process. The sync
 * socket, approve, restore and ingest all change a record's document through it, so
 * there is one place where an update is stored and then announced.
 *
 * An update is appended to the log before anyone hears of it: each document has a
 * queue, and listeners are called from it only after the append resolved. If an append
 * fails, the in-memory document is thrown away and every listener is told; clients
 * reconnect, sync against what was stored, and send back what was lost.
 */
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import * as Y from 'yjs';
import type { FieldKey } from '../../records/fields';
import { stateAfterEdit, type ReviewState } from '../../records/review';
import {
	changedByOf,
	dropForeign,
	ensureLayout,
	initRecordDoc,
	readRecordDoc,
	readReview,
	setChangedBy,
	setReviewState,
	touchedFields,
	type RecordDocState
} from '../../records/ydoc';
import type { Announcement, Announcer } from './announcer';
import { checkUpdate, MalformedUpdateError } from './check-update';
import { checkRecordUpdate, RefusedUpdateError } from './record-schema';
import { REMOTE_ORIGIN, STORE_ORIGIN, UpdateOrigin, type Actor } from './origins';
import type { DocPersistence } from './persistence';

export { MalformedUpdateError, RefusedUpdateError };

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

/** Why a live document went away under its listeners. */
export type DocFailure = 'record-gone' | 'store-failed';

export interface DocListener {
	/** An update, already stored, from any origin (also the listener's own). */
	update?(update: Uint8Array, origin: unknown): void;
	failed?(reason: DocFailure): void;
}

export interface DocSession {
	readonly recordId: string;
	/** Read it freely; change it only through apply() and transact(). */
	readonly doc: Y.Doc;
	/**
	 * Applies an update received from a client. Throws MalformedUpdateError for bytes that are
	 * not a Yjs update, RefusedUpdateError for one the record's schema or the origin's rights
	 * do not allow; either way nothing of it is applied.
	 */
	apply(update: Uint8Array, origin: UpdateOrigin): void;
	transact(origin: UpdateOrigin, change: (doc: Y.Doc) => void): void;
	/** Counts a person as present on the record until the returned function is called. */
	join(userId: string): () => void;
	/** Resolves once everything applied so far is stored (and announced). */
	persisted(): Promise<void>;
	close(): void;
}

export interface DocStoreOptions {
	persistence: DocPersistence;
	announcer?: Announcer;
	/** Fold a document's log into one row after this many appended updates. */
	compactAfter?: number;
	/** Unload a document this long after its last session closed (compacting it). */
	idleUnloadMs?: number;
	/**
	 * At most one write of the records-table projection per document per this interval. The
	 * lists can lag a few seconds; writing it on every keystroke of 50 busy records would
	 * cost more than storing the keystrokes themselves.
	 */
	projectEveryMs?: number;
	now?: () => Date;
	log?: (line: string) => void;
	/** Told of the fields a person's change touched, after it is applied (a record rule, such as clearing stale provenance). */
	onPersonChange?: (recordId: string, origin: UpdateOrigin, fields: FieldKey[]) => void;
	/** Told after the records-row projection of a document was written (lists showing the row may reload it). */
	onProjected?: (recordId: string) => void;
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
	compactQueued = false;
	projectionDirty = false;
	/** The review state the records row was last given from this document. */
	projectedReview: ReviewState | null = null;
	projectTimer: ReturnType<typeof setTimeout> | null = null;
	idleTimer: ReturnType<typeof setTimeout> | null = null;
	/** While a person's change and its stamp are made: their updates, to be stored and sent as one. */
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

export class DocStore {
	private readonly docs = new Map<string, Promise<LiveDoc | null>>();
	private readonly loadedDocs = new Map<string, LiveDoc>();
	private readonly unloading = new Map<string, Promise<void>>();
	private readonly source = randomUUID();
	private readonly persistence: DocPersistence;
	private readonly announcer?: Announcer;
	private readonly compactAfter: number;
	private readonly idleUnloadMs: number;
	private readonly projectEveryMs: number;
	private readonly now: () => Date;
	private readonly log: (line: string) => void;
	private readonly onPersonChange?: DocStoreOptions['onPersonChange'];
	private readonly onProjected?: DocStoreOptions['onProjected'];
	private readonly unsubscribe: () => void;
	private closed = false;

	constructor(opts: DocStoreOptions) {
		this.persistence = opts.persistence;
		this.announcer = opts.announcer;
		this.compactAfter = opts.compactAfter ?? 500;
		this.idleUnloadMs = opts.idleUnloadMs ?? 60_000;
		this.projectEveryMs = opts.projectEveryMs ?? 5_000;
		this.now = opts.now ?? (() => new Date());
		this.log = opts.log ?? ((line) => console.error(line));
		this.onPersonChange = opts.onPersonChange;
		this.onProjected = opts.onProjected;
		this.unsubscribe = this.announcer?.subscribe((a) => this.onAnnouncement(a)) ?? (() => {});
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

	/** The record as its live document holds it now, with the encoded state (for a client to start from) and its state vector (what an approval covers). */
	async snapshot(recordId: string): Promise<(RecordDocState & { state: Uint8Array; stateVector: Uint8Array }) | null> {
		const s = await this.open(recordId);
		if (!s) return null;
		try {
			await s.persisted();
			return { ...readRecordDoc(s.doc), state: Y.encodeStateAsUpdate(s.doc), stateVector: Y.encodeStateVector(s.doc) };
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
		const stored = await this.persistence.load(recordId);
		if (!stored) return null;
		const live = new LiveDoc(recordId, stored.updates.length, stored.lastId);
		// One by one, in one transaction: Y.mergeUpdates drops structs from some updates a
		// hostile client can get accepted, and the log must load into exactly what was live.
		live.doc.transact(() => {
			for (const u of stored.updates) Y.applyUpdate(live.doc, u);
		});
		live.projectedReview = stored.updates.length ? readReview(live.doc) : stored.seed.status;
		this.attach(live);
		this.loadedDocs.set(recordId, live);
		if (!stored.updates.length) initRecordDoc(live.doc, stored.seed.draft, stored.seed.status, STORE_ORIGIN);
		else {
			// Written before the sync server enforced the schema: dropped, and compacted away at once.
			if (dropForeign(live.doc, STORE_ORIGIN)) {
				this.log(`samla: record ${recordId} held content outside its schema; dropped it`);
				live.compactQueued = true;
				this.queue(live, () => this.compact(live));
			}
			ensureLayout(live.doc, STORE_ORIGIN);
		}
		// A projection still waiting when the process last stopped (or was killed) is made now.
		if (!isDeepStrictEqual(readRecordDoc(live.doc).record, stored.seed.draft)) {
			live.projectionDirty = true;
			this.scheduleProjection(live);
		}
		await live.tail;
		if (live.failed) throw new Error(`could not store the first state of record ${recordId}`);
		return live;
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
				this.counted(live, await pending);
				this.announce(live, update, origin);
			});
			return;
		}
		if (stored !== null) this.counted(live, stored);
		// Stored already and nothing ahead of it: announce it now, as a server without a store
		// would send it on, with no promise or later turn in between.
		if (live.queued === 0) this.announce(live, update, origin);
		else this.queue(live, () => this.announce(live, update, origin));
	}

	/**
	 * Counts a stored row toward the next compaction, which folds everything up to the newest
	 * row: a compaction queued while updates were stored at once covers those too, as the
	 * state it writes already holds them.
	 */
	private counted(live: LiveDoc, id: number): void {
		live.lastId = Math.max(live.lastId, id);
		live.logLength++;
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

	/** Tells everyone of a stored update (and other processes, unless it came from one). */
	private announce(live: LiveDoc, update: Uint8Array, origin: unknown): void {
		if (live.failed) return;
		if (origin !== REMOTE_ORIGIN) this.announcer?.publish({ recordId: live.id, update, source: this.source });
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
		const { record, review } = readRecordDoc(live.doc);
		// The status column is written only when the document's review state moved, so an
		// approval written straight to the table is not overwritten by a stale document.
		const status = review !== live.projectedReview ? review : undefined;
		try {
			await this.persistence.project(live.id, { title: record.title, draft: record, status, updatedAt: this.now() });
			if (status) live.projectedReview = status;
		} catch (err) {
			// The log is the truth; a missed projection is redone with the next change.
			live.projectionDirty = true;
			this.log(`samla: could not update the records row of ${live.id}: ${(err as Error).message}`);
			return;
		}
		try {
			this.onProjected?.(live.id);
		} catch (err) {
			this.log(`samla: a listener of the projection of ${live.id} failed: ${(err as Error).message}`);
		}
	}

	private async fail(live: LiveDoc, err: unknown, what = 'could not store an update of'): Promise<void> {
		if (live.failed) return;
		live.failed = true;
		this.log(`samla: ${what} record ${live.id}; dropping its live document: ${(err as Error).message}`);
		this.discard(live);
		const reason: DocFailure = (await this.persistence.recordExists(live.id).catch(() => true)) ? 'store-failed' : 'record-gone';
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
				await this.compact(live).catch((err: unknown) => this.log(`samla: could not compact record ${live.id}: ${(err as Error).message}`));
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
				checkRecordUpdate(checkUpdate(update, live.doc), live.doc, origin.rights);
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
		return session;
	}

	/**
	 * Runs a change, then stamps "last changed by" on the fields it touched for a person.
	 * The change's update and the stamp's are stored and sent as one (both are Yjs's own
	 * encodings of what it integrated, so merging them is safe): every editor sees the edit
	 * and who made it together, and a keystroke costs one message and one row, not two.
	 * That update also goes back to its sender, who has the edit but not the stamp. (One
	 * transaction for both would do the same, but Yjs then takes the server's own change
	 * inside a remote transaction for a clash of client ids and picks a new one each time.)
	 */
	private change(live: LiveDoc, origin: UpdateOrigin, run: () => void): void {
		const collected: NonNullable<LiveDoc['collected']> = [];
		live.collected = collected;
		const touched = new Set<FieldKey>();
		const onTransaction = (tr: Y.Transaction) => {
			for (const k of touchedFields(live.doc, tr)) touched.add(k);
		};
		if (origin.actor) live.doc.on('afterTransaction', onTransaction);
		try {
			run();
		} finally {
			live.doc.off('afterTransaction', onTransaction);
			try {
				if (origin.actor && touched.size) {
					this.stamp(live, origin.actor, [...touched]);
					this.notify(live, () => this.onPersonChange?.(live.id, origin, [...touched]));
				}
			} finally {
				live.collected = null;
				if (collected.length === 1) this.enqueue(live, collected[0].update, collected[0].origin);
				else if (collected.length > 1) this.enqueue(live, Y.mergeUpdates(collected.map((c) => c.update)), STORE_ORIGIN);
			}
		}
	}

	/** Marks who changed which field; a person's change to an approved record opens a new draft. */
	private stamp(live: LiveDoc, actor: Actor, fields: FieldKey[]): void {
		const stale = fields.filter((k) => {
			const last = changedByOf(live.doc, k);
			return last?.id !== actor.id || last.name !== actor.name;
		});
		const review = readReview(live.doc);
		const next = stateAfterEdit(review);
		if (!stale.length && next === review) return;
		const at = this.now().toISOString();
		live.doc.transact(() => {
			for (const k of stale) setChangedBy(live.doc, k, { id: actor.id, name: actor.name, at });
			if (next !== review) setReviewState(live.doc, next);
		}, STORE_ORIGIN);
	}

	private onAnnouncement(a: Announcement): void {
		if (a.source === this.source) return;
		const live = this.loadedDocs.get(a.recordId);
		if (live && !live.failed) Y.applyUpdate(live.doc, a.update, REMOTE_ORIGIN);
	}
}
