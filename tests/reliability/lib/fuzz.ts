/**
 * Fuzzing the sync endpoint and the document store.
 *
 * Cases are generated from a seeded random source (a failure names its seed and case
 * number, and the bytes). Most are fed in process to the real message handler: a
 * SyncConnection on a real Room over a real DocStore and SQLite file, with a stand-in for
 * the WebSocket, which is fast enough for hundreds of thousands of cases. A sample goes
 * over real sockets to the real SyncServer (see fuzz.spec.ts).
 *
 * Beside the fuzzed connections sits one steady client that syncs the document the way
 * the stock provider does; everything the server sends it must decode, and its copy must
 * stay equal to the live document.
 */
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import fc from 'fast-check';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { WebSocket } from 'ws';
import { FIELDS, type FieldDef } from '../../../src/lib/records/fields';
import { encodeRecordState, fieldList, fieldText, fieldsMap, newContactItem, newListItem } from '../../../src/lib/records/ydoc';
import { PersonBudget } from '../../../server/sync/budgets';
import { SyncConnection, type ConnectionLimits } from '../../../server/sync/connection';
import type { Principal } from '../../../server/sync/principal';
import { updateMessage } from '../../../server/sync/protocol';
import type { Room } from '../../../server/sync/room';
import { validRecord as validRecordArb } from '../../collab/arbitraries';
import { unframe } from '../../helpers/frame';
import type { Rng } from './common';

export interface Frame {
	data: Uint8Array | string;
	binary: boolean;
}

export interface FuzzCase {
	kind: string;
	role: 'editor' | 'viewer';
	frames: Frame[];
	/** An honest client's edit: the server must accept it and keep the connection open. */
	mustBeAccepted?: boolean;
}

/** The server's limits (sync-server.ts defaults). */
export const LIMITS: ConnectionLimits = { messages: { perSecond: 100, burst: 300 } };
/** Bytes per person; each case is a person of its own here, as the over-sockets run has a budget per case's socket. */
const BYTES = { perSecond: 512 * 1024, burst: 4 * 1024 * 1024 };

/** Stands in for a `ws` WebSocket: what SyncConnection uses of it. */
export class FakeSocket extends EventEmitter {
	static readonly OPEN = 1;
	readyState = 1;
	closeCode: number | null = null;
	sent = 0;

	constructor(private readonly onSend: (data: Uint8Array) => void = () => {}) {
		super();
	}

	send(data: Uint8Array): void {
		this.sent++;
		this.onSend(data);
	}

	/** Stands in for the socket under it: the connection writes whole frames there, each read back here. */
	readonly socket = {
		write: (frame: Buffer): boolean => {
			this.send(unframe(frame));
			return true;
		}
	};

	ping(): void {}

	close(code = 1000): void {
		if (this.readyState !== 1) return;
		this.readyState = 3;
		this.closeCode = code;
		this.emit('close', code, Buffer.alloc(0));
	}

	terminate(): void {
		this.close(1006);
	}

	/** What ws does with a frame from the client. */
	receive(frame: Frame): void {
		if (this.readyState !== 1) return;
		const data =
			typeof frame.data === 'string'
				? Buffer.from(frame.data)
				: Buffer.from(frame.data.buffer, frame.data.byteOffset, frame.data.byteLength);
		this.emit('message', data, frame.binary);
	}
}

export function openConnection(
	room: Room,
	principal: Principal,
	log: (line: string) => void,
	onSend?: (d: Uint8Array) => void
): { ws: FakeSocket; conn: SyncConnection } {
	const ws = new FakeSocket(onSend);
	room.hold();
	const conn = new SyncConnection(
		ws as unknown as WebSocket,
		ws.socket as unknown as Duplex,
		room,
		principal,
		undefined,
		LIMITS,
		new PersonBudget(BYTES),
		log,
		() => {}
	);
	room.release();
	return { ws, conn };
}

/**
 * The steady client: a Y.Doc and an Awareness fed by everything the server sends on its
 * connection, answering as the stock provider does. Throws (failing the run) if the
 * server ever sends it something a client cannot read.
 */
