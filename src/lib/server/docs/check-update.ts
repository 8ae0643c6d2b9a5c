/**
 * The gate in front of Y.applyUpdate for updates from clients. Yjs trusts what it is
 * given: on some hostile bytes it throws half way through integrating them, and what it
 * integrated before the throw stays in the document; on others it integrates an item
 * where a copy rebuilt from the encoded document would not put it. This gate refuses
 * such an update before any of it is applied.
 *
 * Every update is decoded completely and refused when it has a shape Yjs never produces:
 *  - an empty struct or delete range;
 *  - an item that refers (as its left or right neighbour, or as its parent) to its own
 *    client at or after its own clock. A client's items only ever refer to items that
 *    existed when it made them, and its own have lower clocks. Yjs checks other
 *    clients' references against the document and its own against nothing, then looks
 *    the item up and fails;
 *  - an item that could not have been made between its origins, its left and right
 *    neighbours when it was made (see `misplaced`): its right origin does not lie after
 *    its origin in one list (the same parent and map key), or an item its maker knew
 *    was next to one of them lies between them. Yjs takes such an item, but where it
 *    puts it depends on the items it passes from the origin on, and so on the order in
 *    which the document got its items: the live document, its stored log reloaded and
 *    a client that syncs from either put the item in different places, for good;
 *  - an item between a collected item and one that is not, or one the document has
 *    already whose origins cut a character (a surrogate pair) in two: Yjs cuts the text
 *    there in the live document alone (see `unseenCut`).
 * A struct the document already has in part (an honest client re-sending edits that
 * crossed on a reconnect) Yjs cuts to its new part and places after the document's own
 * struct before it, trusting that the two belong together; hostile bytes break that. A
 * struct that names another list than that one is refused up front (see `restInList`);
 * on others (the struct before was collected, say) Yjs fails, depending on the document,
 * or places them badly. Such updates are rare, so they alone are tried on a copy of the
 * document first; an ordinary edit starts where the document's state for its client ends
 * and is never copied for. Origins are checked on the document itself when it has them
 * (a keystroke: its neighbours are next to each other, one step apart); an update with
 * items made next to items of the same update (edits made offline, sent on reconnect) is
 * applied to a copy and its items checked there, where Yjs has placed them all.
 */
import * as Y from 'yjs';

export class MalformedUpdateError extends Error {}

export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/** Throws MalformedUpdateError unless `update` can be applied to `doc` as a whole; gives the update decoded, for the schema check after it. */
export function checkUpdate(update: Uint8Array, doc: Y.Doc): DecodedUpdate {
	let decoded: DecodedUpdate;
	try {
		decoded = Y.decodeUpdate(update);
	} catch {
		throw new MalformedUpdateError('not a Yjs update');
	}
	let overlaps = false;
	/** The clocks each client has structs at in the update, first to last. */
	const spans = new Map<number, [number, number]>();
	const placed: Y.Item[] = [];
	for (const s of decoded.structs) {
		if (!sane(s.length)) throw new MalformedUpdateError('an empty struct');
		if (s instanceof Y.Item && refersAhead(s)) throw new MalformedUpdateError('an item that refers to its own future');
		if (!(s instanceof Y.Skip)) {
			const { client, clock } = s.id;
			const known = Y.getState(doc.store, client);
			const inPart = clock < known && known < clock + s.length;
			overlaps ||= inPart;
			if (inPart && s instanceof Y.Item && !restInList(doc, s, known))
				throw new MalformedUpdateError('an item the document has in part, whose rest names another list');
			const span = spans.get(client);
			if (span) span[1] = Math.max(span[1], clock + s.length);
			else spans.set(client, [clock, clock + s.length]);
			if (s instanceof Y.Item && (s.origin || s.rightOrigin)) {
				const wrong = unseenCut(doc.store, s, known);
				if (wrong) throw new MalformedUpdateError(wrong);
				if (clock >= known) placed.push(s);
			}
		}
	}
	for (const ranges of decoded.ds.clients.values()) {
		if (!ranges.every((r) => sane(r.len) && Number.isSafeInteger(r.clock))) throw new MalformedUpdateError('an empty delete range');
	}
	// Structs Yjs holds back for what they wait for are integrated with the next update.
	let onCopy = overlaps || doc.store.pendingStructs !== null;
	let lists: ListIndex | null = null;
	for (let i = 0; !onCopy && i < placed.length; i++) {
		const { origin, rightOrigin } = placed[i];
		if (inDoc(doc, origin) && inDoc(doc, rightOrigin)) {
			const wrong = misplaced(doc.store, placed[i], (lists ??= new ListIndex()), true);
			if (wrong) throw new MalformedUpdateError(wrong);
		} else if ((origin !== null && inUpdate(spans, origin)) || (rightOrigin !== null && inUpdate(spans, rightOrigin))) onCopy = true;
		// Otherwise it waits for a struct no one has sent; the store drops it.
	}
	if (onCopy) tryOnCopy(update, decoded.structs, doc);
	return decoded;
}

