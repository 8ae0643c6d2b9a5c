import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { moveThrough } from '../../src/lib/collab/bindings';

/** The caret at `pos` after someone else changes the text by `change`. */
function caretAfter(text: string, pos: number, change: (t: Y.Text) => void): number {
	const doc = new Y.Doc();
	const t = doc.getText('t');
	t.insert(0, text);
	let moved = pos;
	t.observe((e) => (moved = moveThrough(e.delta, pos)));
	change(t);
	return moved;
}

describe('the caret while someone else types', () => {
	it('stays on the same character when text is inserted or deleted before it, and stays put for changes after it', () => {
		expect(caretAfter('Region Skåne', 7, (t) => t.insert(0, 'Ny '))).toBe(10);
		expect(caretAfter('Region Skåne', 7, (t) => t.delete(0, 7))).toBe(0);
		expect(caretAfter('Region Skåne', 7, (t) => t.delete(5, 4))).toBe(5);
		expect(caretAfter('Region Skåne', 3, (t) => t.insert(12, '!'))).toBe(3);
		expect(caretAfter('Region Skåne', 7, (t) => t.insert(7, 'X'))).toBe(7);
	});
});