export class SteadyClient {
	readonly doc = new Y.Doc();
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	ws!: FakeSocket;
	received = 0;

	constructor() {
		this.awareness.setLocalState(null);
	}

	destroy(): void {
		this.awareness.destroy();
		this.doc.destroy();
	}

	attach(room: Room, principal: Principal, log: (line: string) => void): void {
		this.ws = openConnection(room, principal, log, (data) => this.onMessage(data)).ws;
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, 0);
		syncProtocol.writeSyncStep1(e, this.doc);
		this.ws.receive({ data: encoding.toUint8Array(e), binary: true });
	}

	private onMessage(data: Uint8Array): void {
		this.received++;
		const d = decoding.createDecoder(data);
		const type = decoding.readVarUint(d);
		if (type === 0) {
			const reply = encoding.createEncoder();
			encoding.writeVarUint(reply, 0);
			syncProtocol.readSyncMessage(d, reply, this.doc, 'server');
			if (encoding.length(reply) > 1) {
				const bytes = encoding.toUint8Array(reply);
				queueMicrotask(() => this.ws.receive({ data: bytes, binary: true }));
			}
		} else if (type === 1) {
			awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(d), 'server');
		} else {
			throw new Error(`the server sent a message of type ${type}`);
		}
	}
}

// ---------------------------------------------------------------- byte helpers

const bytes = (write: (e: encoding.Encoder) => void) => {
	const e = encoding.createEncoder();
	write(e);
	return encoding.toUint8Array(e);
};

export function randomBytes(rng: Rng, n: number): Uint8Array {
	const out = new Uint8Array(n);
	for (let i = 0; i < n; i++) out[i] = Math.floor(rng() * 256);
	return out;
}

const int = (rng: Rng, max: number) => Math.floor(rng() * max);

/** A length for random content: mostly short, sometimes kilobytes. */
function size(rng: Rng): number {
	const r = rng();
	return r < 0.6 ? int(rng, 24) : r < 0.95 ? int(rng, 600) : int(rng, 20_000);
}

/** A varint that never ends: every byte has its continuation bit set. */
const unterminated = (rng: Rng) => Uint8Array.from({ length: 1 + int(rng, 9) }, () => 0x80 | int(rng, 128));
/** More than 53 bits: lib0 refuses it. */
const tooBig = () => Uint8Array.from([...Array(9).fill(0xff), 0x7f]);
const concat = (...parts: Uint8Array[]) => {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
};
const varUint = (n: number) => bytes((e) => encoding.writeVarUint(e, n));

function syncMessage(step: number, payload: Uint8Array): Uint8Array {
	return bytes((e) => {
		encoding.writeVarUint(e, 0);
		encoding.writeVarUint(e, step);
		encoding.writeVarUint8Array(e, payload);
	});
}

function awarenessMessage(entries: { clientId: number; clock: number; state: string }[]): Uint8Array {
	return bytes((e) => {
		encoding.writeVarUint(e, 1);
		encoding.writeVarUint8Array(
			e,
			bytes((inner) => {
				encoding.writeVarUint(inner, entries.length);
				for (const x of entries) {
					encoding.writeVarUint(inner, x.clientId);
					encoding.writeVarUint(inner, x.clock);
					encoding.writeVarString(inner, x.state);
				}
			})
		);
	});
}

// ---------------------------------------------------------------- the generator

/**
 * Makes cases. `honest` is a replica of the live document that the test keeps in step
 * (it applies what the steady client receives); honest edits are made on it, so they are
 * updates the server must accept.
 */
export class CaseGenerator {
	readonly counts = new Map<string, number>();
	private readonly foreign: Uint8Array[] = [];
	private readonly honestSnapshot: Uint8Array;
	private scratch: Y.Doc | null = null;
	private scratchUses = 0;

	constructor(
		private readonly rng: Rng,
		private readonly honest: Y.Doc,
		seed: number
	) {
		this.honestSnapshot = Y.encodeStateAsUpdate(honest);
		this.foreign = foreignUpdates(rng, seed, this.honestSnapshot);
	}

