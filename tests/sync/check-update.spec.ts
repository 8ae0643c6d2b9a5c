/**
 * Updates on which Yjs fails half way, or after which the live document, its reload and
 * the clients differ for good, are refused before any of them is applied
 * (src/lib/server/docs/check-update.ts). The fixtures are mutated honest edits the fuzzer's
 * generator made (tests/reliability/lib/fuzz.ts), each of which makes Y.applyUpdate throw
 * part-way on the document BASE, and items whose origins could not have been their
 * neighbours; valid updates from real Yjs edits still pass, among them every update three
 * replicas exchange while editing concurrently (a property test).
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { checkUpdate, MalformedUpdateError } from '../../src/lib/server/docs/check-update';
import { UpdateOrigin } from '../../src/lib/server/docs/origins';
import { fieldList, fieldText, fieldsMap, newListItem } from '../../src/lib/records/ydoc';
import { describeEachDialect } from '../helpers/dialects';
import { dialectPersistence, dialectRecordStore } from '../helpers/dialect-store';
import { validRecord } from '../helpers/records';
import { draftRecord } from '../helpers/records-sql';
import type { RecordStore } from '../../src/lib/server/records/live';

/**
 * A small record made by client 1, then edited by clients 1000000–1000003 (title, summary,
 * a theme each); 1000003 deleted 1000000's theme, so that theme's text is garbage-collected.
 */
const BASE = hex(
	'0504c3843d00c40103c2843d000361623344c2843d030573756d203387c2843d08020400c3843d0802743304c2843d00c40103c1843d000361623244' +
		'c1843d030573756d203287c1843d08020400c2843d0802743204c1843d00c40103c0843d000361623144c0843d030573756d203187c0843d08020400' +
		'c1843d0802743104c0843d00c40103010403616230040001310573756d2030010001320100021a01002701066669656c6473057469746c6502040001' +
		'00034b6f6d8401030c706574656e736c79667465742701066669656c6473097265666572656e6365022701066669656c6473056f776e657202040001' +
		'110d526567696f6e20536bc3a56e652701066669656c64730666756e646572022701066669656c64730970726f6772616d6d65022701066669656c64' +
		'7306616d6f756e7401280001200576616c7565017700280001200863757272656e63790177002801066669656c64730f636f66696e616e63696e6752' +
		'6174650177002801066669656c6473097374617274446174650177002801066669656c647307656e64446174650177002801066669656c647307636f' +
		'756e7472790177002701066669656c647307726567696f6e730007000127020400012806536bc3a56e652701066669656c647308706172746e657273' +
		'002801066669656c64730c7061727469636970616e74730177002801066669656c647309636f6d70616e6965730177002701066669656c6473077375' +
		'6d6d617279022701066669656c6473067468656d6573002701066669656c6473046e757473022701066669656c647308636f6e746163747300280106' +
		'726576696577057374617465017705647261667401c0843d010803'
);

/** What Yjs says, and where, when it is given the update. */
const FAILING: { name: string; update: string; yjs: RegExp }[] = [
	// Item 1000000:1 with origin 1000000:15: Yjs looks the origin up without checking it exists.
	{ name: 'left origin ahead of the item, on its own client', update: '0101c0843d01c4c0843d0fc0843d10012000', yjs: /reading 'id'/ },
	// Item 1000004:0 with origin 1000004:0, itself; the document has nothing of 1000004.
	{
		name: 'an item that is its own left origin',
		update: '0102c4843d00c7c4843d00c0843d08020400c4843d2b0d38473037363663c3b639c3a42000',
		yjs: /reading 'length'/
	},
	// Item 1000003:8 with right origin 1000003:21.
	{
		name: 'right origin ahead of the item, on its own client',
		update: '0101c3843d0844c3843d150ec38435c38563e2808be282ac393300',
		yjs: /reading 'id'/
	},
	// A new type 1000003:11, then text whose parent is 1000003:68, which does not exist.
	{ name: 'parent ahead of the item, on its own client', update: '0102c3843d0b47c0843d08020400c3843d4402363900', yjs: /reading 'id'/ },
	{
		name: 'parent ahead of the item, inside the known range',
		update: '0102c1843d0187c3843d08020400c1843d0b1062300d5b32e2808b35c39637e2808b2000',
		yjs: /Unexpected case/
	},
	// Text 1000000:2+12, of which the document has 2..10: Yjs places the new part after the
	// document's 1000000:10, a collected (GC) struct with no neighbours, and fails.
	{
		name: 'a struct the document has in part, its known part collected',
		update: '0101c0843d0244c3843d03110020efbfbd62efbfbdc3a4370833612e3600',
		yjs: /reading 'origin'/
	},
	{
		name: 'a struct the document has in part, with origins elsewhere',
		update: '0101c0843d09c4c1843d07c0843d03133720efbfbdc3b6203034e2808be2808b2c202000',
		yjs: /reading 'origin'/
	}
];

