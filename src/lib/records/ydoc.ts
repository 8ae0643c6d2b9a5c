/**
 * A record as a Yjs document, derived from the field registry. Pure: runs in the browser
 * (the editor) and in Node (the document store, ingest).
 *
 * Layout:
 *   fields     Y.Map  text/longtext -> Y.Text; list -> Y.Array<Y.Text>; contacts -> Y.Array<Y.Map>;
 *                     money -> Y.Map {value, currency}; rate/date/country/count -> the typed string
 *   review     Y.Map  state -> ReviewState; approval -> { version, by, at } of the last approval;
 *                     note -> { text, by, at }, why changes were requested or the record rejected
 *   changedBy  Y.Map  field key -> { id, name, at } of the person who last changed it
 *
 * Only the server creates a field's shared type (on ingest, or on load when the registry
 * grew): two clients creating the same Y.Text at once would each keep their own and one
 * person's typing would vanish.
 */
import * as Y from 'yjs';
import { FIELDS, isFieldKey, type FieldDef, type FieldKey, type ProjectRecord } from './fields';
import { contactInput, type ContactInput, type DraftInputs, type FieldInput } from './inputs';
import { emptyInput, inputsFromRecord, kindOf, newContact, newText, recordFromInputs } from './kinds';
import { isReviewState, type ReviewState } from './review';

export { applyTextDiff } from './text-diff';

export interface ChangedBy {
	id: string;
	name: string;
	/** ISO time of the first change in this person's run of changes. */
	at: string;
}

/** The last approval, shown as "approved v3 by …". */
export interface Approval {
	version: number;
	by: string;
	at: string;
}

export interface ReviewNote {
	text: string;
	by: string;
	at: string;
}

export interface RecordDocState {
	record: ProjectRecord;
	inputs: DraftInputs;
	review: ReviewState;
	approval: Approval | null;
	note: ReviewNote | null;
	changedBy: Partial<Record<FieldKey, ChangedBy>>;
}

/** The document's roots; a record document has no other (record-schema.ts refuses them, dropForeign removes them). */
export const RECORD_ROOTS = ['fields', 'review', 'changedBy'] as const;
/** What the review map holds. */
const REVIEW_KEYS = new Set(['state', 'approval', 'note', 'comments']);

export const fieldsMap = (doc: Y.Doc) => doc.getMap<unknown>('fields');
const reviewMap = (doc: Y.Doc) => doc.getMap<unknown>('review');
const changedByMap = (doc: Y.Doc) => doc.getMap<unknown>('changedBy');

/** A field's input as the document holds it; anything of the wrong shape (a hostile or older client) reads as empty. */
function readField(doc: Y.Doc, def: FieldDef): FieldInput {
	const v = fieldsMap(doc).get(def.key);
	const kind = kindOf(def);
	return kind.fits(v) ? kind.read(v) : kind.empty();
}

export function readInputs(doc: Y.Doc): DraftInputs {
	return Object.fromEntries(FIELDS.map((def) => [def.key, readField(doc, def)])) as DraftInputs;
}

export function readReview(doc: Y.Doc): ReviewState {
	const state = reviewMap(doc).get('state');
	return isReviewState(state) ? state : 'draft';
}

function asObject(v: unknown): Record<string, unknown> {
	return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
}

export function readApproval(doc: Y.Doc): Approval | null {
	const o = asObject(reviewMap(doc).get('approval'));
	return typeof o.version === 'number' && typeof o.by === 'string' && typeof o.at === 'string'
		? { version: o.version, by: o.by, at: o.at }
		: null;
}

export function readReviewNote(doc: Y.Doc): ReviewNote | null {
	const o = asObject(reviewMap(doc).get('note'));
	return typeof o.text === 'string' && typeof o.by === 'string' && typeof o.at === 'string' ? { text: o.text, by: o.by, at: o.at } : null;
}

function parseChangedBy(v: unknown): ChangedBy | null {
	const { id, name, at } = asObject(v);
	return typeof id === 'string' && typeof name === 'string' && typeof at === 'string' ? { id, name, at } : null;
}

export function readChangedBy(doc: Y.Doc): Partial<Record<FieldKey, ChangedBy>> {
	const out: Partial<Record<FieldKey, ChangedBy>> = {};
	changedByMap(doc).forEach((v, key) => {
		const who = parseChangedBy(v);
		if (who && isFieldKey(key)) out[key] = who;
	});
	return out;
}

export function changedByOf(doc: Y.Doc, key: FieldKey): ChangedBy | null {
	return parseChangedBy(changedByMap(doc).get(key));
}

export function readRecordDoc(doc: Y.Doc): RecordDocState {
	const inputs = readInputs(doc);
	return {
		record: recordFromInputs(inputs),
		inputs,
		review: readReview(doc),
		approval: readApproval(doc),
		note: readReviewNote(doc),
		changedBy: readChangedBy(doc)
	};
}

export function docToRecord(doc: Y.Doc): ProjectRecord {
	return recordFromInputs(readInputs(doc));
}

/** Brings one field to the given input, editing the existing shared type in place where there is one. */
export function writeField(doc: Y.Doc, def: FieldDef, input: FieldInput): void {
	const fields = fieldsMap(doc);
	const current = fields.get(def.key);
	const kind = kindOf(def);
	if (kind.fits(current)) kind.update(fields, def.key, current, input);
	else fields.set(def.key, kind.create(input));
}

