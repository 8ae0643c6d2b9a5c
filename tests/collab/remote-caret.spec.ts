import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { caretState, readCaretState, resolveCaret } from '../../src/lib/collab/carets';
import { fieldText, recordToDoc } from '../../src/lib/records/ydoc';
import { AWARENESS_LIMITS, parseMessage } from '../../server/sync/protocol';
import { validRecord } from '../helpers/records';

/** Two pages on one record, each with its own copy of the document. */
function twoPages() {
	const a = recordToDoc(validRecord({ title: 'Samverkan Skåne', owner: 'Region Skåne' }));
	const b = new Y.Doc();
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
	a.on('update', (u: Uint8Array) => Y.applyUpdate(b, u));
	b.on('update', (u: Uint8Array) => Y.applyUpdate(a, u));
	return { a, b };
}

/** What a caret looks like after the trip through the server: JSON text. */
const overTheWire = (v: unknown) => readCaretState(JSON.parse(JSON.stringify(v)));

describe('remote carets as relative positions', () => {
	it('point at the same characters in the other page, and keep pointing there as anyone types before them', () => {
		const { a, b } = twoPages();
		const sent = overTheWire(caretState(fieldText(a, 'title')!, 3, 9))!;
		const bTitle = fieldText(b, 'title')!;
		expect(resolveCaret(bTitle, sent)).toEqual({ anchor: 3, head: 9 });

		bTitle.insert(0, 'Ny ');
		expect(resolveCaret(bTitle, sent)).toEqual({ anchor: 6, head: 12 });
		expect(bTitle.toString().slice(6, 12)).toBe('verkan');
		fieldText(a, 'title')!.delete(0, 6);
		expect(resolveCaret(bTitle, sent)).toEqual({ anchor: 0, head: 6 });
	});

	it('keep a caret at the end of the text at the end as text is added, and do not move while its owner types at it', () => {
		const { a, b } = twoPages();
		const aTitle = fieldText(a, 'title')!;
		const atEnd = caretState(aTitle, aTitle.length, aTitle.length);
		fieldText(b, 'title')!.insert(aTitle.length, ' Nord');
		expect(resolveCaret(fieldText(b, 'title')!, overTheWire(atEnd)!)).toEqual({ anchor: 20, head: 20 });

		const before = JSON.stringify(caretState(aTitle, 4, 4));
		aTitle.insert(4, 'xyz');
		expect(JSON.stringify(caretState(aTitle, 7, 7))).toBe(before);
	});

	it('resolve only in the text they name', () => {
		const { a, b } = twoPages();
		const sent = overTheWire(caretState(fieldText(a, 'title')!, 2, 2))!;
		expect(resolveCaret(fieldText(b, 'owner')!, sent)).toBeNull();
		expect(resolveCaret(fieldText(b, 'title')!, sent)).toEqual({ anchor: 2, head: 2 });
	});

	it('ignore what another page may send that is not a caret, and never create a root type from one', () => {
		for (const junk of [null, 'x', { a: 1, h: 2 }, { a: {}, h: {} }, { a: { item: { client: 'x', clock: 1 } }, h: {} }])
			expect(readCaretState(junk)).toBeNull();
		expect(readCaretState({ a: { tname: 'evil' }, h: { tname: 'evil' } })).toBeNull();
		const { b } = twoPages();
		const roots = [...b.share.keys()].sort();
		const unknownItem = readCaretState({ a: { item: { client: 1, clock: 999_999 } }, h: { item: { client: 1, clock: 999_999 } } })!;
		expect(resolveCaret(fieldText(b, 'title')!, unknownItem)).toBeNull();
		expect([...b.share.keys()].sort()).toEqual(roots);
	});

	it('fit a full presence state well inside the sync server’s bounds on size and depth', () => {
		const doc = recordToDoc(validRecord({ title: 'Samverkan Skåne' }));
		const awareness = new awarenessProtocol.Awareness(doc);
		const title = fieldText(doc, 'title')!;
		awareness.setLocalState({
			user: { id: 'u'.repeat(36), name: 'N'.repeat(200), colour: '#0f766e' },
			field: 'title',
			caret: caretState(title, 2, title.length)
		});
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, 1);
		encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
		const parsed = parseMessage(encoding.toUint8Array(e));
		expect(parsed.kind).toBe('awareness');
		const json = JSON.stringify(awareness.getLocalState());
		expect(json.length).toBeLessThan(AWARENESS_LIMITS.stateBytes / 2);
		awareness.destroy();
	});
});
