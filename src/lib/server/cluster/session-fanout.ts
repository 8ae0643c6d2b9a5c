/**
 * Ended sessions across processes (issue 13): signing out, disabling an account, a new
 * password or a new role on one process closes or re-checks that person's sync sockets and
 * live feeds on every process at once, not at the others' next periodic re-check.
 *
 * A bridge between this process's session events (auth/session-events.ts) and the Redis
 * channel `<prefix>sessions:ended`: each event heard here is published, tagged with this
 * process's id; each one another process published is handed to the listeners here as if it
 * had happened here (and not published again). Ending the sessions stays in the database;
 * the listeners check sessions there rather than trust the message.
 *
 * Redis pub/sub drops what is published while a subscriber is away, so when this process's
 * subscriber is back it asks its listeners to re-check every session (auth/session-recheck.ts);
 * and when this process failed to publish, it asks the others to do the same once Redis
 * takes its messages again. Until then the sync server's periodic re-check is the bound.
 *
 * An event is published after the task that emitted it, so a SQLite transaction that ended
 * the sessions has committed by then. Code that ends sessions in an asynchronous
 * (PostgreSQL) transaction must emit the event after the commit, or a peer may check too
 * early, find the session valid and keep the socket until its periodic re-check.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { onSessionsEnded, sessionsEnded, type EndedSessions, type EndedSessionsListener } from '../auth/session-events';
import { recheckAllSessions } from '../auth/session-recheck';
import { endConnection, within } from './redis-end';

/** Where a process's listeners of ended sessions are: its own globals, but in tests of two "processes" in one. */
export interface SessionEventHub {
	onSessionsEnded(listener: EndedSessionsListener): () => void;
	sessionsEnded(ended: EndedSessions): void;
	recheckAllSessions(): void;
}

export const processSessionEvents: SessionEventHub = { onSessionsEnded, sessionsEnded, recheckAllSessions };

export interface SessionFanoutOptions {
	redisUrl: string;
	/** As the fan-out's: 'samla:' in production, one per test file in tests. */
	prefix?: string;
	/** The fan-out's process id, so one process has one name in Redis. */
	processId?: string;
	events?: SessionEventHub;
	log?: (line: string) => void;
}

export interface SessionFanout {
	readonly processId: string;
	/** Stops publishing and hearing; events already heard here are still published first (waiting on Redis a moment at most). */
	close(): Promise<void>;
}

type Message = { from: string } & (EndedSessions | { recheck: true });

function parse(raw: string): Message | null {
	try {
		const m = JSON.parse(raw) as Record<string, unknown>;
		if (typeof m?.from !== 'string') return null;
		if (typeof m.sessionId === 'string') return { from: m.from, sessionId: m.sessionId };
		if (typeof m.userId === 'string') return { from: m.from, userId: m.userId };
		if (m.recheck === true) return { from: m.from, recheck: true };
	} catch {
		// not one of ours
	}
	return null;
}

export async function startSessionFanout(options: SessionFanoutOptions): Promise<SessionFanout> {
	const prefix = options.prefix ?? 'samla:';
	const processId = options.processId ?? randomBytes(8).toString('hex');
	const events = options.events ?? processSessionEvents;
	const log = options.log ?? ((line: string) => console.error(line));
	const channel = `${prefix}sessions:ended`;

	let closed = false;
	/** An event heard from another process is being handed to the listeners here: not to be published back. */
	let delivering = false;
	/** A publish failed: the others may lack an event, so they are asked to re-check all once one goes through. */
	let missed = false;
	const inFlight = new Set<Promise<void>>();

	// A Redis outage is logged once, when first seen, and once when it is over: not per
	// reconnection attempt, nor per event that could not be published.
	let down = false;
	const connectionFailed = (err: Error) => {
		if (down || closed) return;
		down = true;
		log(
			`samla: ended sessions cannot reach the other processes (Redis: ${err.message}); signed-out sockets there close at their periodic re-check`
		);
	};
	// No offline queue: a publish while Redis is away fails at once (the others re-check all
	// when it is back) instead of piling up.
	const pub = new Redis(options.redisUrl, {
		connectionName: `${prefix}${processId}:sessions-pub`,
		lazyConnect: true,
		enableOfflineQueue: false
	});
	const sub = new Redis(options.redisUrl, {
		connectionName: `${prefix}${processId}:sessions-sub`,
		lazyConnect: true,
		// Subscribed again by hand below, so the re-check starts only once nothing more can be missed.
		autoResubscribe: false
	});
	pub.on('error', connectionFailed);
	sub.on('error', connectionFailed);
	try {
		await Promise.all([pub.connect(), sub.connect()]);
		await sub.subscribe(channel);
	} catch (err) {
		// ioredis would go on reconnecting in the background for a bridge that never started.
		pub.disconnect();
		sub.disconnect();
		throw err;
	}

	async function publish(message: Message): Promise<void> {
		try {
			await pub.publish(channel, JSON.stringify(message));
		} catch (err) {
			missed = true;
			connectionFailed(err as Error);
			return;
		}
		if (missed && !('recheck' in message)) await askOthersToRecheck();
	}

	function askOthersToRecheck(): Promise<void> {
		missed = false;
		return publish({ from: processId, recheck: true });
	}

	function track(work: Promise<void>): void {
		inFlight.add(work);
		void work.finally(() => inFlight.delete(work));
	}

	const stopHearing = events.onSessionsEnded((ended) => {
		if (delivering || closed) return;
		// After the current task: the sessions may have been ended inside a transaction (SQLite's
		// are synchronous), and a peer that checked before the commit would find them valid.
		track(
			new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
				publish({ from: processId, ...('sessionId' in ended ? { sessionId: ended.sessionId } : { userId: ended.userId }) })
			)
		);
	});

	sub.on('message', (name: string, raw: string) => {
		if (name !== channel || closed) return;
		const message = parse(raw);
		if (!message || message.from === processId) return;
		if ('recheck' in message) return events.recheckAllSessions();
		delivering = true;
		try {
			events.sessionsEnded('sessionId' in message ? { sessionId: message.sessionId } : { userId: message.userId });
		} finally {
			delivering = false;
		}
	});
	sub.on('ready', () => {
		if (closed) return;
		sub.subscribe(channel).then(() => {
			if (down) log('samla: ended sessions reach the other processes again; re-checking every sync socket’s session');
			down = false;
			events.recheckAllSessions();
		}, connectionFailed);
	});
	pub.on('ready', () => {
		if (closed) return;
		if (missed) track(askOthersToRecheck());
		// Only the publishing connection was away (its subscriber's return says so otherwise):
		// the outage is over, and the next one is logged.
		if (down && sub.status === 'ready') {
			log('samla: ended sessions reach the other processes again');
			down = false;
		}
	});

	return {
		processId,
		async close() {
			stopHearing();
			await within(Promise.all(inFlight));
			closed = true;
			await Promise.all([endConnection(pub), endConnection(sub)]);
		}
	};
}
