/**
 * Reads a ZIP archive's entries with a bound on what they unpack to, before any library
 * unpacks it whole: a ZIP bomb (a few KB that inflate to gigabytes) is refused after at
 * most the bound has been inflated, whatever sizes its headers claim.
 */
import { Inflate } from 'fflate';
import { UnreadableDocumentError } from './errors';

export interface ZipLimits {
	/** All entries together, uncompressed. */
	maxBytes: number;
	maxEntries: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Compressed bytes handed to the inflater at a time: each step can unpack at most ~1,000 times this. */
const STEP = 16 * 1024;

/** The names of the archive's entries, once every entry has been unpacked within the limits. */
export function checkZip(bytes: Uint8Array, limits: ZipLimits): Set<string> {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const eocd = findEocd(view);
	if (eocd < 0) throw new UnreadableDocumentError({ key: 'zipNoDirectory' });
	const count = view.getUint16(eocd + 10, true);
	let at = view.getUint32(eocd + 16, true);
	if (count > limits.maxEntries) throw new UnreadableDocumentError({ key: 'zipTooManyEntries', count, max: limits.maxEntries });
	const names = new Set<string>();
	const decoder = new TextDecoder();
	let total = 0;
	for (let i = 0; i < count; i++) {
		if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) throw new UnreadableDocumentError({ key: 'zipDamaged' });
		const method = view.getUint16(at + 10, true);
		const compressed = view.getUint32(at + 20, true);
		const nameLength = view.getUint16(at + 28, true);
		const extra = view.getUint16(at + 30, true);
		const comment = view.getUint16(at + 32, true);
		const local = view.getUint32(at + 42, true);
		names.add(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
		at += 46 + nameLength + extra + comment;

		if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL) throw new UnreadableDocumentError({ key: 'zipDamaged' });
		const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
		const data = bytes.subarray(start, start + compressed);
		if (method === 0) total += data.length;
		else if (method === 8) total += inflateBounded(data, limits.maxBytes - total);
		else throw new UnreadableDocumentError({ key: 'zipMethod', method });
		if (total > limits.maxBytes) throw tooLarge(limits);
	}
	return names;
}

function inflateBounded(data: Uint8Array, room: number): number {
	let out = 0;
	let over = false;
	const inflater = new Inflate((chunk) => {
		out += chunk.length;
		if (out > room) over = true;
	});
	try {
		for (let i = 0; i < data.length && !over; i += STEP) inflater.push(data.subarray(i, i + STEP), i + STEP >= data.length);
	} catch (err) {
		throw new UnreadableDocumentError({ key: 'zipDamaged', detail: (err as Error).message });
	}
	return over ? room + 1 : out;
}

function tooLarge(limits: ZipLimits): UnreadableDocumentError {
	return new UnreadableDocumentError({ key: 'zipBomb', max: limits.maxBytes });
}

/** The end-of-central-directory record: in the last 64 KB + 22 bytes (its comment may run up to 64 KB). */
function findEocd(view: DataView): number {
	for (let i = view.byteLength - 22; i >= Math.max(0, view.byteLength - 65_557); i--) {
		if (view.getUint32(i, true) === EOCD) return i;
	}
	return -1;
}
