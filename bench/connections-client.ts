/**
 * One worker thread of bench/connections.ts: a share of the clients (the stock
 * y-websocket provider, as a browser tab runs it), whole records at a time, so that a
 * keystroke and its arrival at the record's other clients are timed on one clock.
 * Several workers keep the client side from being what the bench measures.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { fieldText } from '../src/lib/records/ydoc';

export interface Seat {
	room: string;
	cookie: string;
}

export interface WorkerSetup {
	url: string;
	/** This worker's number and how many there are: keystroke ids are unique over all of them. */
	index: number;
	workers: number;
}

export type ToWorker =
	| { type: 'connect'; seats: Seat[]; inFlight: number; timeoutMs: number }
	| { type: 'type'; rooms: string[]; rate: number; seconds: number; run: number }
	| { type: 'settle'; timeoutMs: number }
	| { type: 'close' };

export interface Connected {
	type: 'connected';
	/** Per seat that synced: from creating the provider to its first sync, ms. */
	syncMs: number[];
	/** Seats that had not synced when the time ran out. */
	unsynced: number;
}

export interface Settled {
	type: 'settled';
	/** Per delivery: from the keystroke to its arrival at another client of the record, ms. */
	latencies: number[];
	sent: number;
	/** Deliveries expected (each keystroke to every other client of its record) and missing. */
	lostAtClients: number;
	/** room -> the summary as every client of it has it; rooms whose clients disagree are in `diverged`. */
	texts: Record<string, string>;
	diverged: string[];
	/** room -> keystrokes typed in it */
	sentPerRoom: Record<string, number>;
	/** Close codes the clients saw (1006: the socket dropped or the upgrade was refused) and failed attempts. */
	closeCodes: Record<string, number>;
	connectionErrors: number;
	/** Clients connected and synced now, and all clients. */
	connectedNow: number;
	clients: number;
	/** This worker's event-loop utilisation while its clients typed (1 = never idle; time descheduled counts as busy). */
	typingElu: number;
	/** Its event-loop delay while they typed, p99 and max, ms: what its own scheduling adds to a delivery. */
	typingLoopP99: number;
	typingLoopMax: number;
}

const { url, index, workers } = workerData as WorkerSetup;
const port = parentPort!;
// Each provider adds a process 'exit' listener; thousands of them are expected here.
process.setMaxListeners(0);

const MARK = /‹(\d+)›/g;

interface Client {
	room: string;
	doc: Y.Doc;
	provider: WebsocketProvider;
}

const clients: Client[] = [];
const byRoom = new Map<string, Client[]>();
const sentAt = new Map<number, number>();
const sentPerRoom = new Map<string, number>();
const latencies: number[] = [];
const closeCodes: Record<string, number> = {};
let connectionErrors = 0;
let sent = 0;
let typingElu = 0;
const loopDelay = monitorEventLoopDelay({ resolution: 10 });

const summary = (doc: Y.Doc) => fieldText(doc, 'summary')!;

function socketWith(cookie: string): typeof WebSocket {
	return class extends WebSocket {
		constructor(address: string | URL, protocols?: string | string[]) {
			super(address, protocols, { headers: { cookie } });
		}
	} as unknown as typeof WebSocket;
}

/** Opens one client and resolves with its time to first sync, or null if it did not sync in time. */
function open(seat: Seat, timeoutMs: number): Promise<number | null> {
	const started = performance.now();
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(url, seat.room, doc, {
		WebSocketPolyfill: socketWith(seat.cookie) as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	provider.on('connection-close', (event) => {
		const code = String(event?.code ?? 'closed here');
		closeCodes[code] = (closeCodes[code] ?? 0) + 1;
	});
	provider.on('connection-error', () => connectionErrors++);
	const client: Client = { room: seat.room, doc, provider };
	clients.push(client);
	byRoom.set(seat.room, [...(byRoom.get(seat.room) ?? []), client]);
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve(null), timeoutMs);
		provider.once('sync', () => {
			clearTimeout(timer);
			const ms = performance.now() - started;
			summary(doc).observe((event) => {
				if (event.transaction.local) return;
				const now = performance.now();
				for (const op of event.delta) {
					if (typeof op.insert !== 'string') continue;
					for (const m of op.insert.matchAll(MARK)) latencies.push(now - sentAt.get(Number(m[1]))!);
				}
			});
			resolve(ms);
		});
	});
}

