/**
 * One worker thread of bench/sync.ts: a share of one set-up's clients (the stock y-websocket
 * provider, as a browser tab runs it), whole documents at a time, so that a keystroke and its
 * arrival at the document's other clients are timed on one clock. Each set-up has workers of
 * its own: run at once, one set-up's deliveries never wait behind the other's in a thread
 * they share, and the clients of one are not the bench process's single event loop.
 */
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { fieldText } from '../src/lib/records/ydoc';
import { KEYSTROKE, keystrokeMark, keystrokesIn } from './keystrokes';
import type { Seat } from './sync-servers';

export interface ClientsSetup {
	/** The set-up's servers: a seat's `proc` is an index into it. */
	urls: string[];
	/** Keystrokes a second per document, and how many one person types before the next takes over. */
	rate: number;
	run: number;
}

/** A client's seat, and the server process it connects to. */
export type PlacedSeat = Seat & { proc: number };

export type ToClients =
	| { type: 'connect'; seats: PlacedSeat[] }
	/** Start typing; each document's first keystroke `offsets[room]` ms from now, so documents do not type on the same tick. */
	| { type: 'type'; offsets: Record<string, number> }
	/** Keystrokes from now on are the measured ones. */
	| { type: 'measure' }
	| { type: 'stop' }
	| { type: 'settle'; timeoutMs: number };

export interface Connected {
	type: 'connected';
	/** Per client: from creating the provider to its first sync, ms. */
	connectMs: number[];
}

export interface Settled {
	type: 'settled';
	/** Per delivery of a measured keystroke: from the keystroke to its arrival at another client of the document, ms. */
	latencies: number[];
	/** The same, for deliveries to a client on another server process than the typist's. */
	crossLatencies: number[];
	/** Measured keystrokes. */
	sent: number;
	/** Keystrokes (all, the warm-up's too) some client of the document lacks, over every client. */
	lostAtClients: number;
	/** room -> keystrokes typed in it, the warm-up's too. */
	sentPerRoom: Record<string, number>;
}

interface Client {
	room: string;
	proc: number;
	doc: Y.Doc;
	provider: WebsocketProvider;
}

const { urls, rate, run } = workerData as ClientsSetup;
const port = parentPort!;
// Each provider adds a process 'exit' listener; thousands of them are expected here.
process.setMaxListeners(0);

const clients: Client[] = [];
const byRoom = new Map<string, Client[]>();
const sentAt = new Map<number, { at: number; proc: number }>();
const sentPerRoom = new Map<string, number>();
const latencies: number[] = [];
const crossLatencies: number[] = [];
let sent = 0;
/** Keystrokes with a lower id were typed during the warm-up: checked for loss, not timed. */
let measuredFrom = Infinity;
/** Deliveries of measured keystrokes due: one to every other client of the document. */
let expected = 0;
let timers: ReturnType<typeof setTimeout>[] = [];

const summary = (doc: Y.Doc) => fieldText(doc, 'summary')!;

function socketWith(cookie: string): typeof WebSocket {
	return class extends WebSocket {
		constructor(address: string | URL, protocols?: string | string[]) {
			super(address, protocols, { headers: cookie ? { cookie } : {} });
		}
	} as unknown as typeof WebSocket;
}

function open({ room, cookie, proc }: PlacedSeat): Promise<number> {
	const started = performance.now();
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(urls[proc], room, doc, {
		WebSocketPolyfill: socketWith(cookie) as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	return new Promise((resolve) =>
		provider.once('sync', () => {
			summary(doc).observe((event) => {
				if (event.transaction.local) return;
				const now = performance.now();
				for (const op of event.delta) {
					if (typeof op.insert !== 'string') continue;
					for (const m of op.insert.matchAll(KEYSTROKE)) {
						if (Number(m[1]) < measuredFrom) continue;
						const typed = sentAt.get(Number(m[1]))!;
						latencies.push(now - typed.at);
						if (typed.proc !== proc) crossLatencies.push(now - typed.at);
					}
				}
			});
			const client = { room, proc, doc, provider };
			clients.push(client);
			byRoom.set(room, [...(byRoom.get(room) ?? []), client]);
			resolve(performance.now() - started);
		})
	);
}

/** 100 at a time: a thousand people do not all press enter in the same millisecond. */
async function connect(seats: PlacedSeat[]): Promise<Connected> {
	const connectMs: number[] = [];
	for (let i = 0; i < seats.length; i += 100) connectMs.push(...(await Promise.all(seats.slice(i, i + 100).map(open))));
	return { type: 'connected', connectMs };
}

function type(offsets: Record<string, number>): void {
	timers = [...byRoom].map(([room, members]) => {
		let n = 0;
		const keystroke = () => {
			const typist = members[Math.floor(n++ / run) % members.length];
			const id = sent++;
			sentAt.set(id, { at: performance.now(), proc: typist.proc });
			if (id >= measuredFrom) expected += members.length - 1;
			const text = summary(typist.doc);
			text.insert(text.length, keystrokeMark(id));
			sentPerRoom.set(room, (sentPerRoom.get(room) ?? 0) + 1);
		};
		return setTimeout(() => timers.push(setInterval(keystroke, 1000 / rate)), offsets[room] ?? 0);
	});
}

/** Waits for every measured keystroke to arrive (or the time is up), counts what is missing, and closes the clients. */
async function settle(timeoutMs: number): Promise<Settled> {
	const until = performance.now() + timeoutMs;
	while (latencies.length < expected && performance.now() < until) await new Promise((r) => setTimeout(r, 50));
	let lostAtClients = 0;
	for (const c of clients) lostAtClients += (sentPerRoom.get(c.room) ?? 0) - keystrokesIn(summary(c.doc).toString());
	for (const c of clients) {
		c.provider.awareness.destroy();
		c.provider.destroy();
		c.doc.destroy();
	}
	return {
		type: 'settled',
		latencies,
		crossLatencies,
		sent: Math.max(0, sent - measuredFrom),
		lostAtClients,
		sentPerRoom: Object.fromEntries(sentPerRoom)
	};
}

port.on('message', async (msg: ToClients) => {
	if (msg.type === 'connect') port.postMessage(await connect(msg.seats));
	else if (msg.type === 'type') {
		type(msg.offsets);
		port.postMessage({ type: 'typing' });
	} else if (msg.type === 'measure') {
		measuredFrom = sent;
		port.postMessage({ type: 'measuring' });
	} else if (msg.type === 'stop') {
		// clearTimeout clears an interval too (Node's timers are one kind).
		for (const t of timers) clearTimeout(t);
		port.postMessage({ type: 'stopped' });
	} else if (msg.type === 'settle') port.postMessage(await settle(msg.timeoutMs));
});