/**
 * BASE, then three clients typed into "Region Skåne" at once and synced:
 * "RegionYY Väst Nord SkåneX".
 */
function base2(): Uint8Array {
	const replicas = [2_000_001, 2_000_002, 2_000_003].map((id) => {
		const d = docFrom(BASE);
		d.clientID = id;
		return d;
	});
	const owner = (d: Y.Doc) => fieldText(d, 'owner')!;
	owner(replicas[0]).insert(7, 'Väst ');
	owner(replicas[1]).insert(7, 'Nord ');
	owner(replicas[2]).insert(12, 'X');
	owner(replicas[2]).insert(6, 'YY');
	for (const a of replicas) for (const b of replicas) Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
	return Y.encodeStateAsUpdate(replicas[0]);
}

/** BASE, then client 2000004 typed "💶 " (2000004:0–2, a surrogate pair and a space) at the start of the owner. */
function base3(): Uint8Array {
	const d = docFrom(BASE);
	d.clientID = 2_000_004;
	fieldText(d, 'owner')!.insert(0, '💶 ');
	return Y.encodeStateAsUpdate(d);
}

/**
 * Updates Yjs takes, after which the replicas differ for good: the live document shows
 * `root`.`key` one way, and `other` shows it another way: the same document encoded and
 * reloaded (a compaction, a restart, a client syncing from its state), or a client that
 * got what the live document sent out for the update.
 */
const DIVERGING: {
	name: string;
	base: () => Uint8Array;
	update: string;
	other: 'reloaded' | 'client';
	root: string;
	key: string;
	live: unknown;
	differently: unknown;
}[] = [
	// Item 1000005:0 with origin 1:28 and right origin 1:27, both inside "Region Skåne" (1:18–29).
	{
		name: 'a right origin before the origin',
		base: () => BASE,
		update: '0101c5843d00c4011c011b0cefbfbdc387343731c3a5312000',
		other: 'reloaded',
		root: 'fields',
		key: 'owner',
		live: 'Region Sk\ufffd\u00c7471\u00e51 \u00e5ne',
		differently: 'Region Sk\u00e5ne\ufffd\u00c7471\u00e51 '
	},
	// Item 5:0 with origin 1:49, the summary's value in the fields map, and right origin 1000001:4, inside the summary's text.
	{
		name: 'origins in two lists',
		base: () => BASE,
		update: '01010500c40131c1843d0402585900',
		other: 'reloaded',
		root: 'fields',
		key: 'summary',
		live: 'Y',
		differently: undefined
	},
	// Item 3000000000:0 with origin 1:18 ("R") and right origin 2000001:0 ("V"): "egion" lay between them.
	{
		name: 'origins with items between them that the item was made after',
		base: base2,
		update: '010180bcc1960b00c4011281897a0002585900',
		other: 'reloaded',
		root: 'fields',
		key: 'owner',
		live: 'RegionYY XYV\u00e4st Nord Sk\u00e5neX',
		differently: 'RegionYY Nord XYV\u00e4st Sk\u00e5neX'
	},
	// Client 1's struct 1:53+5, of which the document has 1:53 (the review state): Yjs places it after
	// that map entry, as text of the owner, where its origin 1:20 is.
	{
		name: 'a struct the document has in part, placed in another list',
		base: () => BASE,
		update: '0101013584011405616263646500',
		other: 'reloaded',
		root: 'review',
		key: 'state',
		live: 'draft',
		differently: 'e'
	},
	// Client 1's struct 1:53+4 with no origins, values in the fields map under "country", of which the
	// document has 1:53, the review state: Yjs puts the rest after that, and deletes the review state.
	{
		name: 'a struct the document has in part, the rest naming another list',
		base: () => BASE,
		update: '010101352801066669656c647307636f756e7472790477016177016277016377016400',
		other: 'reloaded',
		root: 'review',
		key: 'state',
		live: undefined,
		differently: 'd'
	},
	// Item 2000009:0 with origin 1000000:9, collected, and right origin 2000004:1, the low half of
	// the pair: Yjs collects the item, but first cuts the pair in two, in the live document alone.
	{
		name: 'an item between a collected item and one that is not',
		base: base3,
		update: '010189897a00c4c0843d0984897a01017800',
		other: 'client',
		root: 'fields',
		key: 'owner',
		live: '\ufffd\ufffd Region Sk\u00e5ne',
		differently: '\u{1f4b6} Region Sk\u00e5ne'
	},
	// Client 1's "Region Skåne" (1:18+12), which the document has, with origin 2000004:0, the pair's high half.
	{
		name: 'an item the document has, with an origin inside a surrogate pair',
		base: base3,
		update: '010101128484897a000d526567696f6e20536bc3a56e6500',
		other: 'client',
		root: 'fields',
		key: 'owner',
		live: '\ufffd\ufffd Region Sk\u00e5ne',
		differently: '\u{1f4b6} Region Sk\u00e5ne'
	}
];

