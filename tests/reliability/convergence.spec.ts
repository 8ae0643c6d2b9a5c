/**
 * Property tests: random concurrent edit sequences from three replicas, delivered late,
 * out of order and twice, converge; and the converged document always reads as a record
 * the field registry can validate or report on (never throws), whatever shapes the
 * edits left in it. The second property puts the document store in the middle, as the
 * server is: it applies the clients' updates in any order, stamps "last changed by", and
 * what it stores reloads into the same document.
 * (tests/collab/ydoc.spec.ts covers two-replica round trips of valid records.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FIELDS, type FieldKey } from '../../src/lib/records/fields';
import { inputsFromRecord, recordFromInputs } from '../../src/lib/records/kinds';
import { validateInputs, validateRecord } from '../../src/lib/records/validate';
import { REVIEW_STATES } from '../../src/lib/records/review';
import {
	applyTextDiff,
	encodeRecordState,
	ensureLayout,
	fieldsMap,
	readInputs,
	readRecordDoc,
	writeField
} from '../../src/lib/records/ydoc';
import { UpdateOrigin } from '../../src/lib/server/docs/origins';
import { RefusedUpdateError } from '../../src/lib/server/records/live/record-schema';
import { validRecord } from '../collab/arbitraries';
import { describeEachDialect } from '../helpers/dialects';
import { dialectRecordStore } from '../helpers/dialect-store';
import { draftRecord } from '../helpers/records-sql';
import { contents, scale } from './lib/common';
import { storedDocSql } from '../helpers/stored-doc-sql';

const KEYS = FIELDS.map((f) => f.key);
const TEXT = FIELDS.filter((f) => f.kind === 'text' || f.kind === 'longtext').map((f) => f.key);
const LISTS = FIELDS.filter((f) => f.kind === 'list').map((f) => f.key);
const SCALARS = FIELDS.filter((f) => ['rate', 'date', 'country', 'count'].includes(f.kind)).map((f) => f.key);

type Op =
	| { t: 'insert'; key: FieldKey; at: number; s: string }
	| { t: 'delete'; key: FieldKey; at: number; n: number }
	| { t: 'retype'; key: FieldKey; s: string }
	| { t: 'listInsert'; key: FieldKey; at: number; s: string }
	| { t: 'listDelete'; key: FieldKey; at: number }
	| { t: 'listItem'; key: FieldKey; at: number; s: string }
	| { t: 'scalar'; key: FieldKey; s: string }
	| { t: 'money'; value: string; currency: string }
	| { t: 'writeRecord'; record: ReturnType<typeof inputsFromRecord>; keys: FieldKey[] }
	| { t: 'hostile'; key: FieldKey; value: number }
	| { t: 'drop'; key: FieldKey }
	| { t: 'review'; state: string }
	| { t: 'layout' };

const text = fc.string({ maxLength: 8, unit: fc.constantFrom('a', 'b', 'å', 'Ö', ' ', '1', '-', '😀', '\u0301') });
const scalarText = fc.oneof(text, fc.constantFrom('2025-01-31', '2025-02-30', 'SE', 'se', 'Sverige', '40', '140', '12,5', '120', ''));

const op: fc.Arbitrary<Op> = fc.oneof(
	{ weight: 5, arbitrary: fc.record({ t: fc.constant('insert' as const), key: fc.constantFrom(...TEXT), at: fc.nat(40), s: text }) },
	{
		weight: 3,
		arbitrary: fc.record({
			t: fc.constant('delete' as const),
			key: fc.constantFrom(...TEXT),
			at: fc.nat(40),
			n: fc.integer({ min: 1, max: 6 })
		})
	},
	{ weight: 2, arbitrary: fc.record({ t: fc.constant('retype' as const), key: fc.constantFrom(...TEXT), s: text }) },
	{ weight: 2, arbitrary: fc.record({ t: fc.constant('listInsert' as const), key: fc.constantFrom(...LISTS), at: fc.nat(5), s: text }) },
	{ weight: 1, arbitrary: fc.record({ t: fc.constant('listDelete' as const), key: fc.constantFrom(...LISTS), at: fc.nat(5) }) },
	{ weight: 2, arbitrary: fc.record({ t: fc.constant('listItem' as const), key: fc.constantFrom(...LISTS), at: fc.nat(5), s: text }) },
	{ weight: 2, arbitrary: fc.record({ t: fc.constant('scalar' as const), key: fc.constantFrom(...SCALARS), s: scalarText }) },
	{
		weight: 1,
		arbitrary: fc.record({
			t: fc.constant('money' as const),
			value: fc.oneof(text, fc.constantFrom('1 200 000', '12,5', 'x')),
			currency: fc.constantFrom('SEK', 'sek', 'KRR', '')
		})
	},
	{
		weight: 1,
		arbitrary: fc.record({
			t: fc.constant('writeRecord' as const),
			record: validRecord.map(inputsFromRecord),
			keys: fc.subarray(KEYS, { minLength: 1, maxLength: 4 })
		})
	},
	{ weight: 1, arbitrary: fc.record({ t: fc.constant('hostile' as const), key: fc.constantFrom(...KEYS), value: fc.nat(5) }) },
	{ weight: 1, arbitrary: fc.record({ t: fc.constant('drop' as const), key: fc.constantFrom(...KEYS) }) },
	{ weight: 1, arbitrary: fc.record({ t: fc.constant('review' as const), state: fc.constantFrom(...REVIEW_STATES, 'hacked', '') }) },
	{ weight: 1, arbitrary: fc.constant({ t: 'layout' as const }) }
);

/** Applies one edit the way an editor (or a hostile client) could. */
function apply(doc: Y.Doc, o: Op): void {
	const fields = fieldsMap(doc);
	doc.transact(() => {
		const v = 'key' in o ? fields.get(o.key) : undefined;
		switch (o.t) {
			case 'insert':
				if (v instanceof Y.Text) v.insert(Math.min(o.at, v.length), o.s);
				return;
			case 'delete':
				if (v instanceof Y.Text && v.length) v.delete(Math.min(o.at, v.length - 1), Math.min(o.n, v.length - Math.min(o.at, v.length - 1)));
				return;
			case 'retype':
				if (v instanceof Y.Text) applyTextDiff(v, o.s);
				return;
			case 'listInsert':
				if (v instanceof Y.Array) v.insert(Math.min(o.at, v.length), [new Y.Text(o.s)]);
				return;
			case 'listDelete':
				if (v instanceof Y.Array && v.length) v.delete(Math.min(o.at, v.length - 1), 1);
				return;
			case 'listItem': {
				const item = v instanceof Y.Array && v.length ? v.get(Math.min(o.at, v.length - 1)) : null;
				if (item instanceof Y.Text) applyTextDiff(item, o.s);
				return;
			}
			case 'scalar':
				fields.set(o.key, o.s);
				return;
			case 'money':
				writeField(
					doc,
					FIELDS.find((f) => f.key === 'amount')!,
					{ value: o.value, currency: o.currency }
				);
				return;
			case 'writeRecord':
				for (const key of o.keys)
					writeField(
						doc,
						FIELDS.find((f) => f.key === key)!,
						o.record[key]
					);
				return;
			case 'hostile':
				fields.set(o.key, [42, { evil: true }, new Y.Map(), new Y.Array(), new Y.Text('wrong kind'), null][o.value]);
				return;
			case 'drop':
				fields.delete(o.key);
				return;
			case 'review':
				doc.getMap('review').set('state', o.state);
				return;
			case 'layout':
				ensureLayout(doc);
				return;
		}
	});
}

