/**
 * The connections on one record: they share the record's document session (from the
 * store) and an awareness instance (who is here, in which field). Document updates
 * reach a room only after the store has stored them.
 *
 * Awareness changes are sent on together, at most once per `awarenessEveryMs`, with each
 * changed client's latest state: a client changing its state a hundred times a second costs
 * every other connection a few messages, not a hundred. States are bounded in size
 * (protocol.ts) and in number per connection and per room, so what a new connection is sent
 * first is bounded too.
 *
 * With other processes serving the record (PostgreSQL mode), the states of this room's
 * connections are shared with them as they are sent on here (removals too), and all of them
 * at once with a process that starts serving it; theirs are applied here; when a process's
 * heartbeat stops, the states it shared are removed, and a state not renewed for 30 s goes
 * by Awareness's own timeout.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode } from '../../src/lib/collab/close-codes';
import { colourFor } from '../../src/lib/collab/colours';
import type { DocFailure, DocSession, DocStore } from '../../src/lib/server/docs/store';
import type { SyncConnection } from './connection';
import { binaryFrame } from './frame';
import { awarenessMessage, encodeAwareness, readAwareness, updateFrame, type AwarenessEntry, type AwarenessHead } from './protocol';

/** A provider has one awareness client id; a few more allow for a page that recreated its document. */
const MAX_AWARENESS_CLIENTS = 4;
/** Awareness states one room holds; more people than this on one record are not shown to each other. */
const MAX_ROOM_AWARENESS = 200;

/** The origin of awareness changes made here for a connection that left. */
const LEFT = Symbol('left');
/** The origin of awareness changes another process shared: `from` is that process. */
interface Shared {
	from: string;
}
const isShared = (origin: unknown): origin is Shared => typeof origin === 'object' && origin !== null && 'from' in origin;

export class Room {
	readonly connections = new Set<SyncConnection>();
	readonly awareness: awarenessProtocol.Awareness;
	/** Connections accepted or being accepted; the room closes when none are left. */
	private holders = 0;
	private readonly owners = new Map<number, SyncConnection>();
	/** Awareness clients changed since the last broadcast. */
	private readonly changed = new Set<number>();
	/** Of those, the ones of this room's connections, to share with the other processes. */
	private readonly changedHere = new Set<number>();
	/** Awareness clients other processes shared, by process. */
	private readonly sharedBy = new Map<number, string>();
	private flushTimer: ReturnType<typeof setTimeout> | null = null;
	closed = false;

	private constructor(
		readonly session: DocSession,
		private readonly onClosed: (room: Room) => void,
		private readonly awarenessEveryMs: number,
		private readonly log: (line: string) => void
	) {
		this.awareness = new awarenessProtocol.Awareness(session.doc);
		this.awareness.setLocalState(null);
		this.awareness.on('update', this.onAwareness);
	}

	static async open(
		store: DocStore,
		recordId: string,
		onClosed: (room: Room) => void,
		{ awarenessEveryMs = 50, log = (line: string) => console.error(line) }: { awarenessEveryMs?: number; log?: (line: string) => void } = {}
	): Promise<Room | null> {
		const handlers: { room?: Room } = {};
		const session = await store.open(recordId, {
			update: (update, origin) => handlers.room?.broadcastUpdate(update, origin),
			failed: (reason) => handlers.room?.fail(reason),
			awareness: (update, from) => handlers.room?.applyShared(update, from),
			sourceGone: (from) => handlers.room?.forgetShared(from),
			presenceWanted: () => handlers.room?.shareAll()
		});
		if (!session) return null;
		handlers.room = new Room(session, onClosed, awarenessEveryMs, log);
		return handlers.room;
	}

	/** Keeps the room open while a connection is being accepted. */
	hold(): void {
		this.holders++;
	}

	release(): void {
		this.holders--;
		if (this.holders === 0 && !this.closed) this.close();
	}

	add(conn: SyncConnection): void {
		this.connections.add(conn);
		this.hold();
	}

	remove(conn: SyncConnection): void {
		if (!this.connections.delete(conn)) return;
		const mine = [...conn.awarenessClients].filter((id) => this.owners.get(id) === conn);
		for (const id of mine) this.owners.delete(id);
		if (mine.length && !this.closed) awarenessProtocol.removeAwarenessStates(this.awareness, mine, LEFT);
		this.release();
	}

