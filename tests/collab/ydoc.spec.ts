import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FIELDS, emptyRecord, fieldDef } from '../../src/lib/records/fields';
import { inputsFromRecord } from '../../src/lib/records/kinds';
import {
	applyTextDiff,
	docToRecord,
	encodeRecordState,
	ensureLayout,
	fieldText,
	fieldsMap,
	readChangedBy,
	readInputs,
	readRecordDoc,
	recordToDoc,
	setApproval,
	setChangedBy,
	setReviewNote,
	touchedFields,
	writeField,
	writeInputs
} from '../../src/lib/records/ydoc';
import { validRecord } from './arbitraries';

function sync(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function replica(state: Uint8Array): Y.Doc {
	const d = new Y.Doc();
	Y.applyUpdate(d, state);
	return d;
}

describe('record <-> Y.Doc', () => {
	it('round-trips every valid record, also through the encoded first state', () => {
		fc.assert(
			fc.property(validRecord, fc.constantFrom('draft', 'in_review', 'approved') as fc.Arbitrary<'draft'>, (record, review) => {
				expect(docToRecord(recordToDoc(record, review))).toEqual(record);
				const state = readRecordDoc(replica(encodeRecordState(record, review)));
				expect(state.record).toEqual(record);
				expect(state.review).toBe(review);
			}),
			{ numRuns: 300 }
		);
	});

	it('lays every registry field out by its kind', () => {
		const doc = recordToDoc({
			...emptyRecord('T'),
			regions: ['Skåne'],
			contacts: [{ name: 'A', role: null, organisation: null, phone: null, email: null, public: false }]
		});
		const fields = fieldsMap(doc);
		const expected = { text: Y.Text, longtext: Y.Text, list: Y.Array, contacts: Y.Array, money: Y.Map };
		for (const def of FIELDS) {
			const v = fields.get(def.key);
			const type = expected[def.kind as keyof typeof expected];
			if (type) expect(v, def.key).toBeInstanceOf(type);
			else expect(typeof v, def.key).toBe('string');
		}
		expect((fields.get('regions') as Y.Array<unknown>).get(0)).toBeInstanceOf(Y.Text);
		expect((fields.get('contacts') as Y.Array<unknown>).get(0)).toBeInstanceOf(Y.Map);
	});

	it('merges two people correcting the same name character by character', () => {
		const a = replica(encodeRecordState({ ...emptyRecord('Kompetens Skane'), owner: 'Region Skane' }));
		const b = replica(Y.encodeStateAsUpdate(a));
		applyTextDiff(fieldText(a, 'title')!, 'Kompetens Skåne');
		applyTextDiff(fieldText(b, 'title')!, 'Kompetens Skane 2025');
		writeField(b, fieldDef('owner'), 'Region Skåne');
		sync(a, b);
		expect(docToRecord(a)).toEqual(docToRecord(b));
		expect(docToRecord(a).title).toBe('Kompetens Skåne 2025');
		expect(docToRecord(a).owner).toBe('Region Skåne');
	});

	it('keeps concurrent list additions from both sides', () => {
		const a = replica(encodeRecordState({ ...emptyRecord('T'), regions: ['Skåne'] }));
		const b = replica(Y.encodeStateAsUpdate(a));
		writeField(a, fieldDef('regions'), ['Skåne', 'Blekinge']);
		writeField(b, fieldDef('regions'), ['Skåne', 'Halland']);
		sync(a, b);
		expect(docToRecord(a).regions.sort()).toEqual(['Blekinge', 'Halland', 'Skåne']);
	});

	it('writes a whole record over a live one as in-place edits, converging with a concurrent edit', () => {
		fc.assert(
			fc.property(validRecord, validRecord, (first, second) => {
				const a = recordToDoc(first);
				const b = replica(Y.encodeStateAsUpdate(a));
				writeInputs(a, inputsFromRecord(second));
				expect(docToRecord(a)).toEqual(second);
				applyTextDiff(fieldText(b, 'summary')!, 'concurrent');
				sync(a, b);
				expect(readInputs(a)).toEqual(readInputs(b));
			}),
			{ numRuns: 100 }
		);
	});

	it('reads values of the wrong shape (a hostile client) as empty, and ensureLayout repairs them', () => {
		const doc = recordToDoc({ ...emptyRecord('T'), owner: 'X' });
		const fields = fieldsMap(doc);
		fields.set('owner', 42);
		fields.set('regions', 'not a list');
		fields.set('amount', new Y.Text('1 SEK'));
		fields.set('startDate', { evil: true });
		const record = docToRecord(doc);
		expect(record.owner).toBeNull();
		expect(record.regions).toEqual([]);
		expect(record.amount).toBeNull();
		expect(record.startDate).toBeNull();
		expect(ensureLayout(doc)).toBe(true);
		expect(ensureLayout(doc)).toBe(false);
		expect(fieldText(doc, 'owner')).toBeInstanceOf(Y.Text);
	});

	it('names the registry fields a transaction touched, also deep inside lists and contacts', () => {
		const doc = recordToDoc({
			...emptyRecord('T'),
			partners: ['A'],
			contacts: [{ name: 'N', role: null, organisation: null, phone: null, email: null, public: false }]
		});
		let touched = new Set<string>();
		const onTx = (tr: Y.Transaction) => (touched = touchedFields(doc, tr));
		doc.on('afterTransaction', onTx);
		doc.transact(() => {
			(fieldsMap(doc).get('partners') as Y.Array<Y.Text>).get(0).insert(1, 'B');
			(fieldsMap(doc).get('contacts') as Y.Array<Y.Map<unknown>>).get(0).set('phone', '123');
			fieldsMap(doc).set('startDate', '2025-01-01');
		});
		expect([...touched].sort()).toEqual(['contacts', 'partners', 'startDate']);
		setChangedBy(doc, 'title', { id: 'u1', name: 'Ada', at: '2025-01-01T00:00:00.000Z' });
		expect(touched.size).toBe(0);
		doc.off('afterTransaction', onTx);
		expect(readChangedBy(doc)).toEqual({ title: { id: 'u1', name: 'Ada', at: '2025-01-01T00:00:00.000Z' } });
	});

	it('keeps the last approval and the review note beside the state', () => {
		const doc = recordToDoc(emptyRecord('T'), 'approved');
		expect(readRecordDoc(doc)).toMatchObject({ review: 'approved', approval: null, note: null });
		setApproval(doc, { version: 3, by: 'Ann Approver', at: '2025-05-01T10:00:00.000Z' });
		setReviewNote(doc, { text: 'Check the amount', by: 'Ann Approver', at: '2025-05-01T10:00:00.000Z' });
		const replica = new Y.Doc();
		Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
		expect(readRecordDoc(replica)).toMatchObject({ approval: { version: 3, by: 'Ann Approver' }, note: { text: 'Check the amount' } });
		setReviewNote(doc, null);
		expect(readRecordDoc(doc).note).toBeNull();
	});
});

describe('applyTextDiff', () => {
	it('turns any text into any other, without splitting surrogate pairs', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (from, to) => {
				const doc = new Y.Doc();
				const t = doc.getText('t');
				t.insert(0, from);
				applyTextDiff(t, to);
				expect(t.toString()).toBe(to);
			}),
			{ numRuns: 500 }
		);
		const doc = new Y.Doc();
		const t = doc.getText('t');
		t.insert(0, 'a😀b');
		const deltas: unknown[] = [];
		t.observe((e) => deltas.push(e.delta));
		applyTextDiff(t, 'a😃b');
		expect(t.toString()).toBe('a😃b');
		expect(deltas).toEqual([
			[{ retain: 1 }, { delete: 2 }],
			[{ retain: 1 }, { insert: '😃' }]
		]);
	});
});
