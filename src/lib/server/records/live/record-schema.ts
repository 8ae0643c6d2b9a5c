/**
 * The record document's schema and write rules, checked on every update from a client
 * before any of it is applied (after check-update.ts found it well formed). A client may
 * only edit the registry's fields, in the shapes ydoc.ts lays out:
 *
 *   fields[key]            a scalar field's string; never a field's shared type (the
 *                          server creates those, see ydoc.ts)
 *   text/longtext field    characters
 *   list field             Y.Text elements, and their characters
 *   contacts field         Y.Map elements holding the contact's strings and its `public` flag
 *   money field            its `value` and `currency` strings
 *
 * `review` (state, approval, note) and `changedBy` are the server's alone, and any other
 * root is refused. A contact's `public` flag may be set to true by an approver only. No
 * field may grow past its bound in the registry (`max`); a field already over it (an older
 * record) may still be edited as long as the edit does not grow it. Deletions are checked
 * too: a client may not delete what it may not write.
 *
 * Where an item goes is read from the update as decoded: its parent (a root's name or a
 * type's id) or, for an item placed next to others, the place of its left or right
 * neighbour, found in the document or in the same update. A keystroke is one lookup.
 */
import * as Y from 'yjs';
import { FIELDS, isFieldKey, type FieldDef } from '../../../records/fields';
import { CONTACT_TEXT_KEYS } from '../../../records/inputs';
import { MalformedUpdateError, type DecodedUpdate } from '../../docs/check-update';
import type { WriteRights } from '../../docs/origins';

/** Why an update was refused; each reason has its own close code on the socket. */
export type RefusalReason = 'schema' | 'size' | 'role';

/** A well-formed update the record may not take; a kind of malformed update to whoever only knows those. */
export class RefusedUpdateError extends MalformedUpdateError {
	constructor(
		readonly reason: RefusalReason,
		message: string
	) {
		super(message);
	}
}

type Struct = Y.Item | Y.GC | Y.Skip;

/** Where an item sits: in a container, under a map key or (sub null) in its list. */
interface Place {
	container: Container;
	sub: string | null;
}

/** A shared type the schema knows, or 'other' for anything a client may not write into. */
type Container =
	| { at: 'root'; name: string }
	/** The shared type of a text, list, contacts or money field. */
	| { at: 'field'; def: FieldDef; size: Size | null }
	/** One element of a list (a Y.Text) or of contacts (a Y.Map). */
	| { at: 'element'; def: FieldDef; size: Size | null }
	| { at: 'other' };

/** A text's characters or a list's elements: now, and what the update adds and removes. */
interface Size {
	now: number;
	change: number;
	bound: number;
	what: string;
}

const OTHER: Container = { at: 'other' };
const fieldDefs = new Map<string, FieldDef>(FIELDS.map((f) => [f.key, f]));
const CONTACT_KEYS = new Set<string>(CONTACT_TEXT_KEYS);
const MONEY_KEYS = new Set(['value', 'currency']);

/** Throws RefusedUpdateError unless every change in the update is one `rights` allow in a record document. */
export function checkRecordUpdate(decoded: DecodedUpdate, doc: Y.Doc, rights: WriteRights): void {
	new RecordCheck(decoded.structs, doc, rights).run(decoded.ds);
}

class RecordCheck {
	/** The update's structs by client, in clock order, to find an item's neighbour or parent in it. */
	private readonly byClient = new Map<number, Struct[]>();
	private readonly places = new Map<Y.Item, Place | null>();
	/** Containers of the document's types and of types the update creates. */
	private readonly containers = new Map<Y.AbstractType<unknown> | Y.Item, Container>();
	private readonly sizes: Size[] = [];

	constructor(
		private readonly structs: Struct[],
		private readonly doc: Y.Doc,
		private readonly rights: WriteRights
	) {
		for (const s of structs) {
			const list = this.byClient.get(s.id.client);
			if (list) list.push(s);
			else this.byClient.set(s.id.client, [s]);
		}
	}

	run(ds: DecodedUpdate['ds']): void {
		for (const s of this.structs) {
			if (!(s instanceof Y.Item)) continue;
			const known = Y.getState(this.doc.store, s.id.client);
			const fresh = s.id.clock + s.length - Math.max(known, s.id.clock);
			if (fresh <= 0) continue; // the document has it all: Yjs skips it
			const place = this.placeOf(s);
			// No place: it waits for a struct no one has sent (the store drops it), or sits next to a collected one (Yjs collects it too).
			if (place) this.checkItem(s, place, fresh);
		}
		for (const [client, ranges] of ds.clients) {
			const structs = this.doc.store.clients.get(client);
			if (!structs) continue;
			for (const { clock, len } of ranges) this.checkDeletes(structs, clock, clock + len);
		}
		for (const s of this.sizes) {
			if (s.change > 0 && s.now + s.change > s.bound)
				throw new RefusedUpdateError('size', `${s.what} would hold ${s.now + s.change}, more than its bound of ${s.bound}`);
		}
	}

