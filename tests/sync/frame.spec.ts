import { describe, expect, it } from 'vitest';
import * as ws from 'ws';
import { binaryFrame } from '../../server/sync/frame';
import { updateFrame, updateMessage } from '../../server/sync/protocol';

interface FrameOptions {
	fin: boolean;
	opcode: number;
	mask: boolean;
	readOnly: boolean;
	rsv1: boolean;
}
/** ws's own framing, exported at run time but not declared by @types/ws. */
const { Receiver, Sender } = ws as unknown as {
	Sender: { frame(data: Buffer, options: FrameOptions): Buffer[] };
	Receiver: new (options: { isServer: boolean; binaryType: string }) => import('node:stream').Writable;
};

/** Each payload length form (7-bit, 16-bit, 64-bit) at and around its bounds. */
const LENGTHS = [0, 1, 125, 126, 127, 65535, 65536, 70_000];

const payload = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 0xff);

describe('binaryFrame', () => {
	it.each(LENGTHS)('frames %i bytes exactly as ws.send frames them on a server', (n) => {
		const data = Buffer.from(payload(n));
		const framed = Buffer.concat(Sender.frame(data, { fin: true, opcode: 2, mask: false, readOnly: false, rsv1: false }));
		expect(binaryFrame(data).equals(framed)).toBe(true);
	});

	it('is read back by a ws client as the binary messages sent, in order', async () => {
		const receiver = new Receiver({ isServer: false, binaryType: 'nodebuffer' });
		const got: { data: Buffer; isBinary: boolean }[] = [];
		receiver.on('message', (data: Buffer, isBinary: boolean) => got.push({ data: Buffer.from(data), isBinary }));
		const sent = LENGTHS.map(payload);
		await new Promise<void>((resolve, reject) =>
			receiver.write(Buffer.concat(sent.map((m) => binaryFrame(m))), (err?: Error | null) => (err ? reject(err) : resolve()))
		);
		expect(got.map((m) => m.isBinary)).toEqual(LENGTHS.map(() => true));
		expect(got.map((m) => [...m.data])).toEqual(sent.map((m) => [...m]));
	});
});

describe('updateFrame', () => {
	// Each length form of the frame and of the update's varuint length (one, two, three bytes) at its bounds.
	it.each([0, 1, 121, 122, 123, 127, 128, 16383, 16384, 65530, 65531, 65535, 70_000])(
		'is binaryFrame(updateMessage(update)) byte for byte for an update of %i bytes',
		(n) => {
			const update = payload(n);
			expect(updateFrame(update).equals(binaryFrame(updateMessage(update)))).toBe(true);
		}
	);
});