const sane = (n: number) => Number.isSafeInteger(n) && n > 0;

/** Run for every struct of every update: no closure made per call. */
function refersAhead(item: Y.Item): boolean {
	// As decodeUpdate leaves it, `parent` is an ID, a root type's name, or null.
	return ahead(item.origin, item.id) || ahead(item.rightOrigin, item.id) || (item.parent instanceof Y.ID && ahead(item.parent, item.id));
}

const ahead = (ref: Y.ID | null, id: Y.ID) => ref !== null && ref.client === id.client && ref.clock >= id.clock;

/** Whether the document has the struct `id` names (no id: nothing to have). Run per keystroke: no arrays or closures. */
const inDoc = (doc: Y.Doc, id: Y.ID | null) => id === null || id.clock < Y.getState(doc.store, id.client);

function inUpdate(spans: Map<number, [number, number]>, id: Y.ID): boolean {
	const span = spans.get(id.client);
	return span !== undefined && span[0] <= id.clock && id.clock < span[1];
}

/**
 * Applies the update to a copy of the document, then checks the origins of every struct
 * it added, and that no item it collected (see `unseenCut`) sat next to one it kept.
 */
function tryOnCopy(update: Uint8Array, structs: (Y.Item | Y.GC | Y.Skip)[], doc: Y.Doc): void {
	const copy = new Y.Doc({ gc: doc.gc });
	try {
		try {
			Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
			Y.applyUpdate(copy, update);
		} catch (err) {
			throw new MalformedUpdateError(`an update Yjs cannot apply: ${(err as Error).message}`);
		}
		const lists = new ListIndex();
		for (const [client, added] of copy.store.clients) {
			const from = Y.getState(doc.store, client);
			if (Y.getState(copy.store, client) <= from) continue;
			// The first may have merged with the document's struct before it: it is checked whole.
			for (let i = Y.findIndexSS(added, from); i < added.length; i++) {
				const s = added[i];
				const wrong = s instanceof Y.Item && (s.origin || s.rightOrigin) ? misplaced(copy.store, s, lists, false) : null;
				if (wrong) throw new MalformedUpdateError(wrong);
			}
		}
		for (const item of structs) {
			if (!(item instanceof Y.Item) || !(item.origin || item.rightOrigin)) continue;
			const { client, clock } = item.id;
			const first = Math.max(clock, Y.getState(doc.store, client));
			if (first >= clock + item.length || !(holder(copy.store, Y.createID(client, first)) instanceof Y.GC)) continue;
			const kept = (id: Y.ID | null) => id !== null && holder(copy.store, id) instanceof Y.Item;
			if (kept(item.origin) || kept(item.rightOrigin)) throw new MalformedUpdateError(NEXT_TO_COLLECTED);
		}
	} finally {
		copy.destroy();
	}
}

/** How far to follow `right` from each end before numbering the whole list. */
const WALK = 32;

type Store = Y.Doc['store'];

/** The struct holding `id`'s clock in `store`, found without splitting it; null if `store` has not got it. */
function holder(store: Store, id: Y.ID): Y.Item | Y.GC | null {
	return id.clock < Y.getState(store, id.client) ? (Y.getItem(store, id) as Y.Item | Y.GC) : null;
}

