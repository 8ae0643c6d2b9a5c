/**
 * The y-websocket wire protocol (y-protocols sync and awareness), read defensively: a
 * message's framing, state vector and awareness states are decoded completely before
 * anything acts on them, so a message that fails half way has changed nothing. A Yjs
 * update inside is checked once, by whoever takes it (the document store, or
 * isEmptyUpdate for a viewer).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { allocFrame } from './frame';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_AUTH = 2;
const MESSAGE_QUERY_AWARENESS = 3;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

export class ProtocolError extends Error {}

/** A well-formed message over a bound below; the socket is closed with 4413. */
export class OversizeError extends ProtocolError {}

/**
 * Bounds on awareness (presence) states, checked on the bytes before JSON.parse sees them:
 * a page's state is a user, a field key and perhaps a cursor, a few hundred bytes. A deep
 * one would overflow the stack when the room encodes it again with JSON.stringify.
 */
export const AWARENESS_LIMITS = {
	/** Bytes of one client's state as JSON. */
	stateBytes: 2048,
	/** Nesting of objects and arrays in one state. */
	depth: 8,
	/** States in one message (the stock provider repeats everyone's, so a busy room sends many). */
	entries: 256
} as const;

export type Incoming =
	| { kind: 'sync-step1'; stateVector: Uint8Array }
	/** Sync step 2 and plain updates mean the same to a server: apply this update. */
	| { kind: 'update'; update: Uint8Array }
	| { kind: 'awareness'; states: AwarenessEntry[] }
	| { kind: 'query-awareness' }
	/** Permission messages flow server -> client only; a client's is ignored. */
	| { kind: 'auth' };

export interface AwarenessEntry {
	clientId: number;
	clock: number;
	/** null: the client left. */
	state: Record<string, unknown> | null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** How deep objects and arrays nest in JSON text, read on its bytes (brackets inside strings do not count). */
function jsonDepth(bytes: Uint8Array): number {
	let depth = 0;
	let max = 0;
	let inString = false;
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i];
		if (inString) {
			if (b === 0x5c) i++;
			else if (b === 0x22) inString = false;
		} else if (b === 0x22) inString = true;
		else if (b === 0x7b || b === 0x5b) max = Math.max(max, ++depth);
		else if (b === 0x7d || b === 0x5d) depth--;
	}
	return max;
}

export function readAwareness(payload: Uint8Array): AwarenessEntry[] {
	const d = decoding.createDecoder(payload);
	const n = decoding.readVarUint(d);
	if (n > AWARENESS_LIMITS.entries) throw new OversizeError(`${n} awareness states in one message`);
	const out: AwarenessEntry[] = [];
	for (let i = 0; i < n; i++) {
		const clientId = decoding.readVarUint(d);
		const clock = decoding.readVarUint(d);
		const json = decoding.readVarUint8Array(d);
		if (json.length > AWARENESS_LIMITS.stateBytes) throw new OversizeError(`an awareness state of ${json.length} bytes`);
		if (jsonDepth(json) > AWARENESS_LIMITS.depth) throw new OversizeError('an awareness state nested too deep');
		const state: unknown = JSON.parse(utf8.decode(json));
		if (state !== null && (typeof state !== 'object' || Array.isArray(state))) throw new ProtocolError('awareness state is not an object');
		out.push({ clientId, clock, state: state as AwarenessEntry['state'] });
	}
	return out;
}

/** Who an awareness entry is about, and how new it is: all an echo check needs. */
export type AwarenessHead = Pick<AwarenessEntry, 'clientId' | 'clock'>;

/**
 * The heads of an awareness message's entries, read without decoding or parsing their
 * states; null for any other message, or one that is not well formed within the bounds
 * (parseMessage then says why). The stock provider repeats every awareness change it hears
 * back to the server, so most awareness messages a room receives are such echoes: each
 * entry's JSON is only worth checking and parsing once the message is known to be news.
 */
export function awarenessHeads(data: Uint8Array): AwarenessHead[] | null {
	try {
		const d = decoding.createDecoder(data);
		if (decoding.readVarUint(d) !== MESSAGE_AWARENESS) return null;
		const payload = decoding.createDecoder(decoding.readVarUint8Array(d));
		const n = decoding.readVarUint(payload);
		if (n > AWARENESS_LIMITS.entries) return null;
		const heads: AwarenessHead[] = [];
		for (let i = 0; i < n; i++) {
			const clientId = decoding.readVarUint(payload);
			const clock = decoding.readVarUint(payload);
			const bytes = decoding.readVarUint(payload);
			if (bytes > AWARENESS_LIMITS.stateBytes) return null;
			decoding.readUint8Array(payload, bytes);
			heads.push({ clientId, clock });
		}
		return heads;
	} catch {
		return null;
	}
}