function hex(s: string): Uint8Array {
	return Uint8Array.from(Buffer.from(s, 'hex'));
}

function docFrom(state: Uint8Array): Y.Doc {
	const d = new Y.Doc();
	Y.applyUpdate(d, state);
	return d;
}

/** Everything a document holds, so "unchanged" means unchanged. */
const snapshot = (doc: Y.Doc) => ({
	state: Buffer.from(Y.encodeStateAsUpdate(doc)).toString('hex'),
	json: JSON.stringify([doc.getMap('fields').toJSON(), doc.getMap('review').toJSON()])
});

/** The update one transaction on a replica of `doc` makes, as a provider sends it. */
function edit(doc: Y.Doc, change: (d: Y.Doc) => void, clientID?: number): Uint8Array {
	const d = docFrom(Y.encodeStateAsUpdate(doc));
	if (clientID) d.clientID = clientID;
	let update: Uint8Array = new Uint8Array();
	d.on('update', (u: Uint8Array) => (update = u));
	d.transact(() => change(d));
	return update;
}

describe('updates Yjs fails on half way', () => {
	it.each(FAILING)('$name: Yjs throws part-way on it', ({ update, yjs }) => {
		expect(() => Y.applyUpdate(docFrom(BASE), hex(update))).toThrow(yjs);
	});

	it.each(FAILING)('$name: refused before anything is applied', ({ update }) => {
		const doc = docFrom(BASE);
		const before = snapshot(doc);
		expect(() => checkUpdate(hex(update), doc)).toThrow(MalformedUpdateError);
		expect(snapshot(doc)).toEqual(before);
	});
});

describe('updates after which the replicas differ', () => {
	it.each(DIVERGING)('$name: the live document and its $other copy differ', ({ base, update, other, root, key, live, differently }) => {
		const doc = docFrom(base());
		let sent: Uint8Array | null = null;
		doc.on('update', (u: Uint8Array) => (sent = u));
		Y.applyUpdate(doc, hex(update));
		const copy = other === 'reloaded' ? docFrom(Y.encodeStateAsUpdate(doc)) : docFrom(base());
		if (other === 'client' && sent) Y.applyUpdate(copy, sent);
		expect(doc.getMap(root).toJSON()[key]).toEqual(live);
		expect(copy.getMap(root).toJSON()[key]).toEqual(differently);
	});

	it.each(DIVERGING)('$name: refused before anything is applied', ({ base, update }) => {
		const doc = docFrom(base());
		const before = snapshot(doc);
		expect(() => checkUpdate(hex(update), doc)).toThrow(MalformedUpdateError);
		expect(snapshot(doc)).toEqual(before);
	});

	it('refused too when the item comes after another of the same update, checked on a copy', () => {
		const doc = docFrom(BASE);
		const before = snapshot(doc);
		// The reproducer's item, after two keystrokes of its client, the second next to the first.
		const item = Y.decodeUpdate(hex(DIVERGING[0].update)).structs[0] as Y.Item;
		const update = encodeItems(item.id.client, [
			new Y.Item(Y.createID(item.id.client, 0), null, Y.createID(1, 20), null, Y.createID(1, 21), null, null, new Y.ContentString('k')),
			new Y.Item(
				Y.createID(item.id.client, 1),
				null,
				Y.createID(item.id.client, 0),
				null,
				Y.createID(1, 21),
				null,
				null,
				new Y.ContentString('j')
			),
			new Y.Item(Y.createID(item.id.client, 2), null, item.origin, null, item.rightOrigin, null, null, item.content)
		]);
		expect(() => checkUpdate(update, doc)).toThrow(/right origin does not lie after its origin/);
		expect(snapshot(doc)).toEqual(before);
	});
});

