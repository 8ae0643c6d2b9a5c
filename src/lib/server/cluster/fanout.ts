/**
 * Cross-process fan-out over Redis: how the document store in PostgreSQL mode (issue 13,
 * docs/deploy.md) hears of edits other processes committed, and shares presence. The
 * store takes it in as its announcer (fanout-announcer.ts), which the cluster's services
 * start (services.ts).
 *
 * The contract the store builds on:
 * - an update is published only after it is committed to PostgreSQL, on
 *   `<prefix>rec:<record id>` (`samla:rec:<id>` in production), tagged with this
 *   process's id; a process hears only the records it follows, never its own messages;
 * - a process that is told, by a PUBLISH's count of receivers, that nobody else follows a
 *   record stops publishing its updates and presence (with one process on a record, as with
 *   affinity behind the load balancer, every keystroke would cost Redis a PUBLISH and this
 *   process its own message back). A process that starts serving a record says HELLO on
 *   its channel once it has loaded it (greet), and on every record again after a reconnect:
 *   the others publish again, share their presence (onJoined), and one that left an update
 *   unpublished meanwhile answers WELCOME, upon which the followers read the stored log
 *   again (onWelcome: the update was committed before the answer, so the read finds it). A
 *   process whose PUBLISH failed says WELCOME once it can publish again: the others'
 *   catch-up on their own reconnect may have come before its update was stored;
 * - Redis pub/sub delivers at most once and drops whatever arrives while a subscriber is
 *   away, so onCatchUp says when messages may have been missed: after the subscriber
 *   reconnected (called once its subscriptions are back, so nothing falls between), and
 *   when a peer's heartbeat stopped (it may have died between commit and publish; one that
 *   closed on purpose is reported too, harmlessly). The
 *   store answers by re-reading the stored rows of its loaded records: Yjs updates apply
 *   idempotently, so a message heard twice or read back from the database changes nothing.
 *
 * Heartbeats are keys that expire on Redis's clock (`<prefix>proc:<id>`, PX peerTimeoutMs),
 * listed in the set `<prefix>procs`, so clocks of different machines never matter.
 * Hand-written on ioredis: no maintained library offers binary per-record channels with
 * peer-death detection (Hocuspocus's Redis extension is tied to its own server).
 */
import { randomBytes } from 'node:crypto';
import { Redis } from './ioredis';
import { endConnection, within } from './redis-end';

export type CatchUpReason = { kind: 'reconnect' } | { kind: 'peer-lost'; peer: string };

export interface FanoutOptions {
	redisUrl: string;
	/** Every key and channel starts with it: 'samla:' in production, one per test file in tests. */
	prefix?: string;
	processId?: string;
	heartbeatMs?: number;
	/** A peer whose heartbeat key is this old is taken for dead (Redis expires the key). */
	peerTimeoutMs?: number;
	/** An update another process committed and published; rowId its row in the log, 0 when not given. */
	onUpdate(recordId: string, update: Uint8Array, fromProcess: string, rowId: number): void;
	/** An awareness update (presence) another process published for its own connections. */
	onAwareness?(recordId: string, update: Uint8Array, fromProcess: string): void;
	/** Another process started following the record: it has none of this process's presence yet. */
	onJoined?(recordId: string, fromProcess: string): void;
	/** A process that left updates of the record unpublished (skipped, or its PUBLISH failed) says so: read the stored log again. */
	onWelcome?(recordId: string, fromProcess: string): void;
	/** Messages may have been missed: re-read the stored rows of every loaded record. */
	onCatchUp(reason: CatchUpReason): void;
	/** Redis could not be reached or refused a command; fan-out resumes by itself. */
	onError?(err: Error): void;
}

export interface Fanout {
	readonly processId: string;
	/** Hear this record's updates from other processes (while its document is loaded). */
	follow(recordId: string): Promise<void>;
	/**
	 * Says HELLO: this process now serves the record (its document is loaded), so the others
	 * publish its updates again, share their presence, and answer for what they left unpublished.
	 */
	greet(recordId: string): Promise<void>;
	unfollow(recordId: string): Promise<void>;
	/** Tell the other processes of an update already committed (rowId: its row, so they need not read it back). */
	publish(recordId: string, update: Uint8Array, rowId?: number): Promise<void>;
	/** Tell the other processes of an awareness change of this process's connections (never stored; same channel, its own kind byte). */
	publishAwareness(recordId: string, update: Uint8Array): Promise<void>;
	/** The other processes whose heartbeat was alive at the last beat. */
	peers(): string[];
	close(): Promise<void>;
}

/** What a message carries, its first byte. */
const UPDATE = 0;
const AWARENESS = 1;
/** The sender started following the record (no payload). */
const HELLO = 2;
/**
 * "Read the stored log again" (no payload), from a process that left updates of the record
 * unpublished: in answer to a HELLO, and once it can publish again after a PUBLISH failed
 * (Redis away), to every process that follows the record.
 */