	private readonly kinds: [string, number, () => Omit<FuzzCase, 'kind'>][] = [
		['random bytes', 14, () => this.frames(randomBytes(this.rng, size(this.rng)))],
		['truncated varint', 8, () => this.frames(this.truncated())],
		['huge varint', 4, () => this.frames(this.huge())],
		['valid header, garbage payload', 16, () => this.frames(this.garbagePayload())],
		['oversized length', 8, () => this.frames(this.oversized())],
		['update for another document', 10, () => this.frames(this.wrap(this.foreign[int(this.rng, this.foreign.length)]))],
		['mutated honest update', 12, () => this.frames(this.mutate(this.wrap(this.honestEdit(true))))],
		['honest edit', 10, () => ({ ...this.frames(this.wrap(this.honestEdit(false))), mustBeAccepted: true })],
		['hostile-shape edit', 4, () => this.frames(this.wrap(this.hostileEdit()))],
		['awareness garbage', 6, () => this.frames(this.awarenessGarbage())],
		['awareness deep or huge', 3, () => this.frames(this.awarenessHostile())],
		['forged server part', 3, () => this.frames(this.wrap(this.forgedServerPart()))],
		['awareness flood', 1, () => this.awarenessFlood()],
		['state vector probe', 3, () => this.frames(syncMessage(0, this.stateVector()))],
		['viewer writes', 2, () => ({ ...this.frames(this.wrap(this.honestEdit(true))), role: 'viewer' })],
		[
			'text frame',
			2,
			() => ({ role: 'editor', frames: [{ data: Buffer.from(randomBytes(this.rng, size(this.rng))).toString('latin1'), binary: false }] })
		]
	];
	private readonly total = this.kinds.reduce((n, k) => n + k[1], 0);

	next(): FuzzCase {
		let r = this.rng() * this.total;
		for (const [kind, weight, make] of this.kinds) {
			r -= weight;
			if (r < 0) {
				this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
				return { kind, ...make() };
			}
		}
		throw new Error('unreachable');
	}

	private frames(...data: Uint8Array[]): Omit<FuzzCase, 'kind'> {
		return { role: 'editor', frames: data.map((d) => ({ data: d, binary: true })) };
	}

	/** As a sync step 2 or a plain update, the two ways a client sends one. */
	private wrap(update: Uint8Array): Uint8Array {
		return syncMessage(this.rng() < 0.3 ? 1 : 2, update);
	}

	private truncated(): Uint8Array {
		const valid = this.wrap(this.honestEdit(true));
		switch (int(this.rng, 4)) {
			case 0:
				return unterminated(this.rng);
			case 1:
				return concat(Uint8Array.of(0), unterminated(this.rng));
			case 2:
				return concat(Uint8Array.of(0, int(this.rng, 3)), unterminated(this.rng));
			default:
				return valid.slice(0, int(this.rng, valid.length));
		}
	}

	private huge(): Uint8Array {
		switch (int(this.rng, 4)) {
			case 0:
				return tooBig();
			case 1:
				return concat(Uint8Array.of(0), tooBig());
			case 2:
				return concat(Uint8Array.of(0, 2), tooBig(), randomBytes(this.rng, 8));
			default:
				return concat(Uint8Array.of(1), varUint(30), varUint(1), tooBig(), tooBig(), randomBytes(this.rng, 16));
		}
	}

	private garbagePayload(): Uint8Array {
		const payload = randomBytes(this.rng, size(this.rng));
		switch (int(this.rng, 6)) {
			case 0:
				return syncMessage(0, payload); // a state vector that is not one
			case 1:
			case 2:
				return syncMessage(1 + int(this.rng, 2), payload); // an update that is not one
			case 3:
				return syncMessage(3 + int(this.rng, 200), payload); // an unknown sync step
			case 4:
				return bytes((e) => {
					encoding.writeVarUint(e, 1);
					encoding.writeVarUint8Array(e, payload);
				});
			default:
				return concat(Uint8Array.of(2 + int(this.rng, 2)), payload); // auth, query-awareness with junk after
		}
	}

