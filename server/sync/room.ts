/**
 * The connections on one record: they share the record's document session (from the
 * store) and an awareness instance (who is here, in which field). Document updates
 * reach a room only after the store has stored them.
 *
 * Awareness changes are sent on together, at most once per `awarenessEveryMs`, with each
 * changed client's latest state: a client changing its state a hundred times a second costs
 * every other connection a few messages, not a hundred. Renewals (a state sent again
 * unchanged, which a provider does every 15 s so that others keep it) wait longer, up to
 * `renewEveryMs`, and go together: the stock provider repeats every awareness update it hears
 * back to the server, so each message sent into a room of n costs n - 1 echoes, and n people
 * renewing one by one cost n² messages a renewal period. States are bounded in size
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

/** Changed states are sent on together at most this often. */
const AWARENESS_EVERY_MS = 50;

/**
 * A provider renews its state 15-18 s after it last set it (y-protocols' check every 3 s),
 * and drops another's state 30 s after it last heard it renewed; y-websocket also reconnects
 * after 30 s without a message, and a person alone in a room hears only their own renewal.
 * A renewal waits here at most this long, and across processes twice (here, then at the
 * process that sends it on): 18 + 2 x 3 = 24 s, inside the 30.
 */
const RENEW_EVERY_MS = 3000;

interface AwarenessTiming {
	/** Changed states, at most this often (AWARENESS_EVERY_MS). */
	awarenessEveryMs: number;
	/** Renewed states, at most this often (RENEW_EVERY_MS). */
	renewEveryMs: number;
}

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
	/** Awareness clients whose state changed (or went) since the last broadcast. */
	private readonly changed = new Set<number>();
	/** Awareness clients only renewed since the last broadcast: none of them is in `changed`. */
	private readonly renewed = new Set<number>();
	/** Of both, the ones of this room's connections, to share with the other processes as they are sent. */
	private readonly toShare = new Set<number>();
	/** Awareness clients other processes shared, by process. */
	private readonly sharedBy = new Map<number, string>();
	private flushTimer: ReturnType<typeof setTimeout> | null = null;
	private renewTimer: ReturnType<typeof setTimeout> | null = null;
	closed = false;

	private constructor(
		readonly session: DocSession,
		private readonly onClosed: (room: Room) => void,
		private readonly timing: AwarenessTiming,
		private readonly log: (line: string) => void
	) {
		this.awareness = new awarenessProtocol.Awareness(session.doc);
		this.awareness.setLocalState(null);
		// Awareness emits 'change' (states that differ) before 'update' (those and the renewals) for the same message.
		this.awareness.on('change', this.onChange);
		this.awareness.on('update', this.onAwareness);
	}

	static async open(
		store: DocStore,
		recordId: string,
		onClosed: (room: Room) => void,
		{
			awarenessEveryMs = AWARENESS_EVERY_MS,
			renewEveryMs = RENEW_EVERY_MS,
			log = (line: string) => console.error(line)
		}: Partial<AwarenessTiming> & { log?: (line: string) => void } = {}
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
		handlers.room = new Room(session, onClosed, { awarenessEveryMs, renewEveryMs }, log);
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

	private readonly onChange = ({ added, updated, removed }: Record<'added' | 'updated' | 'removed', number[]>) => {
		for (const id of [...added, ...updated, ...removed]) {
			this.changed.add(id);
			this.renewed.delete(id);
		}
		this.flushTimer ??= setTimeout(this.flushChanged, this.timing.awarenessEveryMs);
	};

	private readonly onAwareness = ({ added, updated, removed }: Record<'added' | 'updated' | 'removed', number[]>, origin: unknown) => {
		const ids = [...added, ...updated, ...removed];
		if (isShared(origin)) {
			for (const id of [...added, ...updated]) this.sharedBy.set(id, origin.from);
			for (const id of removed) this.sharedBy.delete(id);
		} else if (this.session.shareAwareness && (origin === LEFT || this.connections.has(origin as SyncConnection))) {
			for (const id of ids) this.toShare.add(id);
		} else {
			// Awareness's own timeout: each process times out what it holds.
			for (const id of removed) this.sharedBy.delete(id);
		}
		const renewals = updated.filter((id) => !this.changed.has(id));
		if (!renewals.length) return;
		for (const id of renewals) this.renewed.add(id);
		this.renewTimer ??= setTimeout(this.flushRenewed, this.timing.renewEveryMs);
	};

	private readonly flushChanged = () => {
		this.flushTimer = null;
		this.flush(this.changed);
	};

	private readonly flushRenewed = () => {
		this.renewTimer = null;
		this.flush(this.renewed);
	};

	/** Sends these clients' latest states to every connection, and shares those of this room's connections. */
	private flush(ids: Set<number>): void {
		if (this.closed || !ids.size) return;
		const clients = [...ids];
		ids.clear();
		try {
			const frame = binaryFrame(awarenessMessage(this.awareness, clients));
			for (const c of this.connections) c.sendFrame(frame);
			// delete() answers whether the client was waiting to be shared, and takes it off.
			this.share(clients.filter((id) => this.toShare.delete(id)));
		} catch (err) {
			for (const id of clients) this.toShare.delete(id);
			this.log(`samla: sending awareness on record ${this.session.recordId} failed: ${(err as Error).message}`);
		}
	}

	/** Shares the states of every client of this room's connections, with a process that has none of them yet. */
	private shareAll(): void {
		const here = [...this.owners.keys()].filter((id) => this.awareness.getStates().has(id));
		if (this.closed || !here.length) return;
		this.session.shareAwareness?.(awarenessProtocol.encodeAwarenessUpdate(this.awareness, here));
	}

	private share(clients: number[]): void {
		if (clients.length) this.session.shareAwareness?.(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
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
		if (this.renewTimer) clearTimeout(this.renewTimer);
		// The last connection's leaving, which closed the room, still reaches the other processes.
		try {
			this.share([...this.toShare]);
		} catch (err) {
			this.log(`samla: sharing presence on record ${this.session.recordId} failed: ${(err as Error).message}`);
		}
		this.awareness.off('change', this.onChange);
		this.awareness.off('update', this.onAwareness);
		this.awareness.destroy();
		this.session.close();
		this.onClosed(this);
	}
}