/** The item holding `id`'s clock in a list of `store`'s document; null if none does (it was collected, or is not there). */
function listed(store: Store, id: Y.ID): Y.Item | null {
	const s = holder(store, id);
	return s instanceof Y.Item ? s : null;
}

/**
 * Whether the rest of an item the document has in part (up to `known`) goes into the list
 * of the part it has. Yjs puts the rest right after the document's item before it (its
 * own clock before), but into the list the item names: that of its origin, else of its
 * right origin, else its parent (and map key). Honestly the same item, so the same list;
 * Yjs merges the two whatever lists they are in. A collected part or list: Yjs collects
 * the rest, or fails on it, and the copy shows which.
 */
function restInList(doc: Y.Doc, item: Y.Item, known: number): boolean {
	const prev = holder(doc.store, Y.createID(item.id.client, known - 1));
	if (!(prev instanceof Y.Item)) return true;
	const ref = item.origin ?? item.rightOrigin;
	if (ref) {
		const s = holder(doc.store, ref);
		return !(s instanceof Y.Item) || sameList(s, prev);
	}
	// As decodeUpdate leaves it, `parent` is an ID, a root type's name, or null.
	const named = item.parent as Y.ID | string | null;
	let parent: unknown;
	if (typeof named === 'string') parent = doc.share.get(named);
	else if (named instanceof Y.ID) {
		const s = holder(doc.store, named);
		if (!(s instanceof Y.Item) || !(s.content instanceof Y.ContentType)) return true;
		parent = s.content.type;
	}
	return parent === prev.parent && item.parentSub === prev.parentSub;
}

const NEXT_TO_COLLECTED = 'an item between a collected item and one that is not';

/**
 * Why Yjs would change the document where no one else sees it, for an item it does not
 * add with the origins it has. Before Yjs decides what to do with an item whose origins
 * it has, it cuts the structs that hold them there, and a cut inside a surrogate pair
 * turns both halves into U+FFFD for good. The item then tells everyone else to cut there
 * too, unless Yjs drops it, or its origins: when the document has it already (all of it,
 * or the part the origin goes with: the rest is placed after its own clock before it),
 * or when one origin was collected (the item is then collected too, and goes out as a
 * bare range of clocks). A struct the document has came with the same origins, whose
 * cuts are made already; and an item's two origins sit in one list, collected together
 * with it; so honest updates cut nothing new here.
 */
function unseenCut(store: Store, item: Y.Item, known: number): string | null {
	const a = item.origin && holder(store, item.origin);
	const b = item.rightOrigin && holder(store, item.rightOrigin);
	if (a && b && a instanceof Y.GC !== b instanceof Y.GC) return NEXT_TO_COLLECTED;
	if (item.id.clock < known && (cutsPair(a, item.origin, 1) || cutsPair(b, item.rightOrigin, 0)))
		return 'an item the document has, whose origins cut a character in two';
	return null;
}

/** Whether cutting `s` before the clock `id` (+ `after`) cuts a surrogate pair. */
function cutsPair(s: Y.Item | Y.GC | null, id: Y.ID | null, after: number): boolean {
	if (!(s instanceof Y.Item) || !(s.content instanceof Y.ContentString) || id === null) return false;
	const at = id.clock - s.id.clock + after;
	const code = s.content.str.charCodeAt(at - 1);
	return at > 0 && at < s.length && code >= 0xd800 && code <= 0xdbff;
}

