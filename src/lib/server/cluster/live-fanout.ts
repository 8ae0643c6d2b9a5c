/**
 * What people watch live, across processes (issue 13): the workspace's live feed (an open
 * queue or record page reloads when a record it shows changed) and the bell (a person's
 * unread count). Behind a load balancer the person watching is often on another process
 * than the one where the record was approved, assigned or edited.
 *
 * Which events cross, and which do not:
 *
 * | what                                           | crosses | why                                                       |
 * | ---------------------------------------------- | ------- | --------------------------------------------------------- |
 * | feed messages (every event naming records)     | yes     | a hint to reload; the stream re-reads through its own load |
 * | bell signals ("this person's notifications…")  | yes     | the count is read from the database where it is shown      |
 * | the events themselves (events.ts listeners)    | no      | webhooks, notification rows and e-mails run once, where    |
 * |                                                |         | the change was made                                        |
 *
 * One Redis channel, `<prefix>live`; each message is tagged with the process's id and a
 * process ignores its own. Delivery here goes to the open streams only (live-feed.ts's and
 * notify/live.ts's remote side), so nothing is published twice or runs twice.
 *
 * Pub/sub drops what is sent while Redis is away. A lost message leaves an open page stale
 * until the next change of that record or the person's next notification; nothing stored
 * is lost, and a reload shows it. An outage is logged once, and once when it is over.
 */
import { randomBytes } from 'node:crypto';
import { deliverRemoteFeed, onLocalFeed, type FeedMessage } from '../live-feed';
import { deliverRemoteNotifications, onLocalSignal } from '../notify/live';
import { openRedisBridge } from './redis-bridge';

/** Where one process's live signals come from and go to: its own globals, but in tests of two "processes" in one. */
export interface LiveHub {
	onLocalFeed(listener: (message: FeedMessage) => void): () => void;
	deliverFeed(message: FeedMessage): void;
	onLocalSignal(listener: (userId: string) => void): () => void;
	deliverSignal(userId: string): void;
}

export const processLiveHub: LiveHub = {
	onLocalFeed,
	deliverFeed: deliverRemoteFeed,
	onLocalSignal,
	deliverSignal: deliverRemoteNotifications
};

export interface LiveFanoutOptions {
	redisUrl: string;
	/** As the fan-out's: 'samla:' in production, one per test file in tests. */
	prefix?: string;
	processId?: string;
	hub?: LiveHub;
	log?: (line: string) => void;
}

export interface LiveFanout {
	readonly processId: string;
	/** Stops publishing and hearing; what was heard here is still published first (waiting on Redis a moment at most). */
	close(): Promise<void>;
}

type Message = { feed: FeedMessage } | { bell: string };

function parse(m: Record<string, unknown>): Message | null {
	const feed = m.feed as Record<string, unknown> | undefined;
	if (typeof feed?.type === 'string' && typeof feed.recordId === 'string') {
		return { feed: { type: feed.type as FeedMessage['type'], recordId: feed.recordId } };
	}
	if (typeof m.bell === 'string') return { bell: m.bell };
	return null;
}

export async function startLiveFanout(options: LiveFanoutOptions): Promise<LiveFanout> {
	const prefix = options.prefix ?? 'samla:';
	const processId = options.processId ?? randomBytes(8).toString('hex');
	const hub = options.hub ?? processLiveHub;
	const log = options.log ?? ((line: string) => console.error(line));

	const bridge = await openRedisBridge<Message>({
		redisUrl: options.redisUrl,
		channel: `${prefix}live`,
		connectionName: `${prefix}${processId}:live`,
		processId,
		parse,
		deliver: (message) => ('feed' in message ? hub.deliverFeed(message.feed) : hub.deliverSignal(message.bell)),
		outage: (err) =>
			log(`samla: live updates cannot reach the other processes (Redis: ${err.message}); pages open there show changes on reload`)
	});
	const recovered = () => {
		if (bridge.pub.status === 'ready' && bridge.sub.status === 'ready' && bridge.recovered()) {
			log('samla: live updates reach the other processes again');
		}
	};
	bridge.pub.on('ready', recovered);
	// ioredis subscribes its subscriber again by itself before it says ready.
	bridge.sub.on('ready', recovered);

	// A hint that cannot go now is worth nothing later: it is not sent again.
	function publish(message: Message): void {
		if (bridge.closed) return;
		bridge.track(bridge.publish(message).then((sent) => sent && recovered()));
	}
	const stopFeed = hub.onLocalFeed((feed) => publish({ feed }));
	const stopBell = hub.onLocalSignal((bell) => publish({ bell }));

	return {
		processId,
		async close() {
			stopFeed();
			stopBell();
			await bridge.close();
		}
	};
}