/** An update of one client's consecutive items, as Yjs encodes it. */
function encodeItems(client: number, items: Y.Item[]): Uint8Array {
	const e = new Y.UpdateEncoderV1();
	encoding.writeVarUint(e.restEncoder, 1);
	encoding.writeVarUint(e.restEncoder, items.length);
	e.writeClient(client);
	encoding.writeVarUint(e.restEncoder, items[0].id.clock);
	for (const item of items) item.write(e, 0);
	encoding.writeVarUint(e.restEncoder, 0);
	return e.toUint8Array();
}

describe('valid updates from real Yjs edits', () => {
	const valid: [string, (base: Y.Doc) => Uint8Array][] = [
		['a keystroke', (b) => edit(b, (d) => fieldText(d, 'title')!.insert(3, 'x'))],
		['typing after a typed character, by the same client', (b) => edit(b, (d) => fieldText(d, 'title')!.insert(5, 'y'), 1_000_000)],
		['deleting a range of text', (b) => edit(b, (d) => fieldText(d, 'summary')!.delete(2, 9))],
		['setting map values', (b) => edit(b, (d) => fieldsMap(d).set('startDate', '2025-01-01'))],
		['pushing to an array', (b) => edit(b, (d) => fieldList(d, 'themes')!.push([newListItem('ny'), newListItem('två')]))],
		['deleting array elements', (b) => edit(b, (d) => fieldList(d, 'themes')!.delete(0, 2))],
		[
			'an insert whose neighbours have had a concurrent insert put between them since',
			(b) => {
				const update = edit(b, (d) => fieldText(d, 'owner')!.insert(7, 'x'));
				Y.applyUpdate(
					b,
					edit(b, (d) => fieldText(d, 'owner')!.insert(7, 'Västra '))
				);
				return update;
			}
		],
		[
			'inserts at the start and the end of a text, after concurrent ones there',
			(b) => {
				const update = edit(b, (d) => {
					fieldText(d, 'owner')!.insert(0, '<');
					fieldText(d, 'owner')!.insert(fieldText(d, 'owner')!.length, '>');
				});
				Y.applyUpdate(
					b,
					edit(b, (d) => {
						fieldText(d, 'owner')!.insert(0, 'Nya ');
						fieldText(d, 'owner')!.insert(fieldText(d, 'owner')!.length, ' län');
					})
				);
				return update;
			}
		],
		[
			'several inserts in one transaction, next to each other and apart',
			(b) =>
				edit(b, (d) => {
					const title = fieldText(d, 'title')!;
					title.insert(3, 'a');
					title.insert(10, 'b');
					title.insert(3, 'c');
					title.insert(5, 'd');
					title.delete(4, 2);
				})
		],
		[
			"a replica's offline edits, typed into its own new text",
			(b) => {
				const replica = docFrom(Y.encodeStateAsUpdate(b));
				const known = Y.encodeStateVector(replica);
				const owner = fieldText(replica, 'owner')!;
				owner.insert(6, ' Nordost');
				owner.insert(9, 'xy');
				owner.insert(0, 'Ö');
				owner.insert(owner.length, '!');
				owner.insert(11, 'z');
				fieldList(replica, 'themes')!.insert(1, [newListItem('ny')]);
				(fieldList(replica, 'themes')!.get(1) as Y.Text).insert(1, 'å');
				Y.applyUpdate(
					b,
					edit(b, (d) => fieldText(d, 'owner')!.insert(6, ' Syd'))
				);
				return Y.encodeStateAsUpdate(replica, known);
			}
		],
		[
			'the whole state of a concurrent replica',
			(b) => {
				const replica = docFrom(Y.encodeStateAsUpdate(b));
				fieldText(replica, 'title')!.insert(0, 'Nya ');
				fieldList(replica, 'themes')!.delete(1, 1);
				return Y.encodeStateAsUpdate(replica);
			}
		]
	];

	it.each(valid)('%s passes and applies', (_, make) => {
		const doc = docFrom(BASE);
		const update = make(doc);
		expect(() => checkUpdate(update, doc)).not.toThrow();
		expect(() => Y.applyUpdate(doc, update)).not.toThrow();
	});

	it('passes a struct the document has in part when the part is what the document has (a re-sent edit)', () => {
		const doc = docFrom(BASE);
		const client = docFrom(BASE);
		const before = Y.encodeStateVector(client);
		const title = fieldText(client, 'title')!;
		let first: Uint8Array = new Uint8Array();
		client.once('update', (u: Uint8Array) => (first = u));
		title.insert(3, 'a');
		title.insert(4, 'bc');
		Y.applyUpdate(doc, first);
		// One struct of three characters, the first of which the document has.
		const resent = Y.encodeStateAsUpdate(client, before);
		const [struct] = Y.decodeUpdate(resent).structs.filter((s) => s.id.client === client.clientID);
		expect(struct.length).toBe(3);
		expect(Y.getState(doc.store, client.clientID)).toBe(struct.id.clock + 1);
		expect(() => checkUpdate(resent, doc)).not.toThrow();
		Y.applyUpdate(doc, resent);
		expect(title.toString()).toBe(fieldText(doc, 'title')!.toString());
	});
});