const WELCOME = 3;
const ROW_ID_BYTES = 6;
const NOTHING = new Uint8Array(0);

interface Followed {
	/** The SUBSCRIBE, done when it resolves (after a reconnect, the one of every record followed). */
	subscribing: Promise<unknown>;
	/** Whether Redis confirmed the SUBSCRIBE (since the subscriber last connected). */
	subscribed: boolean;
	/** Whether another process may follow the record: false once a PUBLISH reached only this process, true again at a HELLO. */
	others: boolean;
	/** Counts the HELLOs heard: a PUBLISH's count of receivers, sent before one, says nothing about the process that said it. */
	hellos: number;
	/** Whether a message went unpublished (skipped, or its PUBLISH failed) since the others were last told. */
	skipped: boolean;
}

/**
 * [kind][id length][id][payload]: binary, since Yjs updates are bytes and base64 would add a
 * third. An update's payload starts with its row id, 6 bytes (ids below 2^48).
 */
function encode(kind: number, processId: string, update: Uint8Array): Buffer {
	const id = Buffer.from(processId, 'utf8');
	return Buffer.concat([Buffer.from([kind, id.length]), id, update]);
}

/** `body` is a view into the message: copy it to keep it (the parser may reuse the memory it read into). */
function decode(message: Buffer): { kind: number; from: string; body: Uint8Array } | null {
	if (message.length < 2 || message.length < 2 + message[1]) return null;
	const from = message.subarray(2, 2 + message[1]).toString('utf8');
	return { kind: message[0], from, body: message.subarray(2 + message[1]) };
}