/** At most `inFlight` handshakes at once: the ramp goes as fast as the server takes them. */
async function connect(seats: Seat[], inFlight: number, timeoutMs: number): Promise<Connected> {
	const syncMs: number[] = [];
	let unsynced = 0;
	let next = 0;
	const lane = async () => {
		while (next < seats.length) {
			const ms = await open(seats[next++], timeoutMs);
			if (ms === null) unsynced++;
			else syncMs.push(ms);
		}
	};
	await Promise.all(Array.from({ length: Math.min(inFlight, seats.length) }, lane));
	return { type: 'connected', syncMs, unsynced };
}

/** Types into each room at `rate` keystrokes a second for `seconds`; a person types `run` of them, then the next. */
async function type(rooms: string[], rate: number, seconds: number, run: number): Promise<void> {
	const eluStart = performance.eventLoopUtilization();
	loopDelay.enable();
	const timers = rooms.map((room, r) => {
		const members = byRoom.get(room)!;
		let n = 0;
		const keystroke = () => {
			const typist = members[Math.floor(n++ / run) % members.length];
			const id = sent++ * workers + index;
			sentAt.set(id, performance.now());
			const text = summary(typist.doc);
			text.insert(text.length, `‹${id}›`);
			sentPerRoom.set(room, (sentPerRoom.get(room) ?? 0) + 1);
		};
		// Staggered so that the records do not all type on the same tick.
		const interval: { t?: ReturnType<typeof setInterval> } = {};
		const start = setTimeout(() => (interval.t = setInterval(keystroke, 1000 / rate)), (r * (1000 / rate)) / rooms.length);
		return { start, interval };
	});
	await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
	for (const { start, interval } of timers) {
		clearTimeout(start);
		clearInterval(interval.t);
	}
	typingElu = performance.eventLoopUtilization(eluStart).utilization;
	loopDelay.disable();
}

/** Waits until every keystroke has reached every other client of its record (or the time is up), then reports. */
async function settle(timeoutMs: number): Promise<Settled> {
	let expected = 0;
	for (const [room, n] of sentPerRoom) expected += n * (byRoom.get(room)!.length - 1);
	const until = performance.now() + timeoutMs;
	while (latencies.length < expected && performance.now() < until) await new Promise((r) => setTimeout(r, 50));
	let lostAtClients = 0;
	const texts: Record<string, string> = {};
	const diverged: string[] = [];
	for (const [room, members] of byRoom) {
		const typed = sentPerRoom.get(room) ?? 0;
		for (const c of members) lostAtClients += typed - (summary(c.doc).toString().match(MARK)?.length ?? 0);
		const [first, ...rest] = members.map((c) => summary(c.doc).toString());
		texts[room] = first;
		if (rest.some((t) => t !== first)) diverged.push(room);
	}
	return {
		type: 'settled',
		latencies,
		sent,
		lostAtClients,
		texts,
		diverged,
		sentPerRoom: Object.fromEntries(sentPerRoom),
		closeCodes,
		connectionErrors,
		connectedNow: clients.filter((c) => c.provider.wsconnected && c.provider.synced).length,
		clients: clients.length,
		typingElu,
		typingLoopP99: loopDelay.percentile(99) / 1e6,
		typingLoopMax: loopDelay.max / 1e6
	};
}

port.on('message', async (msg: ToWorker) => {
	if (msg.type === 'connect') port.postMessage(await connect(msg.seats, msg.inFlight, msg.timeoutMs));
	else if (msg.type === 'type') {
		await type(msg.rooms, msg.rate, msg.seconds, msg.run);
		port.postMessage({ type: 'typed' });
	} else if (msg.type === 'settle') port.postMessage(await settle(msg.timeoutMs));
	else if (msg.type === 'close') {
		for (const c of clients) {
			c.provider.awareness.destroy();
			c.provider.destroy();
			c.doc.destroy();
		}
		port.postMessage({ type: 'closed' });
	}
});
