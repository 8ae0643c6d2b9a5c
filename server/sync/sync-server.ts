/**
 * The sync endpoint, `ws(s)://host/sync/<recordId>`: the standard y-websocket protocol,
 * so the stock WebsocketProvider connects with serverUrl `…/sync` and room = record id.
 * It shares the app's HTTP server and port; whoever owns that server passes its
 * `upgrade` events to handleUpgrade().
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { CloseCode } from '../../src/lib/collab/close-codes';
import { onSessionsEnded, type EndedSessions } from '../../src/lib/server/auth/session-events';
import { onRecheckAllSessions } from '../../src/lib/server/auth/session-recheck';
import type { DocStore } from '../../src/lib/server/docs/store';
import { PersonBudgets } from './budgets';
import { SyncConnection, type ConnectionLimits } from './connection';
import type { Authenticate, Principal } from './principal';
import { KeyedBuckets, type Rate } from './rate-limit';
import { Room } from './room';
import { originAllowed, recordIdFromUrl, refuse } from './upgrade';

export interface SyncServerOptions {
	store: DocStore;
	authenticate: Authenticate;
	/** The app's public origin (config ORIGIN); null: the request's own Host. */
	origin: string | null;
	/** Largest message accepted, in bytes; a bigger frame closes the socket with 1009. */
	maxPayload?: number;
	limits?: Partial<ConnectionLimits>;
	/** Bytes received per person, over all their sockets. */
	bytesRate?: Rate;
	/** Sockets one person may hold open at once (config SYNC_MAX_SOCKETS_PER_USER). */
	maxSocketsPerUser?: number;
	/** Awareness changes in a room are sent on together at most this often. */
	awarenessEveryMs?: number;
	/** Awareness renewals (a state sent again unchanged), at most this often (room.ts). */
	renewEveryMs?: number;
	/** New connections per user. */
	connectRate?: Rate;
	heartbeatMs?: number;
	sessionRecheckMs?: number;
	log?: (line: string) => void;
}

export const MAX_PAYLOAD = 1024 * 1024;

/**
 * The heartbeat pings one slice of the sockets at a time, every heartbeatMs / HEARTBEAT_SLICES:
 * each socket still once per heartbeatMs, but a thousand pings written in one go, and their
 * thousand pongs read back together, held up every keystroke under way then.
 */
const HEARTBEAT_SLICES = 30;

/** Sessions looked up at once, one lookup per turn of the event loop, in a re-check. */
const RECHECK_SLICE = 200;

export class SyncServer {
	private readonly wss: WebSocketServer;
	private readonly rooms = new Map<string, Promise<Room | null>>();
	/** Each open socket with its slice of the heartbeat. */
	private readonly connections = new Map<SyncConnection, number>();
	private nextSlice = 0;
	private heartbeatSlice = 0;
	private readonly connectLimit: KeyedBuckets;
	private readonly budgets: PersonBudgets;
	private readonly limits: ConnectionLimits;
	private readonly timers: ReturnType<typeof setInterval>[];
	private readonly log: (line: string) => void;
	private readonly stopHearingSessions: () => void;
	private readonly stopHearingRechecks: () => void;
	private closing = false;

	constructor(private readonly opts: SyncServerOptions) {
		// No compression: connections write frames they build themselves (frame.ts).
		this.wss = new WebSocketServer({
			noServer: true,
			maxPayload: opts.maxPayload ?? MAX_PAYLOAD,
			clientTracking: false,
			perMessageDeflate: false
		});
		this.limits = { messages: opts.limits?.messages ?? { perSecond: 100, burst: 300 } };
		this.budgets = new PersonBudgets(opts.bytesRate ?? { perSecond: 512 * 1024, burst: 4 * 1024 * 1024 }, opts.maxSocketsPerUser ?? 20);
		this.connectLimit = new KeyedBuckets(opts.connectRate ?? { perSecond: 5, burst: 60 });
		this.log = opts.log ?? ((line) => console.error(line));
		this.timers = [
			setInterval(() => this.heartbeat(), (opts.heartbeatMs ?? 30_000) / HEARTBEAT_SLICES),
			setInterval(() => void this.recheckSessions(), opts.sessionRecheckMs ?? 30_000)
		];
		for (const t of this.timers) t.unref();
		this.stopHearingSessions = onSessionsEnded((ended) => this.sessionsEnded(ended));
		this.stopHearingRechecks = onRecheckAllSessions(() => void this.recheckAllSessions());
	}

