/** Reading the frames the sync server writes to its sockets itself (server/sync/frame.ts), for tests that stand in for a socket. */

/** The payload of one final, binary, unmasked frame; anything else throws. */
export function unframe(frame: Buffer): Uint8Array {
	if (frame[0] !== 0x82) throw new Error(`frame starts with ${frame[0]}, not a final binary frame`);
	const n = frame[1] & 0x7f;
	if (frame[1] & 0x80) throw new Error('a server frame is masked');
	const [head, length] = n < 126 ? [2, n] : n === 126 ? [4, frame.readUInt16BE(2)] : [10, Number(frame.readBigUInt64BE(2))];
	if (frame.length !== head + length) throw new Error(`a frame of ${frame.length} bytes says its payload is ${length}`);
	return frame.subarray(head);
}