	private oversized(): Uint8Array {
		const claimed = [2 ** 20 + 1, 2 ** 31, 2 ** 40, Number.MAX_SAFE_INTEGER][int(this.rng, 4)];
		const tail = randomBytes(this.rng, int(this.rng, 64));
		switch (int(this.rng, 3)) {
			case 0:
				return concat(Uint8Array.of(0, int(this.rng, 3)), varUint(claimed), tail);
			case 1:
				return concat(Uint8Array.of(1), varUint(claimed), tail);
			default: // an awareness message claiming millions of entries
				return concat(Uint8Array.of(1), varUint(8 + tail.length), varUint(claimed), tail.slice(0, 7));
		}
	}

	/**
	 * A copy of the honest replica for edits the server may never apply (they are mutated,
	 * or refused). Copying the document for every case would cost more than the case, so
	 * the copy is refreshed every 64 uses. Its edits use a few client ids only: a fresh id
	 * per edit would grow every state vector by one entry per case and make the run slow.
	 */
	private detached(): Y.Doc {
		if (!this.scratch || ++this.scratchUses > 64) {
			this.scratch?.destroy();
			this.scratch = replicaOf(this.honest);
			this.scratchUses = 0;
		}
		this.scratch.clientID = 1_000_000 + int(this.rng, 16);
		return this.scratch;
	}

	/** An edit as a person would make it, on the honest replica; `detached` makes it on a copy instead. */
	private honestEdit(detached: boolean): Uint8Array {
		const doc = detached ? this.detached() : this.honest;
		return captureUpdate(doc, () => {
			// Within the registry's bounds (the server refuses anything past them): a full text is trimmed, not grown.
			const textDef = pickTextDef(this.rng);
			const text = fieldText(doc, textDef.key);
			const list = fieldList(doc, 'themes');
			const r = this.rng();
			if (text && r < 0.6) {
				const s = text.length;
				const piece = randomText(this.rng).slice(0, textDef.max.chars);
				if (s > 0 && (s + piece.length > textDef.max.chars || (s > 400 && this.rng() < 0.7))) {
					const at = int(this.rng, Math.max(1, s - 50));
					text.delete(at, 1 + int(this.rng, Math.min(50, s - at)));
				} else text.insert(int(this.rng, s + 1), piece);
			} else if (list && r < 0.8) {
				if (list.length > Math.min(6, THEMES.max.items - 1)) list.delete(int(this.rng, list.length), 1);
				else list.insert(int(this.rng, list.length + 1), [newListItem(randomText(this.rng).slice(0, THEMES.max.chars))]);
			} else {
				const def = pickScalarDef(this.rng);
				fieldsMap(doc).set(def.key, randomText(this.rng).slice(0, def.max.chars));
			}
		});
	}

	/** Valid Yjs, wrong shapes: numbers, nested maps and arrays where the registry expects text; keys it does not know. Made on a copy: the server refuses them. */
	private hostileEdit(): Uint8Array {
		const doc = this.detached();
		const fields = fieldsMap(doc);
		const key = FIELDS[int(this.rng, FIELDS.length)].key;
		const values: (() => unknown)[] = [
			() => 42,
			() => null,
			() => ({ evil: true }),
			() => [1, 2, 3],
			() => new Y.Map(),
			() => new Y.Array(),
			() => new Y.Text('wrong kind'),
			() => new Y.XmlFragment(),
			() => 'x'.repeat(int(this.rng, 20_000))
		];
		const value = values[int(this.rng, values.length)]();
		const where = int(this.rng, 4);
		return captureUpdate(doc, () => {
			if (where === 0) fields.set(key, value);
			else if (where === 1) fields.delete(key);
			else if (where === 2) doc.getMap('review').set('state', value);
			else doc.getMap(`junk${int(this.rng, 5)}`).set('k', value);
		});
	}