describeEachDialect('through the document store', (database) => {
	let store: RecordStore;
	const logs: string[] = [];
	const ada = new UpdateOrigin({ id: 'u-ada', name: 'Ada' }, 'socket');

	const storedRows = async () => {
		const { db, t } = database().sql;
		return (await db.select({ id: t.yjsUpdates.id }).from(t.yjsUpdates)).length;
	};

	beforeEach(() => {
		logs.length = 0;
		store = dialectRecordStore(database(), { log: (l) => logs.push(l) });
	});
	afterEach(async () => {
		await store.close();
	});

	it('refuses every failing update with MalformedUpdateError, keeps the document and its log, and reloads nothing', async () => {
		const id = await draftRecord(database().sql, validRecord());
		await dialectPersistence(database()).append(id, BASE);
		const session = (await store.open(id))!;
		const other = (await store.open(id))!;
		let failed = 0;
		const watcher = (await store.open(id, { failed: () => failed++ }))!;
		await session.persisted();
		const rows = await storedRows();
		const before = snapshot(session.doc);
		for (const { update } of FAILING) expect(() => session.apply(hex(update), ada)).toThrow(MalformedUpdateError);
		await session.persisted();
		expect(snapshot(session.doc)).toEqual(before);
		expect(await storedRows()).toBe(rows);
		expect(logs).toEqual([]);
		expect(failed).toBe(0);
		// The same live document goes on taking edits, for everyone on it.
		other.apply(
			edit(other.doc, (d) => fieldText(d, 'title')!.insert(0, 'Stilla ')),
			ada
		);
		expect(fieldText(session.doc, 'title')!.toString()).toMatch(/^Stilla /);
		for (const s of [session, other, watcher]) s.close();
	});
});