	/** Applies a connection's awareness, with the name and colour its session says, for client ids it owns. */
	applyAwareness(conn: SyncConnection, entries: AwarenessEntry[]): void {
		const user = { id: conn.principal.userId, name: conn.principal.name, colour: colourFor(conn.principal.userId) };
		const accepted = entries.filter((e) => {
			const owner = this.owners.get(e.clientId);
			if (owner && owner !== conn) return false;
			if (!owner && (conn.awarenessClients.size >= MAX_AWARENESS_CLIENTS || this.owners.size >= MAX_ROOM_AWARENESS)) return false;
			this.owners.set(e.clientId, conn);
			conn.awarenessClients.add(e.clientId);
			// A client that moved here from another process (it died): that process's
			// removal of the client, or its end, must not remove it from here.
			this.sharedBy.delete(e.clientId);
			return true;
		});
		if (!accepted.length) return;
		const rewritten = accepted.map((e) => ({ ...e, state: e.state && { ...e.state, user } }));
		awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwareness(rewritten), conn);
	}

	/**
	 * Only other clients' states, none newer than the room has: the stock provider repeats
	 * every awareness change it hears back to the server. Such a message changes nothing and
	 * is not held against the sender's rate limit, or one flooding client would get everyone
	 * else closed.
	 */
	isEcho(conn: SyncConnection, entries: AwarenessHead[]): boolean {
		return (
			entries.length > 0 &&
			entries.every((e) => {
				if (conn.awarenessClients.has(e.clientId)) return false;
				const known = this.awareness.meta.get(e.clientId);
				return known !== undefined && known.clock >= e.clock;
			})
		);
	}

	awarenessSnapshot(): Uint8Array | null {
		const clients = [...this.awareness.getStates().keys()];
		return clients.length ? awarenessMessage(this.awareness, clients) : null;
	}

	private applyShared(update: Uint8Array, from: string): void {
		if (this.closed) return;
		try {
			// A client connected here now is this room's to tell about, whatever a process it left says late.
			const all = readAwareness(update);
			const theirs = all.filter((e) => !this.owners.has(e.clientId));
			if (!theirs.length) return;
			awarenessProtocol.applyAwarenessUpdate(this.awareness, theirs.length === all.length ? update : encodeAwareness(theirs), {
				from
			} satisfies Shared);
		} catch (err) {
			this.log(`samla: presence shared by process ${from} on record ${this.session.recordId} could not be read: ${(err as Error).message}`);
		}
	}

	private forgetShared(from: string): void {
		const gone = [...this.sharedBy].filter(([id, by]) => by === from && !this.owners.has(id)).map(([id]) => id);
		if (gone.length && !this.closed) awarenessProtocol.removeAwarenessStates(this.awareness, gone, { from } satisfies Shared);
	}

	private readonly onAwareness = ({ added, updated, removed }: Record<'added' | 'updated' | 'removed', number[]>, origin: unknown) => {
		const ids = [...added, ...updated, ...removed];
		for (const id of ids) this.changed.add(id);
		if (isShared(origin)) {
			for (const id of [...added, ...updated]) this.sharedBy.set(id, origin.from);
			for (const id of removed) this.sharedBy.delete(id);
		} else if (this.session.shareAwareness && (origin === LEFT || this.connections.has(origin as SyncConnection))) {
			for (const id of ids) this.changedHere.add(id);
		} else {
			// Awareness's own timeout: each process times out what it holds.
			for (const id of removed) this.sharedBy.delete(id);
		}
		this.flushTimer ??= setTimeout(this.flushAwareness, this.awarenessEveryMs);
	};

	private readonly flushAwareness = () => {
		this.flushTimer = null;
		if (this.closed || !this.changed.size) return;
		try {
			const frame = binaryFrame(awarenessMessage(this.awareness, [...this.changed]));
			this.changed.clear();
			for (const c of this.connections) c.sendFrame(frame);
			this.shareChanged();
		} catch (err) {
			this.changed.clear();
			this.changedHere.clear();
			this.log(`samla: sending awareness on record ${this.session.recordId} failed: ${(err as Error).message}`);
		}
	};

	/** Shares the states of every client of this room's connections, with a process that has none of them yet. */
	private shareAll(): void {
		const here = [...this.owners.keys()].filter((id) => this.awareness.getStates().has(id));
		if (this.closed || !here.length) return;
		this.session.shareAwareness?.(awarenessProtocol.encodeAwarenessUpdate(this.awareness, here));
	}

	private shareChanged(): void {
		if (!this.changedHere.size) return;
		this.session.shareAwareness?.(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.changedHere]));
		this.changedHere.clear();
	}

	private broadcastUpdate(update: Uint8Array, origin: unknown): void {
		const frame = updateFrame(update);
		for (const c of this.connections) if (c.origin !== origin) c.sendFrame(frame);
	}

	private fail(reason: DocFailure): void {
		const code = reason === 'record-gone' ? CloseCode.recordGone : CloseCode.storeFailed;
		for (const c of [...this.connections]) c.close(code, reason);
		this.close();
	}

	close(): void {
		if (this.closed) return;
		this.closed = true;
		if (this.flushTimer) clearTimeout(this.flushTimer);
		// The last connection's leaving, which closed the room, still reaches the other processes.
		try {
			this.shareChanged();
		} catch (err) {
			this.log(`samla: sharing presence on record ${this.session.recordId} failed: ${(err as Error).message}`);
		}
		this.awareness.off('update', this.onAwareness);
		this.awareness.destroy();
		this.session.close();
		this.onClosed(this);
	}
}