/** Throws ProtocolError for anything that is not a complete, well-formed message. */
export function parseMessage(data: Uint8Array): Incoming {
	try {
		const d = decoding.createDecoder(data);
		const type = decoding.readVarUint(d);
		switch (type) {
			case MESSAGE_SYNC: {
				const step = decoding.readVarUint(d);
				const payload = decoding.readVarUint8Array(d);
				if (step === SYNC_STEP1) {
					Y.decodeStateVector(payload);
					return { kind: 'sync-step1', stateVector: payload };
				}
				if (step === SYNC_STEP2 || step === SYNC_UPDATE) return { kind: 'update', update: payload };
				throw new ProtocolError(`unknown sync step ${step}`);
			}
			case MESSAGE_AWARENESS:
				return { kind: 'awareness', states: readAwareness(decoding.readVarUint8Array(d)) };
			case MESSAGE_QUERY_AWARENESS:
				return { kind: 'query-awareness' };
			case MESSAGE_AUTH:
				return { kind: 'auth' };
			default:
				throw new ProtocolError(`unknown message type ${type}`);
		}
	} catch (err) {
		throw err instanceof ProtocolError ? err : new ProtocolError((err as Error).message);
	}
}

/** An update that changes nothing: what a viewer's client sends back to a sync step 1. Throws ProtocolError for bytes that are no update. */
export function isEmptyUpdate(update: Uint8Array): boolean {
	try {
		const { structs, ds } = Y.decodeUpdate(update);
		return structs.length === 0 && ds.clients.size === 0;
	} catch (err) {
		throw new ProtocolError((err as Error).message);
	}
}

function message(write: (e: encoding.Encoder) => void): Uint8Array {
	const e = encoding.createEncoder();
	write(e);
	return encoding.toUint8Array(e);
}

export function syncStep1Message(doc: Y.Doc): Uint8Array {
	return message((e) => {
		encoding.writeVarUint(e, MESSAGE_SYNC);
		encoding.writeVarUint(e, SYNC_STEP1);
		encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
	});
}

export function syncStep2Message(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
	return message((e) => {
		encoding.writeVarUint(e, MESSAGE_SYNC);
		encoding.writeVarUint(e, SYNC_STEP2);
		encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc, stateVector));
	});
}

export function updateMessage(update: Uint8Array): Uint8Array {
	return message((e) => {
		encoding.writeVarUint(e, MESSAGE_SYNC);
		encoding.writeVarUint(e, SYNC_UPDATE);
		encoding.writeVarUint8Array(e, update);
	});
}

/**
 * updateMessage(update) in its WebSocket frame (binaryFrame), written straight into one
 * buffer: every stored update is sent on in one, so the encoder's buffers and the copy
 * from the message into the frame are saved on every keystroke.
 */
export function updateFrame(update: Uint8Array): Buffer {
	const len = update.byteLength;
	let lenBytes = 1;
	for (let v = len; v > 0x7f; v = Math.floor(v / 128)) lenBytes++;
	const { frame, at } = allocFrame(2 + lenBytes + len);
	let i = at;
	frame[i++] = MESSAGE_SYNC;
	frame[i++] = SYNC_UPDATE;
	// lib0's varuint: seven bits a byte, least significant first, the high bit set on all but the last.
	let v = len;
	for (; v > 0x7f; v = Math.floor(v / 128)) frame[i++] = 0x80 | (v & 0x7f);
	frame[i++] = v;
	frame.set(update, i);
	return frame;
}

export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
	return message((e) => {
		encoding.writeVarUint(e, MESSAGE_AWARENESS);
		encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
	});
}

export function encodeAwareness(entries: AwarenessEntry[]): Uint8Array {
	return message((e) => {
		encoding.writeVarUint(e, entries.length);
		for (const s of entries) {
			encoding.writeVarUint(e, s.clientId);
			encoding.writeVarUint(e, s.clock);
			encoding.writeVarString(e, JSON.stringify(s.state));
		}
	});
}
