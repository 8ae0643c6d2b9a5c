/**
 * Where a person's caret and selection are in a text field, as Yjs relative positions:
 * they name the character the caret stands before, so they stay right while anyone types
 * elsewhere in the field, and they name the shared text itself, so a receiver finds the
 * control without any field id. A caret does not move while its owner types (the character
 * after it stays the same), so typing sends no presence traffic.
 */
import * as Y from 'yjs';

/** What a page publishes in its awareness state: anchor and head, as Yjs writes them to JSON. */
export interface CaretState {
	a: unknown;
	h: unknown;
}

export interface ResolvedCaret {
	anchor: number;
	head: number;
}

export function caretState(text: Y.Text, anchor: number, head: number): CaretState {
	return {
		a: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, anchor)),
		h: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, head))
	};
}

/** A caret from someone's awareness, if it is well formed; anything else a page may have sent is ignored. */
export function readCaretState(v: unknown): CaretState | null {
	if (typeof v !== 'object' || v === null) return null;
	const { a, h } = v as Record<string, unknown>;
	return isRelativeJson(a) && isRelativeJson(h) ? { a, h } : null;
}

function isId(v: unknown): boolean {
	if (typeof v !== 'object' || v === null) return false;
	const { client, clock } = v as Record<string, unknown>;
	return Number.isSafeInteger(client) && Number.isSafeInteger(clock);
}

/**
 * A position inside a nested text: it names an item, or (at the end of the text) the text's
 * own item. A root type name is refused: resolving one would create that root in this page's document.
 */
function isRelativeJson(v: unknown): boolean {
	if (typeof v !== 'object' || v === null) return false;
	const { type, tname, item, assoc } = v as Record<string, unknown>;
	return (
		tname === undefined &&
		(isId(type) || isId(item)) &&
		(type === undefined || isId(type)) &&
		(item === undefined || isId(item)) &&
		(assoc === undefined || typeof assoc === 'number')
	);
}

/** The caret's offsets in `text`, or null when it is in another field (or names text this page does not have yet). */
export function resolveCaret(text: Y.Text, caret: CaretState): ResolvedCaret | null {
	const doc = text.doc;
	if (!doc) return null;
	try {
		const anchor = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(caret.a), doc);
		const head = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(caret.h), doc);
		if (!anchor || !head || anchor.type !== text || head.type !== text) return null;
		return { anchor: anchor.index, head: head.index };
	} catch {
		// An id this document holds but not as an item a position can name: someone else's page is wrong, not ours.
		return null;
	}
}
