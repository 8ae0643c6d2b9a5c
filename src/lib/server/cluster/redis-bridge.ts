/**
 * One Redis pub/sub channel between this process and the others, the shape live-fanout.ts and
 * session-fanout.ts share: a publishing connection without an offline queue (what cannot go
 * now fails at once instead of piling up) and a subscribing one; each message tagged with the
 * sending process, and one's own never handed back; what is not a message of the channel's
 * kind ignored; an outage reported once, when first seen, until the owner says it is over;
 * and a close that lets what is under way go out first (waiting on Redis a moment at most).
 *
 * What a message means, when an outage is over and what to do then stay with each owner.
 */
import { Redis } from './ioredis';
import { endConnection, within } from './redis-end';

export interface RedisBridgeOptions<M extends object> {
	redisUrl: string;
	channel: string;
	/** The connections' names in Redis's CLIENT LIST, before `-pub` and `-sub`. */
	connectionName: string;
	processId: string;
	/** A message's body (its `from` tag left in), or null for what is not one. */
	parse(message: Record<string, unknown>): M | null;
	/** A message another process published. */
	deliver(message: M): void;
	/** The first failure of an outage; none again until `recovered()`. */
	outage(err: Error): void;
	/** false: ioredis does not subscribe again after a reconnection; the owner calls `subscribe()` when it is ready for what follows. */
	autoResubscribe?: boolean;
}

export interface RedisBridge<M extends object> {
	readonly pub: Redis;
	readonly sub: Redis;
	/** True once close() has let the work under way finish: nothing is heard or sent after. */
	readonly closed: boolean;
	/** Sends `message` tagged with this process; false (and the outage reported) when Redis did not take it. */
	publish(message: M): Promise<boolean>;
	/** Work close() lets finish first. */
	track(work: Promise<unknown>): void;
	/** Reports a failure of the owner's own (a subscription that failed) as publish does. */
	failed(err: Error): void;
	/** Ends the outage, if there was one: true then, and the next failure is reported again. */
	recovered(): boolean;
	subscribe(): Promise<void>;
	close(): Promise<void>;
}

type Tagged = { from: string };

export async function openRedisBridge<M extends object>(options: RedisBridgeOptions<M>): Promise<RedisBridge<M>> {
	const { channel, processId } = options;
	let closed = false;
	let down = false;
	const failed = (err: Error) => {
		if (down || closed) return;
		down = true;
		options.outage(err);
	};
	const pub = new Redis(options.redisUrl, {
		connectionName: `${options.connectionName}-pub`,
		lazyConnect: true,
		enableOfflineQueue: false
	});
	const sub = new Redis(options.redisUrl, {
		connectionName: `${options.connectionName}-sub`,
		lazyConnect: true,
		autoResubscribe: options.autoResubscribe ?? true
	});
	pub.on('error', failed);
	sub.on('error', failed);
	try {
		await Promise.all([pub.connect(), sub.connect()]);
		await sub.subscribe(channel);
	} catch (err) {
		// ioredis would go on reconnecting in the background for a bridge that never started.
		pub.disconnect();
		sub.disconnect();
		throw err;
	}

	sub.on('message', (name: string, raw: string) => {
		if (name !== channel || closed) return;
		const message = parseTagged(raw, options.parse);
		if (message && message.from !== processId) options.deliver(message.body);
	});

	const inFlight = new Set<Promise<unknown>>();
	return {
		pub,
		sub,
		get closed() {
			return closed;
		},
		async publish(message) {
			try {
				await pub.publish(channel, JSON.stringify({ from: processId, ...message }));
				return true;
			} catch (err) {
				failed(err as Error);
				return false;
			}
		},
		track(work) {
			inFlight.add(work);
			void work.finally(() => inFlight.delete(work));
		},
		failed,
		recovered() {
			if (!down || closed) return false;
			down = false;
			return true;
		},
		async subscribe() {
			await sub.subscribe(channel);
		},
		async close() {
			await within(Promise.all(inFlight));
			closed = true;
			await Promise.all([endConnection(pub), endConnection(sub)]);
		}
	};
}

function parseTagged<M extends object>(raw: string, parse: (m: Record<string, unknown>) => M | null): { from: string; body: M } | null {
	try {
		const m = JSON.parse(raw) as (Record<string, unknown> & Partial<Tagged>) | null;
		if (typeof m?.from !== 'string') return null;
		const body = parse(m);
		return body && { from: m.from, body };
	} catch {
		// not one of ours
		return null;
	}
}