/**
 * Why `item` could not have been made where its origins say, as `store`'s document has
 * them; null if it could. Its maker put it between two neighbours, its origin and right
 * origin (none at the start or the end of a list), and knew what those were made next
 * to: what the right origin was made after (the clock before it in its struct, or its
 * struct's origin) and what the origin was made before (its struct's right origin).
 * Items only ever join a list, never move, so in every later state: the right origin
 * lies after the origin, in one list; what the right origin was made after lies at or
 * before the origin (with no origin, made at the start: it has none either); what the
 * origin was made before lies at or after the right origin (with no right origin, made
 * at the end: it has none either). Items made concurrently may lie between the two.
 *
 * A collected struct at either end is in no list: before the update, Yjs then collects
 * the item too, so there is nothing to misplace (`collected`; `unseenCut` refuses an item
 * with one end collected and one not); after it (on the copy, for an item that stayed),
 * the update deleted what held that end and not the item, so the two were not in one
 * list, and a reload would collect the item the live document shows.
 */
function misplaced(store: Store, item: Y.Item, lists: ListIndex, collected: boolean): string | null {
	const { origin, rightOrigin } = item;
	const a = origin && listed(store, origin);
	const b = rightOrigin && listed(store, rightOrigin);
	if ((origin && !a) || (rightOrigin && !b)) return collected ? null : NEXT_TO_COLLECTED;
	// On the copy, where Yjs placed it: in the list of its origins. (A struct the document
	// had in part it places after the document's struct before it, in the list of the origin it names.)
	if (item.parent instanceof Y.AbstractType && !sameList(item, (a || b)!)) return 'an item placed in another list than its origins';
	if (a && b) {
		if (!sameList(a, b)) return 'an item whose origins are in two lists';
		if (compare(a, origin!.clock, b, rightOrigin!.clock, lists) >= 0) return 'an item whose right origin does not lie after its origin';
	}
	if (b) {
		const before = rightOrigin!.clock > b.id.clock ? Y.createID(b.id.client, rightOrigin!.clock - 1) : b.origin;
		if (before !== null) {
			if (!a) return 'an item made at the start of a list, next to one that was not';
			const c = listed(store, before);
			if (c && sameList(c, a) && compare(c, before.clock, a, origin!.clock, lists) > 0)
				return 'an item whose origins were never neighbours';
		}
	}
	if (a) {
		const after = a.rightOrigin;
		if (after !== null) {
			if (!b) return 'an item made at the end of a list, next to one that was not';
			const c = listed(store, after);
			if (c && sameList(c, b) && compare(c, after.clock, b, rightOrigin!.clock, lists) < 0)
				return 'an item whose origins were never neighbours';
		}
	}
	return null;
}

const sameList = (a: Y.Item, b: Y.Item) => a.parent === b.parent && a.parentSub === b.parentSub;

/** Below, at or above 0 as the clock `p` of struct `a` lies before, at or after the clock `q` of `b`, in one list. */
function compare(a: Y.Item, p: number, b: Y.Item, q: number, lists: ListIndex): number {
	if (a === b) return p - q;
	const numbered = lists.numbered(a);
	if (numbered) return numbered.get(a)! - numbered.get(b)!;
	// Walk right from both: from a to b (a first), or from b to a.
	let x = a.right;
	let y = b.right;
	for (let i = 0; i < WALK; i++) {
		if (x === b || y === null) return -1;
		if (y === a || x === null) return 1;
		x = x.right;
		y = y.right;
	}
	const index = lists.of(a);
	return index.get(a)! - index.get(b)!;
}

/** The position of every item in a list, numbered once per check and list. */
class ListIndex {
	private readonly lists = new Map<Y.AbstractType<unknown>, Map<string | null, Map<Y.Item, number>>>();

	/** The positions in `item`'s list, if numbered already. */
	numbered(item: Y.Item): Map<Y.Item, number> | undefined {
		return this.lists.get(item.parent as Y.AbstractType<unknown>)?.get(item.parentSub);
	}

	of(item: Y.Item): Map<Y.Item, number> {
		const parent = item.parent as Y.AbstractType<unknown>;
		let bySub = this.lists.get(parent);
		if (!bySub) this.lists.set(parent, (bySub = new Map()));
		let index = bySub.get(item.parentSub);
		if (!index) {
			index = new Map();
			let n: Y.Item | null = item;
			while (n.left !== null) n = n.left;
			for (let i = 0; n !== null; n = n.right) index.set(n, i++);
			bySub.set(item.parentSub, index);
		}
		return index;
	}
}
