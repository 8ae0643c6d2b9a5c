/** The smallest edit that turns a Y.Text into a given string. Pure: runs in the browser and in Node. */
import type * as Y from 'yjs';

/** Replaces the text with as small an edit as possible, so a concurrent edit elsewhere in it survives. */
export function applyTextDiff(text: Y.Text, next: string): void {
	const prev = text.toString();
	if (prev === next) return;
	let start = 0;
	const max = Math.min(prev.length, next.length);
	while (start < max && prev.charCodeAt(start) === next.charCodeAt(start)) start++;
	let endPrev = prev.length;
	let endNext = next.length;
	while (endPrev > start && endNext > start && prev.charCodeAt(endPrev - 1) === next.charCodeAt(endNext - 1)) {
		endPrev--;
		endNext--;
	}
	// Never cut a surrogate pair in two: half an emoji merged with another edit is not text.
	if (start > 0 && isHighSurrogate(prev.charCodeAt(start - 1))) start--;
	if (endPrev < prev.length && isLowSurrogate(prev.charCodeAt(endPrev))) {
		endPrev++;
		endNext++;
	}
	if (endPrev > start) text.delete(start, endPrev - start);
	if (endNext > start) text.insert(start, next.slice(start, endNext));
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