type Step = { t: 'edit'; replica: number; op: Op } | { t: 'sync'; from: number; to: number } | { t: 'deliver'; to: number; pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
	{ weight: 6, arbitrary: fc.record({ t: fc.constant('edit' as const), replica: fc.nat(2), op }) },
	{ weight: 2, arbitrary: fc.record({ t: fc.constant('sync' as const), from: fc.nat(2), to: fc.nat(2) }) },
	{ weight: 2, arbitrary: fc.record({ t: fc.constant('deliver' as const), to: fc.nat(2), pick: fc.nat() }) }
);

/** Reading and validating never throws, and yields one input per registry field. */
function reportsOn(doc: Y.Doc): void {
	const state = readRecordDoc(doc);
	expect(Object.keys(state.inputs)).toEqual(KEYS);
	expect(Array.isArray(validateInputs(state.inputs))).toBe(true);
	expect(Array.isArray(validateRecord(recordFromInputs(state.inputs)))).toBe(true);
}

function syncAll(docs: Y.Doc[]): void {
	for (let round = 0; round < 2; round++) {
		for (const a of docs) for (const b of docs) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	}
}

describe('convergence (property tests)', () => {
	it(
		'three replicas editing concurrently, with late, reordered and repeated delivery, converge to a record that validates or reports',
		() => {
			fc.assert(
				fc.property(validRecord, fc.array(step, { minLength: 1, maxLength: 60 }), (record, steps) => {
					const first = encodeRecordState(record);
					const docs = [0, 1, 2].map(() => {
						const d = new Y.Doc();
						Y.applyUpdate(d, first);
						return d;
					});
					// Everything any replica emitted, to be delivered again in any order.
					const sent: Uint8Array[] = [];
					for (const d of docs) d.on('update', (u: Uint8Array, origin: unknown) => origin !== 'net' && sent.push(u));
					for (const s of steps) {
						if (s.t === 'edit') apply(docs[s.replica], s.op);
						else if (s.t === 'sync') Y.applyUpdate(docs[s.to], Y.encodeStateAsUpdate(docs[s.from], Y.encodeStateVector(docs[s.to])), 'net');
						else if (sent.length) Y.applyUpdate(docs[s.to], sent[s.pick % sent.length], 'net');
						for (const d of docs) reportsOn(d);
					}
					syncAll(docs);
					const [a, ...rest] = docs;
					for (const d of rest) {
						expect(Y.encodeStateVector(d)).toEqual(Y.encodeStateVector(a));
						expect(contents(d)).toBe(contents(a));
						expect(readInputs(d)).toEqual(readInputs(a));
					}
					reportsOn(a);
					// A server loading it repairs the layout, and it still converges and reports.
					ensureLayout(a);
					syncAll(docs);
					for (const d of docs) reportsOn(d);
					expect(readInputs(docs[1])).toEqual(readInputs(a));
				}),
				{ numRuns: scale(300, 3000) }
			);
			// fast-check runs synchronously: the limit is checked when it returns (the long form takes minutes on 2 shared cores).
		},
		scale(60_000, 600_000)
	);
});