export async function startFanout(options: FanoutOptions): Promise<Fanout> {
	const prefix = options.prefix ?? 'samla:';
	const processId = options.processId ?? randomBytes(8).toString('hex');
	if (Buffer.byteLength(processId) > 255) throw new Error('a process id must fit in 255 bytes');
	const heartbeatMs = options.heartbeatMs ?? 5000;
	const peerTimeoutMs = options.peerTimeoutMs ?? 3 * heartbeatMs;
	const channel = (recordId: string) => `${prefix}rec:${recordId}`;
	const beatKey = (id: string) => `${prefix}proc:${id}`;
	const members = `${prefix}procs`;
	const reportError = (err: unknown) => options.onError?.(err instanceof Error ? err : new Error(String(err)));

	// Named, so CLIENT LIST shows which process holds which connection.
	// No offline queue: while Redis is away a publish fails at once (the others catch up from
	// the log) rather than piling up to be sent, stale, on reconnect.
	const pub = new Redis(options.redisUrl, { connectionName: `${prefix}${processId}:pub`, lazyConnect: true, enableOfflineQueue: false });
	const sub = new Redis(options.redisUrl, {
		connectionName: `${prefix}${processId}:sub`,
		lazyConnect: true,
		// Resubscribed by hand below, so catch-up starts only once the subscriptions are back.
		autoResubscribe: false
	});
	pub.on('error', reportError);
	sub.on('error', reportError);
	/** A start that fails, at its connect or its first beat, leaves no caller to close these: they would go on retrying. */
	const abandon = (err: unknown): never => {
		pub.disconnect();
		sub.disconnect();
		throw err;
	};
	await Promise.all([pub.connect(), sub.connect()]).catch(abandon);

	/** Records followed, each with its SUBSCRIBE (confirmed when it resolves). */
	const followed = new Map<string, Followed>();
	let closed = false;
	const hello = (recordId: string) => pub.publish(channel(recordId), encode(HELLO, processId, NOTHING));
	async function subscribe(records: string[]): Promise<void> {
		await sub.subscribe(...records.map(channel));
		for (const recordId of records) {
			const f = followed.get(recordId);
			if (f) f.subscribed = true;
		}
	}
	/** Publishes unless nobody else follows the record; learns from the count of receivers whether anybody does. */
	async function send(recordId: string, message: Buffer): Promise<void> {
		const f = followed.get(recordId);
		if (f && !f.others) {
			f.skipped = true;
			return;
		}
		const hellos = f?.hellos;
		const receivers = await pub.publish(channel(recordId), message).catch((err: unknown) => {
			// The others may have caught up already (their subscriber reconnected first): told again once this one can publish.
			if (f) f.skipped = true;
			throw err;
		});
		// Only this process's own subscription heard it, and it is known to be in place: no HELLO came meanwhile, so no one else follows.
		if (f && receivers <= 1 && f.hellos === hellos && f.subscribed && followed.get(recordId) === f) f.others = false;
	}
	function welcome(recordId: string, f: Followed): void {
		f.skipped = false;
		pub.publish(channel(recordId), encode(WELCOME, processId, NOTHING)).catch((err: unknown) => {
			f.skipped = true;
			reportError(err);
		});
	}
	function heard(recordId: string, f: Followed, kind: number, from: string): void {
		if (kind === HELLO) {
			f.hellos++;
			f.others = true;
			if (f.skipped) welcome(recordId, f);
			options.onJoined?.(recordId, from);
		} else if (kind === WELCOME) options.onWelcome?.(recordId, from);
	}
	sub.on('messageBuffer', (channelBuffer: Buffer, message: Buffer) => {
		const name = channelBuffer.toString('utf8');
		if (!name.startsWith(`${prefix}rec:`)) return;
		const decoded = decode(message);
		if (!decoded || decoded.from === processId) return;
		const recordId = name.slice(prefix.length + 4);
		const f = followed.get(recordId);
		if (!f) return;
		if (decoded.kind === HELLO || decoded.kind === WELCOME) return heard(recordId, f, decoded.kind, decoded.from);
		// Copied only now: this process hears its own messages too, and drops them above.
		const payload = new Uint8Array(decoded.body);
		if (decoded.kind === UPDATE && payload.length >= ROW_ID_BYTES) {
			const rowId = Buffer.from(payload.buffer, payload.byteOffset, ROW_ID_BYTES).readUIntBE(0, ROW_ID_BYTES);
			options.onUpdate(recordId, payload.subarray(ROW_ID_BYTES), decoded.from, rowId);
		} else if (decoded.kind === AWARENESS) options.onAwareness?.(recordId, payload, decoded.from);
	});
	sub.on('ready', () => {
		if (closed) return;
		const records = [...followed.keys()];
		const again = records.length ? subscribe(records) : Promise.resolve();
		// A follow() from now on waits for these (one made while Redis was away never got an answer).
		for (const f of followed.values()) {
			f.subscribing = again;
			f.subscribed = false;
			f.others = true;
			f.hellos++;
		}
		again.then(() => {
			options.onCatchUp({ kind: 'reconnect' });
			greetAll();
		}, reportError);
	});

	/**
	 * HELLO again on every record, once both connections are back: the others may have stopped
	 * publishing to this process while it was away. And WELCOME to all on a record whose
	 * update went unpublished meanwhile.
	 */
	function greetAll(): void {
		if (closed || pub.status !== 'ready' || sub.status !== 'ready') return;
		for (const [recordId, f] of followed) {
			hello(recordId).catch(reportError);
			if (f.skipped) welcome(recordId, f);
		}
	}
	pub.on('ready', greetAll);

	let known = new Set<string>();
	let beating: Promise<void> | null = null;
	async function beat(): Promise<void> {
		await pub.multi().set(beatKey(processId), '1', 'PX', peerTimeoutMs).sadd(members, processId).exec();
		const others = (await pub.smembers(members)).filter((m) => m !== processId);
		const present = others.length ? await pub.mget(...others.map(beatKey)) : [];
		const alive = new Set(others.filter((_, i) => present[i] !== null));
		const dead = others.filter((m) => !alive.has(m));
		if (dead.length) await pub.srem(members, ...dead);
		for (const peer of known) if (!alive.has(peer)) options.onCatchUp({ kind: 'peer-lost', peer });
		known = alive;
	}
	await beat().catch(abandon);
	const timer = setInterval(() => {
		// One beat at a time: while Redis is away, beats are skipped rather than queued up.
		beating ??= beat()
			.catch(reportError)
			.finally(() => (beating = null));
	}, heartbeatMs);
	timer.unref();

	return {
		processId,
		async follow(recordId) {
			let f = followed.get(recordId);
			if (!f) {
				f = { subscribing: Promise.resolve(), subscribed: false, others: true, hellos: 0, skipped: false };
				followed.set(recordId, f);
				f.subscribing = subscribe([recordId]);
			}
			await f.subscribing;
		},
		async greet(recordId) {
			await hello(recordId);
		},
		async unfollow(recordId) {
			if (!followed.delete(recordId)) return;
			await sub.unsubscribe(channel(recordId));
		},
		async publish(recordId, update, rowId = 0) {
			const row = Buffer.alloc(ROW_ID_BYTES);
			row.writeUIntBE(rowId, 0, ROW_ID_BYTES);
			await send(recordId, encode(UPDATE, processId, Buffer.concat([row, update])));
		},
		async publishAwareness(recordId, update) {
			await send(recordId, encode(AWARENESS, processId, update));
		},
		peers: () => [...known],
		async close() {
			closed = true;
			clearInterval(timer);
			// Each wait on Redis is bounded (redis-end.ts): a partitioned network answers nothing.
			if (beating) await within(beating);
			// Leaving on purpose: peers see it gone at their next beat rather than after the timeout.
			await within(pub.multi().del(beatKey(processId)).srem(members, processId).exec().catch(reportError));
			await Promise.all([endConnection(pub), endConnection(sub)]);
		}
	};
}
