/**
 * One accepted sync socket. Every message is rate-limited and checked before it acts
 * (protocol.ts, the store's check-update.ts and the records' record-schema.ts); anything wrong closes this
 * socket with a code from close-codes.ts and leaves the document and every other socket as
 * they were. Whatever fails while handling a message closes this socket alone (1011): no
 * message can end the process.
 */
import type { Duplex } from 'node:stream';
import { WebSocket, type RawData } from 'ws';
import { CloseCode } from '../../src/lib/collab/close-codes';
import { MalformedUpdateError } from '../../src/lib/server/docs/store';
import { UpdateOrigin } from '../../src/lib/server/docs/origins';
import { RefusedUpdateError, type RefusalReason } from '../../src/lib/server/records/live/record-schema';
import type { PersonBudget } from './budgets';
import { binaryFrame } from './frame';
import type { Principal } from './principal';
import {
	awarenessHeads,
	isEmptyUpdate,
	OversizeError,
	parseMessage,
	ProtocolError,
	syncStep1Message,
	syncStep2Message,
	type Incoming
} from './protocol';
import { TokenBucket, type Rate } from './rate-limit';
import type { Room } from './room';

export interface ConnectionLimits {
	messages: Rate;
}

const REFUSED: Record<RefusalReason, number> = {
	schema: CloseCode.refused,
	size: CloseCode.tooLarge,
	role: CloseCode.notPermitted
};

export class SyncConnection {
	/** Cleared by each heartbeat, set again by the pong (or any message). */
	alive = true;
	readonly awarenessClients = new Set<number>();
	/** Tags this connection's changes, so the room does not echo them back and the store knows who made them. */
	readonly origin: UpdateOrigin;
	private readonly messages: TokenBucket;
	private readonly leave: () => void;
	private closed = false;

	constructor(
		readonly ws: WebSocket,
		/** The socket under `ws`, written to directly with frames built once per message (frame.ts). */
		private readonly socket: Duplex,
		readonly room: Room,
		readonly principal: Principal,
		/** Kept to check the session again while the socket is open. */
		readonly cookie: string | undefined,
		limits: ConnectionLimits,
		/** The person's, shared with their other sockets. */
		private readonly budget: PersonBudget,
		private readonly log: (line: string) => void,
		/** Called once, as soon as the connection is closed or closing: it no longer counts. */
		private readonly onClosed: (conn: SyncConnection) => void
	) {
		this.origin = new UpdateOrigin(principal.canWrite ? { id: principal.userId, name: principal.name } : null, 'socket', {
			approver: principal.canApprove
		});
		this.messages = new TokenBucket(limits.messages);
		this.leave = room.session.join(principal.userId);
		room.add(this);
		ws.on('message', (data, isBinary) => this.receive(data, isBinary));
		ws.on('pong', () => (this.alive = true));
		ws.on('close', () => this.detach());
		// A frame over maxPayload or a broken socket: ws has sent its close frame (1009) and closes the socket itself.
		ws.on('error', () => this.detach());
		// A viewer is never asked for its state: it has nothing the server would take.
		if (principal.canWrite) this.send(syncStep1Message(room.session.doc));
		const awareness = room.awarenessSnapshot();
		if (awareness) this.send(awareness);
	}

	get canWrite(): boolean {
		return this.principal.canWrite;
	}

	get canApprove(): boolean {
		return this.principal.canApprove;
	}

	send(message: Uint8Array): void {
		this.sendFrame(binaryFrame(message));
	}

	/** A frame from binaryFrame, the same bytes ws.send would write; its own control frames (ping, close) go to the same socket in order. */
	sendFrame(frame: Buffer): void {
		if (this.ws.readyState === WebSocket.OPEN) this.socket.write(frame);
	}

	close(code: number, reason: string): void {
		if (this.closed) return;
		this.detach();
		this.ws.close(code, reason);
	}

	terminate(): void {
		this.detach();
		this.ws.terminate();
	}

	private detach(): void {
		if (this.closed) return;
		this.closed = true;
		this.leave();
		this.room.remove(this);
		this.onClosed(this);
	}

	private receive(data: RawData, isBinary: boolean): void {
		try {
			this.handle(data, isBinary);
		} catch (err) {
			this.failed(err);
		}
	}

	/** What no check foresaw: logged, and this socket closed; the room and every other socket go on. */
	private failed(err: unknown): void {
		this.log(`samla: a sync message on record ${this.room.session.recordId} failed: ${(err as Error)?.stack ?? err}`);
		try {
			this.close(CloseCode.internalError, 'internal error');
		} catch {
			this.ws.terminate();
		}
	}

	private handle(data: RawData, isBinary: boolean): void {
		if (this.closed) return;
		this.alive = true;
		const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
		if (!this.budget.bytes.take(bytes.byteLength)) return this.close(CloseCode.rateLimited, 'too many bytes');
		if (!isBinary) return this.close(CloseCode.malformed, 'text frame');
		// An echo changes nothing: dropped before its states are parsed (see awarenessHeads). A
		// message whose first byte is not 1 is of another type (lib0's varuint 1 is that byte alone).
		const heads = bytes[0] === 1 ? awarenessHeads(bytes) : null;
		if (heads && this.room.isEcho(this, heads)) return;
		let msg: Incoming;
		try {
			msg = parseMessage(bytes);
		} catch (err) {
			if (err instanceof OversizeError) return this.close(CloseCode.tooLarge, 'awareness state too large');
			return this.close(CloseCode.malformed, err instanceof ProtocolError ? 'malformed message' : 'unreadable message');
		}
		if (!this.messages.take()) return this.close(CloseCode.rateLimited, 'too many messages');
		this.act(msg);
	}

	private act(msg: Incoming): void {
		const { session } = this.room;
		switch (msg.kind) {
			case 'sync-step1':
				// Answered once all that is in the document is stored: the answer is a broadcast too.
				void session
					.persisted()
					.then(() => {
						if (!this.closed && !this.room.closed) this.send(syncStep2Message(session.doc, msg.stateVector));
					})
					.catch((err: unknown) => this.failed(err));
				return;
			case 'update':
				try {
					if (!this.canWrite) {
						if (!isEmptyUpdate(msg.update)) this.close(CloseCode.readOnly, 'read-only connection');
						return;
					}
					session.apply(msg.update, this.origin);
				} catch (err) {
					if (err instanceof RefusedUpdateError) {
						this.log(`samla: refused an update on record ${session.recordId} from user ${this.principal.userId}: ${err.message}`);
						return this.close(
							REFUSED[err.reason],
							err.reason === 'role' ? 'not permitted' : err.reason === 'size' ? 'too large' : 'refused'
						);
					}
					if (err instanceof MalformedUpdateError || err instanceof ProtocolError)
						return this.close(CloseCode.malformed, 'not a Yjs update');
					this.log(`samla: sync update on record ${session.recordId} failed: ${(err as Error).message}`);
					this.close(CloseCode.storeFailed, 'update failed');
				}
				return;
			case 'awareness':
				this.room.applyAwareness(this, msg.states);
				return;
			case 'query-awareness': {
				const awareness = this.room.awarenessSnapshot();
				if (awareness) this.send(awareness);
				return;
			}
			case 'auth':
				return;
		}
	}
}