	/**
	 * What an editor may not write, made as a client would make it: the review state, a
	 * forged approval, note or changed-by stamp, a contact made public, a field past its
	 * bound, hidden text in a root of its own. Made on a fresh copy, so that each refers only
	 * to what the server has, and must be refused for what it is.
	 */
	private forgedServerPart(): Uint8Array {
		const doc = replicaOf(this.honest);
		doc.clientID = 2_000_000 + int(this.rng, 16);
		const review = doc.getMap('review');
		const forgeries: (() => void)[] = [
			() => review.set('state', 'approved'),
			() => review.set('approval', { version: 7, by: 'Mallory', at: new Date(0).toISOString() }),
			() => review.set('note', { text: 'forged', by: 'Mallory', at: new Date(0).toISOString() }),
			() => review.delete('state'),
			() => doc.getMap('changedBy').set('title', { id: 'someone', name: 'Someone Else', at: new Date(0).toISOString() }),
			() => fieldList(doc, 'contacts')?.push([newContactItem({ name: 'Anna Andersson', phone: '070-000 00 00', public: true })]),
			() => fieldText(doc, 'title')?.insert(0, 'x'.repeat(501)),
			() => fieldText(doc, 'summary')?.insert(0, 'y'.repeat(20_001)),
			() => doc.getText(`hidden${int(this.rng, 3)}`).insert(0, 'z'.repeat(1 + int(this.rng, 200_000)))
		];
		try {
			return captureUpdate(doc, forgeries[int(this.rng, forgeries.length)]);
		} finally {
			doc.destroy();
		}
	}

	private mutate(message: Uint8Array): Uint8Array {
		const m = message.slice();
		const flips = 1 + int(this.rng, 6);
		for (let i = 0; i < flips; i++) m[int(this.rng, m.length)] = int(this.rng, 256);
		return this.rng() < 0.3
			? m.slice(0, 1 + int(this.rng, m.length))
			: this.rng() < 0.2
				? concat(m, randomBytes(this.rng, 1 + int(this.rng, 16)))
				: m;
	}

	private stateVector(): Uint8Array {
		if (this.rng() < 0.5) return randomBytes(this.rng, size(this.rng));
		const n = int(this.rng, 20);
		return bytes((e) => {
			encoding.writeVarUint(e, n);
			for (let i = 0; i < n; i++) {
				encoding.writeVarUint(e, int(this.rng, 2 ** 32));
				encoding.writeVarUint(e, int(this.rng, 2 ** 40));
			}
		});
	}

	private awarenessGarbage(): Uint8Array {
		const states = [
			'{}',
			'null',
			'"a string"',
			'[1,2]',
			'42',
			'{"user":{"name":"Mallory","id":"admin"}}',
			'{not json',
			'',
			JSON.stringify({ big: 'x'.repeat(int(this.rng, 200_000)) })
		];
		const n = 1 + int(this.rng, 12);
		return awarenessMessage(
			Array.from({ length: n }, () => ({
				clientId: this.rng() < 0.2 ? this.honest.clientID : int(this.rng, 2 ** 32),
				clock: int(this.rng, 2 ** 32),
				state: states[int(this.rng, states.length)]
			}))
		);
	}

	/** States nested thousands deep (JSON.stringify would overflow the stack) or over the size bound. */
	private awarenessHostile(): Uint8Array {
		const depth = 9 + int(this.rng, 20_000);
		const deep = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
		const wide = JSON.stringify({ user: { name: 'x'.repeat(2048 + int(this.rng, 200_000)) } });
		const arrays = '['.repeat(depth) + ']'.repeat(depth);
		const state = [deep, wide, arrays][int(this.rng, 3)];
		return awarenessMessage([{ clientId: int(this.rng, 2 ** 31), clock: 1 + int(this.rng, 100), state }]);
	}

	/** Hundreds of awareness messages on one connection: the rate limit must close it. */
	private awarenessFlood(): Omit<FuzzCase, 'kind'> {
		const id = int(this.rng, 2 ** 31);
		const frames: Frame[] = [];
		for (let clock = 0; clock < 400; clock++)
			frames.push({ data: awarenessMessage([{ clientId: id, clock, state: JSON.stringify({ cursor: clock }) }]), binary: true });
		return { role: 'editor', frames };
	}
}

