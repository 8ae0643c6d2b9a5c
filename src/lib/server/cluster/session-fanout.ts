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
import { onSessionsEnded, sessionsEnded, type EndedSessions, type EndedSessionsListener } from '../auth/session-events';
import { recheckAllSessions } from '../auth/session-recheck';
import { openRedisBridge } from './redis-bridge';

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

type Message = EndedSessions | { recheck: true };

function parse(m: Record<string, unknown>): Message | null {
	if (typeof m.sessionId === 'string') return { sessionId: m.sessionId };
	if (typeof m.userId === 'string') return { userId: m.userId };
	if (m.recheck === true) return { recheck: true };
	return null;
}

export async function startSessionFanout(options: SessionFanoutOptions): Promise<SessionFanout> {
	const prefix = options.prefix ?? 'samla:';
	const processId = options.processId ?? randomBytes(8).toString('hex');
	const events = options.events ?? processSessionEvents;
	const log = options.log ?? ((line: string) => console.error(line));

	/** An event heard from another process is being handed to the listeners here: not to be published back. */
	let delivering = false;
	/** A publish failed: the others may lack an event, so they are asked to re-check all once one goes through. */
	let missed = false;

	const bridge = await openRedisBridge<Message>({
		redisUrl: options.redisUrl,
		channel: `${prefix}sessions:ended`,
		connectionName: `${prefix}${processId}:sessions`,
		processId,
		parse,
		deliver(message) {
			if ('recheck' in message) return events.recheckAllSessions();
			delivering = true;
			try {
				events.sessionsEnded(message);
			} finally {
				delivering = false;
			}
		},
		// Not per reconnection attempt, nor per event that could not be published.
		outage: (err) =>
			log(
				`samla: ended sessions cannot reach the other processes (Redis: ${err.message}); signed-out sockets there close at their periodic re-check`
			),
		// Subscribed again by hand below, so the re-check starts only once nothing more can be missed.
		autoResubscribe: false
	});

	async function publish(message: Message): Promise<void> {
		if (!(await bridge.publish(message))) {
			missed = true;
			return;
		}
		if (missed && !('recheck' in message)) await askOthersToRecheck();
	}

	function askOthersToRecheck(): Promise<void> {
		missed = false;
		return publish({ recheck: true });
	}

	const stopHearing = events.onSessionsEnded((ended) => {
		if (delivering || bridge.closed) return;
		// After the current task: the sessions may have been ended inside a transaction (SQLite's
		// are synchronous), and a peer that checked before the commit would find them valid.
		bridge.track(
			new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
				publish('sessionId' in ended ? { sessionId: ended.sessionId } : { userId: ended.userId })
			)
		);
	});

	bridge.sub.on('ready', () => {
		if (bridge.closed) return;
		bridge.subscribe().then(() => {
			if (bridge.recovered()) log('samla: ended sessions reach the other processes again; re-checking every sync socket’s session');
			events.recheckAllSessions();
		}, bridge.failed);
	});
	bridge.pub.on('ready', () => {
		if (bridge.closed) return;
		if (missed) bridge.track(askOthersToRecheck());
		// Only the publishing connection was away (its subscriber's return says so otherwise):
		// the outage is over, and the next one is logged.
		if (bridge.sub.status === 'ready' && bridge.recovered()) log('samla: ended sessions reach the other processes again');
	});

	return {
		processId,
		async close() {
			stopHearing();
			await bridge.close();
		}
	};
}