export function writeInputs(doc: Y.Doc, inputs: Partial<DraftInputs>): void {
	doc.transact(() => {
		for (const def of FIELDS) {
			const input = inputs[def.key];
			if (input !== undefined) writeField(doc, def, input);
		}
	});
}

/** Gives every registry field its shared type; true when it had to add any (a new field, or a damaged one). */
export function ensureLayout(doc: Y.Doc, origin: unknown = null): boolean {
	const fields = fieldsMap(doc);
	const missing = FIELDS.filter((def) => !kindOf(def).fits(fields.get(def.key)));
	if (!missing.length) return false;
	doc.transact(() => {
		for (const def of missing) writeField(doc, def, emptyInput(def));
	}, origin);
	return true;
}

/**
 * Deletes what a record document does not lay out: other roots, and keys of its maps the
 * registry does not name (written by clients before the sync server enforced the schema).
 * Deleted content is collected, so the next compaction stores none of it. True when it
 * deleted anything.
 */
export function dropForeign(doc: Y.Doc, origin: unknown = null): boolean {
	const roots: readonly string[] = RECORD_ROOTS;
	const doomed: Y.Item[] = [];
	const keep = (root: string, key: string | null) =>
		roots.includes(root) && key !== null && (root === 'review' ? REVIEW_KEYS.has(key) : isFieldKey(key));
	for (const [name, type] of doc.share) {
		for (let item = type._start; item; item = item.right) if (!item.deleted) doomed.push(item);
		for (const [key, item] of type._map) if (!item.deleted && !keep(name, key)) doomed.push(item);
	}
	if (!doomed.length) return false;
	doc.transact((tr) => {
		for (const item of doomed) item.delete(tr);
	}, origin);
	return true;
}

export function setReviewState(doc: Y.Doc, state: ReviewState): void {
	reviewMap(doc).set('state', state);
}

export function setApproval(doc: Y.Doc, approval: Approval | null): void {
	reviewMap(doc).set('approval', approval && { ...approval });
}

export function setReviewNote(doc: Y.Doc, note: ReviewNote | null): void {
	reviewMap(doc).set('note', note && { ...note });
}

export function setChangedBy(doc: Y.Doc, key: FieldKey, who: ChangedBy): void {
	changedByMap(doc).set(key, { ...who });
}

/** Fills an empty document with a record. */
export function initRecordDoc(doc: Y.Doc, record: ProjectRecord, review: ReviewState = 'draft', origin: unknown = null): void {
	doc.transact(() => {
		writeInputs(doc, inputsFromRecord(record));
		setReviewState(doc, review);
	}, origin);
}

export function recordToDoc(record: ProjectRecord, review: ReviewState = 'draft'): Y.Doc {
	const doc = new Y.Doc();
	initRecordDoc(doc, record, review);
	return doc;
}

/** The first state of a record's document, as one update (what ingest stores). */
export function encodeRecordState(record: ProjectRecord, review: ReviewState = 'draft'): Uint8Array {
	const doc = recordToDoc(record, review);
	try {
		return Y.encodeStateAsUpdate(doc);
	} finally {
		doc.destroy();
	}
}

/** The registry fields a transaction changed (for "last changed by"). */
export function touchedFields(doc: Y.Doc, transaction: Y.Transaction): Set<FieldKey> {
	const fields: unknown = fieldsMap(doc);
	const out = new Set<FieldKey>();
	for (const [type, keys] of transaction.changed) {
		if (type === fields) {
			for (const k of keys) if (k !== null && isFieldKey(k)) out.add(k);
			continue;
		}
		let item = type._item;
		while (item && item.parent !== fields) item = (item.parent as Y.AbstractType<unknown>)._item;
		if (item?.parentSub && isFieldKey(item.parentSub)) out.add(item.parentSub);
	}
	return out;
}

/** Shared types of the editor's form controls; null when the document lacks them. */
export function fieldText(doc: Y.Doc, key: FieldKey): Y.Text | null {
	const v = fieldsMap(doc).get(key);
	return v instanceof Y.Text ? v : null;
}

export function fieldList(doc: Y.Doc, key: FieldKey): Y.Array<unknown> | null {
	const v = fieldsMap(doc).get(key);
	return v instanceof Y.Array ? v : null;
}

export function fieldMap(doc: Y.Doc, key: FieldKey): Y.Map<unknown> | null {
	const v = fieldsMap(doc).get(key);
	return v instanceof Y.Map ? v : null;
}

export function newListItem(s = ''): Y.Text {
	return newText(s);
}

export function newContactItem(c: Partial<ContactInput> = {}): Y.Map<unknown> {
	return newContact({ ...contactInput({}), ...c });
}

/** Comments live in SQLite; this counter in the review map tells open editors to reload them. */
export function bumpCommentsRevision(doc: Y.Doc): void {
	const rev = reviewMap(doc).get('comments');
	reviewMap(doc).set('comments', (typeof rev === 'number' ? rev : 0) + 1);
}

export function readCommentsRevision(doc: Y.Doc): number {
	const rev = reviewMap(doc).get('comments');
	return typeof rev === 'number' ? rev : 0;
}