	private checkItem(item: Y.Item, { container, sub }: Place, fresh: number): void {
		const c = item.content;
		// Holds nothing; in a map it replaces the key's value, as a deletion would.
		if (c instanceof Y.ContentDeleted && container.at !== 'root') return;
		switch (container.at) {
			case 'root':
				if (container.name !== 'fields')
					throw refused(
						container.name in ROOT_WORDS ? ROOT_WORDS[container.name] : `a root the record does not have ("${container.name}")`
					);
				{
					const def = sub === null ? undefined : fieldDefs.get(sub);
					if (!def) throw refused(`a key the record's fields do not have (${JSON.stringify(sub)})`);
					if (!isScalar(def)) throw refused(`a new value for the field "${def.key}" (the server creates its shared type)`);
					if (!(c instanceof Y.ContentDeleted)) oneString(c, def, def.key);
				}
				return;
			case 'field': {
				const { def } = container;
				if (def.kind === 'money') {
					if (sub === null || !MONEY_KEYS.has(sub)) throw refused(`a key an amount does not have (${JSON.stringify(sub)})`);
					return oneString(c, def, `${def.key}.${sub}`);
				}
				if (sub !== null) throw refused(`a key in the field "${def.key}"`);
				if (def.kind === 'text' || def.kind === 'longtext') {
					if (!(c instanceof Y.ContentString)) throw refused(`content other than characters in the field "${def.key}"`);
					container.size!.change += fresh;
					return;
				}
				const element = def.kind === 'list' ? Y.Text : Y.Map;
				if (!(c instanceof Y.ContentType) || !(c.type instanceof element) || c.type instanceof Y.XmlText)
					throw refused(`an element of the wrong kind in the field "${def.key}"`);
				container.size!.change += fresh;
				return;
			}
			case 'element': {
				const { def } = container;
				if (def.kind === 'list') {
					if (sub !== null || !(c instanceof Y.ContentString)) throw refused(`content other than characters in an element of "${def.key}"`);
					container.size!.change += fresh;
					return;
				}
				// A contact.
				if (sub === 'public') {
					if (!(c instanceof Y.ContentAny) || c.arr.length !== 1 || typeof c.arr[0] !== 'boolean')
						throw refused('a contact\'s "public" flag that is not true or false');
					if (c.arr[0] && !this.rights.approver) throw new RefusedUpdateError('role', 'only an approver may make a contact public');
					return;
				}
				if (sub === null || !CONTACT_KEYS.has(sub)) throw refused(`a key a contact does not have (${JSON.stringify(sub)})`);
				return oneString(c, def, `a contact's ${sub}`);
			}
			case 'other':
				throw refused('a change inside a value the record does not lay out that way');
		}
	}

	/** A delete of the document's structs from `from` to `to` (one client's clocks). */
	private checkDeletes(structs: Struct[], from: number, to: number): void {
		const last = structs[structs.length - 1];
		if (from >= last.id.clock + last.length) return; // the update's own items, or none: checked as items
		for (let i = Y.findIndexSS(structs, Math.max(from, structs[0].id.clock)); i < structs.length; i++) {
			const s = structs[i];
			if (s.id.clock >= to) break;
			if (!(s instanceof Y.Item) || s.deleted) continue;
			const parent = s.parent as Y.AbstractType<unknown>;
			const container = this.containerOf(parent);
			if (container.at === 'root') {
				if (container.name === 'fields') {
					if (s.content instanceof Y.ContentType)
						throw refused(`a deletion of the field "${s.parentSub}" (only the server replaces a field)`);
				} else if (container.name in ROOT_WORDS) throw refused(ROOT_WORDS[container.name]);
				continue;
			}
			const size = container.at === 'other' ? null : container.size;
			if (size && s.countable && s.parentSub === null) size.change -= Math.min(to, s.id.clock + s.length) - Math.max(from, s.id.clock);
		}
	}

	/** The place of an item of the update: from its parent, or from the neighbour it was made next to. */
	private placeOf(item: Y.Item): Place | null {
		// Items made next to each other in one update chain through their neighbours; walked, not recursed.
		const chain: Y.Item[] = [];
		let place: Place | null = null;
		for (let at: Y.Item | null = item; at;) {
			if (this.places.has(at)) {
				place = this.places.get(at)!;
				break;
			}
			chain.push(at);
			const parent = at.parent as Y.ID | string | null;
			if (typeof parent === 'string') {
				place = { container: this.rootContainer(parent), sub: at.parentSub };
				break;
			}
			if (parent instanceof Y.ID) {
				place = this.placeInType(parent, at.parentSub);
				break;
			}
			const ref: Y.ID | null = at.origin ?? at.rightOrigin;
			const next: { item: Y.Item; inDoc: boolean } | null = ref && this.find(ref);
			if (!next) break;
			if (next.inDoc) {
				place = next.item.parent
					? { container: this.containerOf(next.item.parent as Y.AbstractType<unknown>), sub: next.item.parentSub }
					: null;
				break;
			}
			at = next.item;
		}
		for (const it of chain) this.places.set(it, place);
		return place;
	}