	/** Open sync sockets in this process. */
	get connectionCount(): number {
		return this.connections.size;
	}

	/** Takes an upgrade request for /sync/…; false for any other path (left to its owner). */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
		const recordId = recordIdFromUrl(req.url);
		if (recordId === undefined) return false;
		socket.on('error', () => socket.destroy());
		void this.accept(req, socket, head, recordId).catch((err: unknown) => {
			this.log(`samla: sync upgrade failed: ${(err as Error).stack ?? err}`);
			refuse(socket, 503, 'The sync service failed; try again.');
		});
		return true;
	}

	private async accept(req: IncomingMessage, socket: Duplex, head: Buffer, recordId: string | null): Promise<void> {
		if (this.closing) return refuse(socket, 503, 'The server is shutting down.');
		if (!recordId) return refuse(socket, 404, 'No such record.');
		if (!originAllowed(req, this.opts.origin)) return refuse(socket, 403, 'Cross-site connection refused.');
		const cookie = req.headers.cookie;
		const [principal] = await this.opts.authenticate([cookie]);
		if (!principal) return refuse(socket, 401, 'Sign in first.');
		if (!this.connectLimit.take(principal.userId)) {
			return refuse(socket, 429, 'Too many connections; wait a moment.', { 'Retry-After': '5' });
		}
		// Taken before the upgrade, so that sockets opened at once count against each other.
		const budget = this.budgets.take(principal.userId);
		if (!budget) return refuse(socket, 429, 'Too many open connections; close a tab or wait a moment.', { 'Retry-After': '5' });
		let room: Room | null;
		try {
			room = await this.room(recordId);
		} catch (err) {
			this.budgets.release(budget);
			throw err;
		}
		let released = false;
		const releaseBudget = () => {
			if (!released) this.budgets.release(budget);
			released = true;
		};
		const giveBack = () => {
			releaseBudget();
			room?.release();
		};
		if (!room) {
			releaseBudget();
			return refuse(socket, 404, 'No such record.');
		}
		room.hold();
		if (socket.destroyed || this.closing) {
			giveBack();
			return refuse(socket, 503, 'The server is shutting down.');
		}
		// ws answers a handshake it cannot take itself and never calls back: the socket's close gives the budget back then.
		let opened = false;
		socket.once('close', () => opened || giveBack());
		this.wss.handleUpgrade(req, socket, head, (ws) => {
			opened = true;
			try {
				const conn = new SyncConnection(ws, socket, room, principal, cookie, this.limits, budget, this.log, (c) => {
					this.connections.delete(c);
					releaseBudget();
				});
				this.connections.set(conn, this.nextSlice++ % HEARTBEAT_SLICES);
			} catch (err) {
				releaseBudget();
				this.log(`samla: opening a sync connection failed: ${(err as Error).stack ?? err}`);
				ws.close(CloseCode.internalError, 'internal error');
			} finally {
				room.release();
			}
		});
	}

	/** The record's room, opening it (and its document) on first use; null when there is no such record. */
	private async room(recordId: string): Promise<Room | null> {
		for (;;) {
			const room = await (this.rooms.get(recordId) ?? this.openRoom(recordId));
			if (!room || !room.closed) return room;
		}
	}

	private openRoom(recordId: string): Promise<Room | null> {
		const forget = () => {
			if (this.rooms.get(recordId) === opening) this.rooms.delete(recordId);
		};
		const opening = Room.open(this.opts.store, recordId, forget, {
			awarenessEveryMs: this.opts.awarenessEveryMs,
			renewEveryMs: this.opts.renewEveryMs,
			log: this.log
		});
		this.rooms.set(recordId, opening);
		opening.then((room) => room ?? forget(), forget);
		return opening;
	}

	private heartbeat(): void {
		const slice = this.heartbeatSlice;
		this.heartbeatSlice = (slice + 1) % HEARTBEAT_SLICES;
		for (const [c, of] of this.connections) {
			if (of !== slice) continue;
			if (!c.alive) {
				c.terminate();
				continue;
			}
			c.alive = false;
			try {
				c.ws.ping();
			} catch {
				c.terminate();
			}
		}
	}

	/**
	 * The periodic re-check, now: for when sessions may have ended unheard (the Redis bridge
	 * of ended sessions was away, session-recheck.ts). Resolves once every socket was checked.
	 */
	recheckAllSessions(): Promise<void> {
		return this.recheckSessions();
	}

	/**
	 * Looks each session up once (a person's tabs share one), RECHECK_SLICE sessions to a
	 * lookup, one lookup per turn of the event loop. A lookup per session held up the live
	 * edits queued behind them on PostgreSQL for hundreds of milliseconds every re-check (the
	 * sync bench's p99 with 500 sessions a process: 65–90 ms, 23–34 ms without the re-check),
	 * and a thousand in one go would hold up the event loop for tens of milliseconds.
	 */
	private async recheckSessions(connections: Iterable<SyncConnection> = this.connections.keys()): Promise<void> {
		const bySession = new Map<string | undefined, SyncConnection[]>();
		for (const c of connections) bySession.set(c.cookie, [...(bySession.get(c.cookie) ?? []), c]);
		const cookies = [...bySession.keys()];
		for (let i = 0; i < cookies.length; i += RECHECK_SLICE) {
			if (i > 0) await new Promise((resolve) => setImmediate(resolve));
			// Every socket is being closed anyway, and the database may already be gone: a check now would only fail loudly.
			if (this.closing) return;
			const slice = cookies.slice(i, i + RECHECK_SLICE);
			let principals: (Principal | null)[];
			try {
				principals = await this.opts.authenticate(slice);
			} catch (err) {
				// The database may be busy or gone for a moment; the next re-check tries again.
				this.log(`samla: could not check the sessions of ${slice.length} sync connection(s): ${(err as Error).message}`);
				continue;
			}
			slice.forEach((cookie, n) => {
				const principal = principals[n];
				for (const c of bySession.get(cookie)!) {
					if (!principal || principal.userId !== c.principal.userId) c.close(CloseCode.sessionEnded, 'session ended');
					else if (principal.canWrite !== c.canWrite || principal.canApprove !== c.canApprove)
						c.close(CloseCode.permissionsChanged, 'permissions changed');
				}
			});
		}
	}

	/**
	 * Sessions ended or a role changed in this process: their sockets are checked again at
	 * once instead of at the next periodic re-check. Checked, not closed outright (a role
	 * change may leave a socket its rights), and once the caller is done rather than inside
	 * its call. Callers tell after their change has committed (auth/session-events.ts).
	 */
	private sessionsEnded(ended: EndedSessions): void {
		const affected = [...this.connections.keys()].filter(({ principal: p }) =>
			'sessionId' in ended ? p.sessionId === ended.sessionId : p.userId === ended.userId
		);
		if (affected.length) queueMicrotask(() => void this.recheckSessions(affected));
	}

	/** Closes every socket (1001: reconnect to the next server) and leaves the store to flush. */
	async close(): Promise<void> {
		this.closing = true;
		this.stopHearingSessions();
		this.stopHearingRechecks();
		for (const t of this.timers) clearInterval(t);
		const sockets = [...this.connections.keys()].map((c) => {
			c.close(CloseCode.goingAway, 'server shutting down');
			return c.ws;
		});
		await Promise.all(
			sockets.map(
				(ws) =>
					new Promise<void>((resolve) => {
						if (ws.readyState === ws.CLOSED) return resolve();
						const timer = setTimeout(() => ws.terminate(), 2000);
						ws.once('close', () => {
							clearTimeout(timer);
							resolve();
						});
					})
			)
		);
		await Promise.allSettled(this.rooms.values());
		this.wss.close();
	}
}