describe('every update three replicas exchange while editing concurrently passes (property)', () => {
	type Edit =
		| { t: 'type'; field: 'title' | 'owner' | 'summary'; at: number; s: string }
		| { t: 'delete'; field: 'title' | 'owner' | 'summary'; at: number; n: number }
		| { t: 'several'; field: 'title' | 'owner' | 'summary'; at: number[]; s: string }
		| { t: 'listInsert'; at: number; s: string }
		| { t: 'listDelete'; at: number }
		| { t: 'listType'; item: number; at: number; s: string }
		| { t: 'set'; s: string };
	type Step =
		{ t: 'edit'; replica: number; edit: Edit } | { t: 'sync'; from: number; to: number } | { t: 'deliver'; to: number; pick: number };

	const field = fc.constantFrom('title' as const, 'owner' as const, 'summary' as const);
	const text = fc.string({ minLength: 1, maxLength: 6, unit: fc.constantFrom('a', 'b', 'å', ' ', '1', '😀') });
	/** Positions as fractions of the text's length: mostly in the middle. */
	const at = fc.double({ min: 0, max: 1, noNaN: true }).map((x) => (x < 0.1 ? 0 : x > 0.9 ? 1 : x));
	const edit: fc.Arbitrary<Edit> = fc.oneof(
		{ weight: 6, arbitrary: fc.record({ t: fc.constant('type' as const), field, at, s: text }) },
		{ weight: 3, arbitrary: fc.record({ t: fc.constant('delete' as const), field, at, n: fc.integer({ min: 1, max: 5 }) }) },
		{
			weight: 2,
			arbitrary: fc.record({ t: fc.constant('several' as const), field, at: fc.array(at, { minLength: 2, maxLength: 4 }), s: text })
		},
		{ weight: 1, arbitrary: fc.record({ t: fc.constant('listInsert' as const), at, s: text }) },
		{ weight: 1, arbitrary: fc.record({ t: fc.constant('listDelete' as const), at }) },
		{ weight: 2, arbitrary: fc.record({ t: fc.constant('listType' as const), item: at, at, s: text }) },
		{ weight: 1, arbitrary: fc.record({ t: fc.constant('set' as const), s: text }) }
	);
	const step: fc.Arbitrary<Step> = fc.oneof(
		{ weight: 6, arbitrary: fc.record({ t: fc.constant('edit' as const), replica: fc.nat(2), edit }) },
		{ weight: 2, arbitrary: fc.record({ t: fc.constant('sync' as const), from: fc.nat(2), to: fc.nat(2) }) },
		{ weight: 3, arbitrary: fc.record({ t: fc.constant('deliver' as const), to: fc.nat(2), pick: fc.nat() }) }
	);
	/** Client ids below, between and above BASE's (1, 1000000–1000003): Yjs breaks ties by them. */
	const clients = fc.constantFrom([7, 1_500_000, 4_000_000_000], [4_000_000_000, 2, 999_999], [1_000_010, 1_000_011, 1_000_012]);

	const index = (x: number, length: number) => Math.round(x * length);
	function run(doc: Y.Doc, e: Edit): void {
		doc.transact(() => {
			if (e.t === 'type' || e.t === 'delete' || e.t === 'several') {
				const t = fieldText(doc, e.field)!;
				if (e.t === 'type') t.insert(index(e.at, t.length), e.s);
				else if (e.t === 'delete') t.delete(Math.min(index(e.at, t.length), Math.max(0, t.length - 1)), Math.min(e.n, t.length));
				else for (const x of e.at) t.insert(index(x, t.length), e.s);
				return;
			}
			const themes = fieldList(doc, 'themes')!;
			if (e.t === 'listInsert') themes.insert(index(e.at, themes.length), [newListItem(e.s)]);
			else if (e.t === 'listDelete' && themes.length) themes.delete(Math.min(index(e.at, themes.length), themes.length - 1), 1);
			else if (e.t === 'listType' && themes.length) {
				const item = themes.get(Math.min(index(e.item, themes.length), themes.length - 1));
				if (item instanceof Y.Text) item.insert(index(e.at, item.length), e.s);
			} else if (e.t === 'set') fieldsMap(doc).set('startDate', e.s);
		});
	}

	it('each update, sent as it was made or as a sync, passes checkUpdate against the replica it reaches', () => {
		fc.assert(
			fc.property(clients, fc.array(step, { minLength: 1, maxLength: 80 }), (ids, steps) => {
				const docs = ids.map((id) => {
					const d = docFrom(BASE);
					d.clientID = id;
					return d;
				});
				const sent: Uint8Array[] = [];
				for (const d of docs) d.on('update', (u: Uint8Array, origin: unknown) => origin !== 'net' && sent.push(u));
				const receive = (to: Y.Doc, update: Uint8Array) => {
					expect(() => checkUpdate(update, to)).not.toThrow();
					Y.applyUpdate(to, update, 'net');
				};
				for (const s of steps) {
					if (s.t === 'edit') run(docs[s.replica], s.edit);
					else if (s.t === 'sync') receive(docs[s.to], Y.encodeStateAsUpdate(docs[s.from], Y.encodeStateVector(docs[s.to])));
					else if (sent.length) receive(docs[s.to], sent[s.pick % sent.length]);
				}
				for (const a of docs) for (const b of docs) if (a !== b) receive(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
				for (const d of docs) expect(fieldsMap(d).toJSON()).toEqual(fieldsMap(docs[0]).toJSON());
				// And a reload of each reads the same.
				expect(fieldsMap(docFrom(Y.encodeStateAsUpdate(docs[1]))).toJSON()).toEqual(fieldsMap(docs[0]).toJSON());
			}),
			{ numRuns: 300 }
		);
	});
});
