/**
 * Test clients: the stock y-websocket provider, each on one record, signed in with a
 * session cookie, reconnecting with exponential backoff plus jitter (the provider's own
 * backoff has none, so a thousand clients would otherwise come back in lockstep).
 *
 * Every edit is a token `[author.n]`, written into the summary text or into a list
 * (themes, partners, regions), as a new item or into the client's own item (at a token boundary, so no token is
 * ever split). A token in a client's document that another client wrote is an edit that client
 * has *received*. Fields stay well within their bounds in the registry (the server refuses
 * an edit past them), leaving room for what the other clients type meanwhile.
 */
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { fieldDef } from '../../../src/lib/records/fields';
import { fieldList, fieldText, newListItem } from '../../../src/lib/records/ydoc';
import { socketWith } from '../../sync/harness';
import type { Rng } from './common';

// Each provider listens for the process's exit; a thousand of them are expected here.
process.setMaxListeners(Math.max(process.getMaxListeners(), 5000));

const TOKEN = /\[([a-z0-9]+)\.(\d+)\]/g;

/**
 * How full a client lets the summary get: far below its bound, as every client of a record
 * adds to it at once, also while the server is down (offline edits arrive together).
 */
const SUMMARY_CHARS = 8_000;
/** The lists tokens go into besides the summary: three, for room enough for the long crash test's tens of thousands of edits. */
const LISTS = ['themes', 'partners', 'regions'] as const;
/** A list item is written by the client that made it alone, so it may be filled close to its bound. */
const ITEM_CHARS = fieldDef('themes').max.chars - 50;
/** New items come from every client at once: room left for those made offline. */
const ITEMS = fieldDef('themes').max.items - 50;

/** Inserts the token at a token boundary of the text. */
function insertToken(text: Y.Text, token: string, rng: Rng): void {
	const s = text.toString();
	const boundaries = [0];
	for (let i = s.indexOf(']'); i >= 0; i = s.indexOf(']', i + 1)) boundaries.push(i + 1);
	text.insert(boundaries[Math.floor(rng() * boundaries.length)], token);
}

/** Every edit token in a record document. */
export function tokensOf(doc: Y.Doc): Set<string> {
	const out = new Set<string>();
	const collect = (s: string) => {
		for (const m of s.matchAll(TOKEN)) out.add(m[0]);
	};
	collect(fieldText(doc, 'summary')?.toString() ?? '');
	for (const key of LISTS) for (const item of fieldList(doc, key)?.toArray() ?? []) if (item instanceof Y.Text) collect(item.toString());
	return out;
}

export const authorOf = (token: string) => token.slice(1, token.indexOf('.'));

export interface EditorOptions {
	/** ws://host:port/sync */
	url: string;
	recordId: string;
	cookie: string;
	/** Names this client's tokens; lower-case letters and digits. */
	author: string;
	rng: Rng;
	/** The longest wait between reconnect attempts. */
	maxBackoffMs?: number;
	/** Set an awareness state (as an editor's cursor does). */
	awareness?: boolean;
}

export class EditorClient {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	readonly author: string;
	readonly recordId: string;
	/** Tokens this client wrote, in order. */
	readonly sent: string[] = [];
	/** Close codes of the connections the server (or the network) closed. */
	readonly closeCodes: number[] = [];
	/** Times a connection was established. */
	connects = 0;
	private seq = 0;
	/** The list item this client writes into; no one else does. */
	private mine: Y.Text | null = null;
	private destroyed = false;
	private readonly rng: Rng;
	private readonly maxBackoffMs: number;

	constructor(opts: EditorOptions) {
		this.author = opts.author;
		this.recordId = opts.recordId;
		this.rng = opts.rng;
		this.maxBackoffMs = opts.maxBackoffMs ?? 2000;
		this.provider = new WebsocketProvider(opts.url, opts.recordId, this.doc, {
			WebSocketPolyfill: socketWith({ cookie: opts.cookie }) as unknown as typeof globalThis.WebSocket,
			disableBc: true,
			maxBackoffTime: this.maxBackoffMs
		});
		if (opts.awareness) this.provider.awareness.setLocalStateField('cursor', { field: 'summary', at: 0 });
		else this.provider.awareness.setLocalState(null);
		this.provider.on('status', ({ status }) => {
			if (status === 'connected') this.connects++;
		});
		this.provider.on('connection-close', (event) => {
			if (event) this.closeCodes.push(event.code);
			this.rescheduleWithJitter();
		});
	}

	/**
	 * Takes over the provider's reconnect: it has already scheduled one at 100 ms * 2^n
	 * (capped); we cancel that (shouldConnect=false makes it a no-op) and connect again at
	 * a random point between half and one and a half times that delay.
	 */
	private rescheduleWithJitter(): void {
		if (this.destroyed) return;
		const p = this.provider;
		p.shouldConnect = false;
		const backoff = Math.min(100 * 2 ** (p.wsUnsuccessfulReconnects + 1), this.maxBackoffMs);
		setTimeout(
			() => {
				if (!this.destroyed) p.connect();
			},
			backoff * (0.5 + this.rng())
		);
	}

	get synced(): boolean {
		return this.provider.synced;
	}

	/** The document has the record's layout (it synced at least once). */
	get ready(): boolean {
		return fieldText(this.doc, 'summary') !== null && LISTS.every((key) => fieldList(this.doc, key) !== null);
	}

	/** One edit; null when the document has not synced yet. */
	edit(): string | null {
		if (!this.ready) return null;
		const token = `[${this.author}.${++this.seq}]`;
		const summary = fieldText(this.doc, 'summary')!;
		const lists = LISTS.map((key) => fieldList(this.doc, key)!).filter((l) => l.length < ITEMS);
		if (this.rng() < 0.8 && summary.length + token.length <= SUMMARY_CHARS) insertToken(summary, token, this.rng);
		else if (this.mine && this.mine.length + token.length <= ITEM_CHARS) insertToken(this.mine, token, this.rng);
		else if (lists.length) {
			const list = lists[Math.floor(this.rng() * lists.length)];
			const item = newListItem(token);
			list.insert(Math.floor(this.rng() * (list.length + 1)), [item]);
			this.mine = item;
		} else return null;
		this.sent.push(token);
		return token;
	}

	/** Tokens written by other clients that this one has received. */
	received(): string[] {
		return [...tokensOf(this.doc)].filter((t) => authorOf(t) !== this.author);
	}

	destroy(): void {
		this.destroyed = true;
		this.provider.destroy();
		this.doc.destroy();
	}
}

/** Each client edits at random intervals while `on` is true, until stop(). */
export class EditLoop {
	on = true;
	private stopped = false;
	private readonly timers = new Set<ReturnType<typeof setTimeout>>();

	constructor(
		private readonly clients: EditorClient[],
		private readonly rng: Rng,
		private readonly gapMs: [number, number]
	) {
		for (const c of clients) this.schedule(c);
	}

	private schedule(c: EditorClient): void {
		if (this.stopped) return;
		const t = setTimeout(
			() => {
				this.timers.delete(t);
				if (this.on && !this.stopped) c.edit();
				this.schedule(c);
			},
			this.gapMs[0] + this.rng() * (this.gapMs[1] - this.gapMs[0])
		);
		this.timers.add(t);
	}

	stop(): void {
		this.stopped = true;
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
	}

	get sent(): number {
		return this.clients.reduce((n, c) => n + c.sent.length, 0);
	}
}
