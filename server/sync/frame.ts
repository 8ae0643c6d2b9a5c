/**
 * A message as the WebSocket frame the server sends it in (RFC 6455 §5.2: one final,
 * binary, unmasked frame, no extension: the sync server does not negotiate compression),
 * built once for every socket it goes to. ws.send frames a message again for each socket
 * and writes its header and payload apart (cork, two writes, a writev); a keystroke goes
 * to every socket of its record, so the server wrote the same frame some twenty times over.
 * One buffer written as is costs about a fifth less CPU per socket (BENCHMARKS.md).
 */

/** Final fragment, opcode 2 (binary). */
const FIN_BINARY = 0x82;

/** A frame for a message of `n` bytes, its header written; the message goes from the returned offset on. */
export function allocFrame(n: number): { frame: Buffer; at: number } {
	const head = n < 126 ? 2 : n < 65536 ? 4 : 10;
	const frame = Buffer.allocUnsafe(head + n);
	frame[0] = FIN_BINARY;
	if (n < 126) frame[1] = n;
	else if (n < 65536) {
		frame[1] = 126;
		frame.writeUInt16BE(n, 2);
	} else {
		frame[1] = 127;
		frame.writeUInt32BE(Math.floor(n / 2 ** 32), 2);
		frame.writeUInt32BE(n >>> 0, 6);
	}
	return { frame, at: head };
}

export function binaryFrame(message: Uint8Array): Buffer {
	const { frame, at } = allocFrame(message.byteLength);
	frame.set(message, at);
	return frame;
}