describeEachDialect('convergence through the document store (property test)', (database) => {
	it(
		'through the document store: clients and the store converge, with the stamps it adds, and its log reloads the same',
		async () => {
			let refusals = 0;
			await fc.assert(
				fc.asyncProperty(
					validRecord,
					fc.array(fc.record({ replica: fc.nat(2), op, deliver: fc.boolean(), hear: fc.nat(2) }), { minLength: 1, maxLength: 30 }),
					fc.infiniteStream(fc.nat()),
					async (record, steps, order) => {
						const id = await draftRecord(database().sql, { ...record, title: record.title || 'T' });
						const store = dialectRecordStore(database(), { projectEveryMs: 5, log: () => {} });
						try {
							const heard: Uint8Array[][] = [[], [], []];
							const session = (await store.open(id, { update: (u) => heard.forEach((h) => h.push(u)) }))!;
							const docs = [0, 1, 2].map(() => {
								const d = new Y.Doc();
								Y.applyUpdate(d, Y.encodeStateAsUpdate(session.doc));
								return d;
							});
							const outbox: Uint8Array[][] = [[], [], []];
							const listen = (i: number) =>
								docs[i].on('update', (u: Uint8Array, origin: unknown) => origin !== 'server' && outbox[i].push(u));
							docs.forEach((_, i) => listen(i));
							const people = [0, 1, 2].map((i) => new UpdateOrigin({ id: `u${i}`, name: `Person ${i}` }, 'socket'));
							/**
							 * The replica's pending updates, in order. One the record's schema refuses closes its
							 * socket: the page reloads the record from the server and what it had not sent is gone.
							 */
							const deliver = (r: number) => {
								for (const u of outbox[r].splice(0)) {
									try {
										session.apply(u, people[r]);
									} catch (err) {
										if (!(err instanceof RefusedUpdateError)) throw err;
										refusals++;
										outbox[r].length = 0;
										heard[r].length = 0;
										docs[r].destroy();
										docs[r] = new Y.Doc();
										Y.applyUpdate(docs[r], Y.encodeStateAsUpdate(session.doc), 'server');
										listen(r);
										return;
									}
								}
							};
							const it = order[Symbol.iterator]();
							const next = () => it.next().value as number;
							for (const s of steps) {
								apply(docs[s.replica], s.op);
								// The server takes a replica's pending updates in order (one socket is ordered), interleaved with the others'.
								if (s.deliver) {
									const r = next() % 3;
									deliver(r);
								}
								const h = s.hear;
								for (const u of heard[h].splice(0, next() % (heard[h].length + 1))) Y.applyUpdate(docs[h], u, 'server');
							}
							for (let r = 0; r < 3; r++) deliver(r);
							await session.persisted();
							for (let h = 0; h < 3; h++) for (const u of heard[h].splice(0)) Y.applyUpdate(docs[h], u, 'server');
							for (const d of docs) {
								expect(Y.encodeStateVector(d)).toEqual(Y.encodeStateVector(session.doc));
								expect(contents(d)).toBe(contents(session.doc));
							}
							reportsOn(session.doc);
							const stored = await storedDocSql(database().sql, id);
							expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(session.doc));
							expect(contents(stored)).toBe(contents(session.doc));
							session.close();
						} finally {
							await store.close();
						}
					}
				),
				{ numRuns: scale(60, 600) }
			);
			// Wrong shapes, dropped fields and review states written by a client are refused, not merged.
			expect(refusals).toBeGreaterThan(0);
		},
		scale(60_000, 600_000)
	);
});
