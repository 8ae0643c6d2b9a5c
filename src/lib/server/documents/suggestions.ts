/** Values a re-extraction offered beside a person's (documents/reextract.ts): shown on the record page, taken or dismissed. */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { fieldDef, isFieldKey, type ProjectRecord } from '../../records/fields';
import { inputsFromRecord } from '../../records/kinds';
import { writeField } from '../../records/ydoc';
import { audit } from '../audit';
import type { Db } from '../db/client';
import { fieldProvenance, fieldSuggestions, type FieldSuggestion } from '../db/schema';
import { UpdateOrigin, type Actor } from '../docs/origins';
import type { DocStore } from '../docs/store';

export const SUGGESTION_ORIGIN_LABEL = 'suggestion';

/** The open suggestions of a record, oldest first. */
export function listSuggestions(db: Db, recordId: string): FieldSuggestion[] {
	return db
		.select()
		.from(fieldSuggestions)
		.where(and(eq(fieldSuggestions.recordId, recordId), isNull(fieldSuggestions.resolvedAt)))
		.orderBy(asc(fieldSuggestions.id))
		.all();
}

function resolve(db: Db, id: number, by: { id: string }, action: string, now: Date): FieldSuggestion | null {
	return db.transaction((tx) => {
		const s = tx
			.select()
			.from(fieldSuggestions)
			.where(and(eq(fieldSuggestions.id, id), isNull(fieldSuggestions.resolvedAt)))
			.get();
		if (!s) return null;
		tx.update(fieldSuggestions).set({ resolvedAt: now, resolvedById: by.id }).where(eq(fieldSuggestions.id, id)).run();
		audit(tx, { action, actorId: by.id, targetType: 'record', targetId: s.recordId, detail: { field: s.field }, at: now });
		return s;
	});
}

/** false when it is no longer open. */
export function dismissSuggestion(db: Db, id: number, by: { id: string }, now = new Date()): boolean {
	return resolve(db, id, by, 'record.suggestion_dismissed', now) !== null;
}

/**
 * Writes the offered value through the record's live document as the person's own change
 * (stamped with their name, so every open editor sees it), and its span as the field's
 * provenance. false when it is no longer open. The caller checks the person is an editor.
 */
export async function acceptSuggestion(
	{ db, docs }: { db: Db; docs: DocStore },
	id: number,
	by: Actor,
	now = new Date()
): Promise<boolean> {
	const s = resolve(db, id, by, 'record.suggestion_accepted', now);
	if (!s || !isFieldKey(s.field)) return false;
	const def = fieldDef(s.field);
	const input = inputsFromRecord({ [def.key]: s.value } as unknown as ProjectRecord)[def.key];
	const written = await docs.edit(s.recordId, new UpdateOrigin(by, SUGGESTION_ORIGIN_LABEL), (doc) => writeField(doc, def, input));
	if (!written) return false;
	// After the edit: the store's rule for a person's change has cleared the field's old spans.
	if (s.end > s.start) {
		db.insert(fieldProvenance)
			.values({
				recordId: s.recordId,
				field: s.field,
				itemIndex: null,
				documentId: s.documentId,
				start: s.start,
				end: s.end,
				snippet: s.snippet,
				rule: s.rule,
				confidence: s.confidence
			})
			.run();
	}
	return true;
}