const TEXT_DEFS: FieldDef[] = FIELDS.filter((f) => f.kind === 'text' || f.kind === 'longtext');
const SCALAR_DEFS: FieldDef[] = FIELDS.filter((f) => ['rate', 'date', 'country', 'count'].includes(f.kind));
const THEMES: FieldDef = FIELDS.find((f) => f.key === 'themes')!;
const pickTextDef = (rng: Rng) => TEXT_DEFS[int(rng, TEXT_DEFS.length)];
const pickScalarDef = (rng: Rng) => SCALAR_DEFS[int(rng, SCALAR_DEFS.length)];
const ALPHABET = 'abcåäö ÅÄÖ 0123456789 -,.€💶\u0000\u200b\ud800';
const randomText = (rng: Rng) => Array.from({ length: 1 + int(rng, 12) }, () => ALPHABET[int(rng, ALPHABET.length)]).join('');

/** The update one transaction makes, as a provider sends it (not the whole delete set, as a diff against a state vector would). */
function captureUpdate(doc: Y.Doc, change: () => void): Uint8Array {
	let update: Uint8Array = Y.encodeStateAsUpdate(new Y.Doc());
	const grab = (u: Uint8Array) => (update = u);
	doc.on('update', grab);
	try {
		doc.transact(change);
	} finally {
		doc.off('update', grab);
	}
	return update;
}

export function replicaOf(doc: Y.Doc): Y.Doc {
	const d = new Y.Doc();
	Y.applyUpdate(d, Y.encodeStateAsUpdate(doc));
	return d;
}

/** Valid Yjs updates that belong to other documents, or arrive out of order. */
function foreignUpdates(rng: Rng, seed: number, snapshot: Uint8Array): Uint8Array[] {
	const out: Uint8Array[] = [];
	// Whole other records.
	for (const r of fc.sample(validRecordArb, { seed, numRuns: 40 })) out.push(encodeRecordState(r));
	for (let i = 0; i < 40; i++) {
		const d = new Y.Doc();
		// The same root names with other types, and other roots.
		const kind = int(rng, 5);
		if (kind === 0) d.getArray('fields').push([randomText(rng), 7, { a: 1 }]);
		else if (kind === 1) d.getText('fields').insert(0, randomText(rng));
		else if (kind === 2) d.getXmlFragment('review').insert(0, [new Y.XmlElement('p')]);
		else if (kind === 3) d.getMap('changedBy').set('title', { id: 1, name: null });
		else d.getMap(`root${i}`).set('x', randomText(rng));
		out.push(Y.encodeStateAsUpdate(d));
		// V2 bytes where V1 is expected.
		out.push(Y.encodeStateAsUpdateV2(d));
	}
	// Updates whose dependencies never arrive: the tail of a longer history.
	for (let i = 0; i < 30; i++) {
		const d = new Y.Doc();
		Y.applyUpdate(d, snapshot);
		const t = fieldText(d, 'summary');
		if (!t) continue;
		for (let k = 0; k < 5; k++) t.insert(0, randomText(rng));
		const sv = Y.encodeStateVector(d);
		for (let k = 0; k < 5; k++) t.insert(int(rng, t.length), randomText(rng));
		out.push(Y.encodeStateAsUpdate(d, sv));
	}
	// The same client id as an earlier edit, with other content at the same clocks.
	for (let i = 0; i < 20; i++) {
		const d = new Y.Doc();
		Y.applyUpdate(d, snapshot);
		d.clientID = 1 + int(rng, 5);
		fieldText(d, 'title')?.insert(0, randomText(rng));
		out.push(Y.encodeStateAsUpdate(d, Y.encodeStateVector(new Y.Doc())));
	}
	// Deletions of ranges of clients no one has seen.
	for (let i = 0; i < 20; i++) {
		out.push(
			bytes((e) => {
				encoding.writeVarUint(e, 0);
				encoding.writeVarUint(e, 1);
				encoding.writeVarUint(e, int(rng, 2 ** 32));
				encoding.writeVarUint(e, 1);
				encoding.writeVarUint(e, int(rng, 2 ** 20));
				encoding.writeVarUint(e, 1 + int(rng, 2 ** 20));
			})
		);
	}
	return out;
}

export { updateMessage };