	/** The place of a child of the type item `typeId` (in the document or in this update). */
	private placeInType(typeId: Y.ID, sub: string | null): Place | null {
		const found = this.find(typeId);
		if (!found) return null;
		const { item, inDoc } = found;
		if (!(item.content instanceof Y.ContentType)) return { container: OTHER, sub };
		if (inDoc) return { container: this.containerOf(item.content.type), sub };
		let container = this.containers.get(item);
		if (!container) {
			const place = this.placeOf(item);
			// A type with no place waits for a struct no one has sent, or sits next to a collected
			// one: Yjs keeps or collects its children with it, so they have no place either.
			if (!place) return null;
			container = this.childContainer(place, item.content.type, 0);
			this.containers.set(item, container);
		}
		return { container, sub };
	}

	/** What a type is, by where it sits in the document. */
	private containerOf(type: Y.AbstractType<unknown>): Container {
		let container = this.containers.get(type);
		if (container) return container;
		const holder = type._item;
		if (holder === null) {
			let name = '';
			for (const [key, t] of this.doc.share) if (t === type) name = key;
			container = this.rootContainer(name);
		} else {
			const parent = holder.parent as Y.AbstractType<unknown>;
			container = this.childContainer({ container: this.containerOf(parent), sub: holder.parentSub }, type, typeLength(type));
		}
		this.containers.set(type, container);
		return container;
	}

	private rootContainer(name: string): Container {
		return { at: 'root', name };
	}

	/** The container a type at `place` is, `length` long now. */
	private childContainer({ container, sub }: Place, type: Y.AbstractType<unknown>, length: number): Container {
		if (container.at === 'root' && container.name === 'fields' && sub !== null && isFieldKey(sub)) {
			const def = fieldDefs.get(sub)!;
			if (def.kind === 'money') return { at: 'field', def, size: null };
			if (isScalar(def)) return OTHER;
			const what = def.kind === 'text' || def.kind === 'longtext' ? `the text of "${def.key}"` : `the list "${def.key}"`;
			const bound = def.kind === 'text' || def.kind === 'longtext' ? def.max.chars : def.max.items;
			return { at: 'field', def, size: this.size(length, bound, what) };
		}
		if (container.at === 'field' && sub === null && (container.def.kind === 'list' || container.def.kind === 'contacts')) {
			const { def } = container;
			return {
				at: 'element',
				def,
				size: def.kind === 'list' && type instanceof Y.Text ? this.size(length, def.max.chars, `an element of "${def.key}"`) : null
			};
		}
		return OTHER;
	}

	private size(now: number, bound: number, what: string): Size {
		const s = { now, change: 0, bound, what };
		this.sizes.push(s);
		return s;
	}

	/** The item holding `id`: in the document if it has it, else in the update. */
	private find(id: Y.ID): { item: Y.Item; inDoc: boolean } | null {
		if (id.clock < Y.getState(this.doc.store, id.client)) {
			const s = Y.getItem(this.doc.store, id) as Y.Item | Y.GC;
			return s instanceof Y.Item ? { item: s, inDoc: true } : null;
		}
		const list = this.byClient.get(id.client);
		if (!list) return null;
		let lo = 0;
		let hi = list.length - 1;
		while (lo <= hi) {
			const mid = (lo + hi) >> 1;
			const s = list[mid];
			if (id.clock < s.id.clock) hi = mid - 1;
			else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
			else return s instanceof Y.Item ? { item: s, inDoc: false } : null;
		}
		return null;
	}
}

const ROOT_WORDS: Record<string, string> = {
	review: 'a change to the review state, approval or note (the server writes those)',
	changedBy: 'a change to "changed by" (the server writes those)'
};

const isScalar = (def: FieldDef) => def.kind === 'rate' || def.kind === 'date' || def.kind === 'country' || def.kind === 'count';

function refused(what: string): RefusedUpdateError {
	return new RefusedUpdateError('schema', `refused: ${what}`);
}

function oneString(c: Y.Item['content'], def: FieldDef, what: string): void {
	if (!(c instanceof Y.ContentAny) || c.arr.length !== 1 || typeof c.arr[0] !== 'string') throw refused(`${what} that is not a string`);
	const s = c.arr[0] as string;
	if (s.length > def.max.chars)
		throw new RefusedUpdateError('size', `${what} of ${s.length} characters, more than its bound of ${def.max.chars}`);
}

/** Characters of a text, elements of an array; 0 for anything else. */
function typeLength(type: Y.AbstractType<unknown>): number {
	return type instanceof Y.Text || type instanceof Y.Array ? type.length : 0;
}
