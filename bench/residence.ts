/** Shared by the sync and connections benches: a server's own time per keystroke. */
import { Socket } from 'node:net';
import { WebSocket } from 'ws';

/**
 * How long a keystroke stays in the server, measured the same way for both servers by
 * watching the sockets: the marker a keystroke inserts is found in the frame the server
 * reads and in the first frame it sends. Free of the clients' own scheduling noise. Sends
 * are watched at the TCP socket, where ws.send (the stock server) and Samla's frames built
 * once per message (server/sync/frame.ts) both end, so the watching costs both alike. Only
 * a WebSocket's own socket counts: in PostgreSQL mode the keystroke's bytes first leave in
 * the append's query (and then on Redis), which is not sending it on.
 */
export function timeResidence(): number[] {
	const out: number[] = [];
	const readAt = new Map<string, number>();
	const markers = (data: unknown) =>
		Buffer.isBuffer(data) || data instanceof Uint8Array || data instanceof ArrayBuffer
			? Buffer.from(data as Uint8Array)
					.toString('latin1')
					.match(/\u00e2\u0080\u00b9\d+/g)
			: null;
	const emit = WebSocket.prototype.emit;
	WebSocket.prototype.emit = function (this: WebSocket, event: string | symbol, ...args: unknown[]) {
		if (event === 'message') for (const m of markers(args[0]) ?? []) if (!readAt.has(m)) readAt.set(m, performance.now());
		return emit.call(this, event, ...args);
	};
	const write = Socket.prototype.write;
	Socket.prototype.write = function (this: Socket, data: unknown, ...rest: unknown[]) {
		if (carriesWebSocket(this))
			for (const m of markers(data) ?? []) {
				const at = readAt.get(m);
				if (at !== undefined) {
					out.push(performance.now() - at);
					readAt.delete(m);
				}
			}
		return (write as (...a: unknown[]) => boolean).call(this, data, ...rest);
	} as Socket['write'];
	return out;
}

/** ws marks the socket under a WebSocket with a symbol of its own (websocket.js, setSocket); a database connection has none. */
let kWebSocket: symbol | undefined;
function carriesWebSocket(socket: Socket): boolean {
	kWebSocket ??= Object.getOwnPropertySymbols(socket).find((s) => s.description === 'websocket');
	return kWebSocket !== undefined && (socket as unknown as Record<symbol, unknown>)[kWebSocket] !== undefined;
}
