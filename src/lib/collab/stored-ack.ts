/**
 * Asks the sync server to confirm that what this page sent is stored. y-websocket sends
 * updates without acknowledgement; but our server answers a sync step 1 only after all
 * that is in the document is stored (server/sync/connection.ts), and answers a socket's
 * messages in order. So a step 1 sent after the page's changes, and its step 2 answer
 * arriving, means those changes passed the server's gate and are in the database; a
 * refused change closes the socket instead. Written by hand: no provider offers this.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebsocketProvider } from 'y-websocket';
import * as syncProtocol from 'y-protocols/sync';

const MESSAGE_SYNC = 0;

export class StoredAck {
	/** The step 2 answers the server owes this socket, oldest first: a ticket for ours, null for the provider's own step 1. */
	private owed: (number | null)[] = [];
	private ws: WebSocket | null = null;
	/** The server has sent its step 1 and the provider answered it with everything the server lacked. */
	private exchanged = false;
	private wanted: number | null = null;
	private timer: ReturnType<typeof setTimeout> | null = null;

	constructor(
		private readonly provider: WebsocketProvider,
		private readonly onStored: (ticket: number) => void
	) {
		provider.on('status', this.onStatus);
	}

	/**
	 * Asks for a confirmation of everything sent up to now, once the socket's first exchange
	 * is done; a burst of typing asks once, a moment after it stops.
	 */
	request(ticket: number, delayMs = 300): void {
		this.wanted = ticket;
		if (this.timer) clearTimeout(this.timer);
		this.timer = setTimeout(this.send, delayMs);
	}

	destroy(): void {
		if (this.timer) clearTimeout(this.timer);
		this.provider.off('status', this.onStatus);
		this.detach();
	}

	private readonly send = () => {
		this.timer = null;
		const ws = this.ws;
		if (this.wanted === null || !ws || ws.readyState !== WebSocket.OPEN || !this.exchanged) return;
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, MESSAGE_SYNC);
		syncProtocol.writeSyncStep1(e, this.provider.doc);
		ws.send(encoding.toUint8Array(e));
		this.owed.push(this.wanted);
		this.wanted = null;
	};

	private readonly onStatus = ({ status }: { status: string }) => {
		if (status !== 'connected') return this.detach();
		this.detach();
		this.ws = this.provider.ws;
		// Emitted just before the provider sends its own step 1 on this socket.
		this.owed = [null];
		this.ws?.addEventListener('message', this.onMessage);
		this.ws?.addEventListener('close', this.detach);
	};

	private readonly detach = () => {
		this.ws?.removeEventListener('message', this.onMessage);
		this.ws?.removeEventListener('close', this.detach);
		this.ws = null;
		this.owed = [];
		this.exchanged = false;
	};

	/** Runs after the provider's own handler, which has already answered the server's step 1. */
	private readonly onMessage = (event: MessageEvent) => {
		if (!(event.data instanceof ArrayBuffer)) return;
		const d = decoding.createDecoder(new Uint8Array(event.data));
		if (decoding.readVarUint(d) !== MESSAGE_SYNC) return;
		const kind = decoding.readVarUint(d);
		if (kind === syncProtocol.messageYjsSyncStep1) {
			this.exchanged = true;
			if (this.wanted !== null) this.send();
		} else if (kind === syncProtocol.messageYjsSyncStep2) {
			const ticket = this.owed.shift();
			if (ticket !== undefined && ticket !== null) this.onStored(ticket);
		}
	};
}
