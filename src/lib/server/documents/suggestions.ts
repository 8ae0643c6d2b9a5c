/** Values a re-extraction offered beside a person's (documents/reextract.ts): shown on the record page, taken or dismissed. */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { fieldDef, isFieldKey, type ProjectRecord } from '../../records/fields';
import { inputsFromRecord } from '../../records/kinds';
import { writeField } from '../../records/ydoc';
import { auditSql } from '../audit';
import type { FieldSuggestion } from '../db/schema';
import type { Sql } from '../db/sql';
import { UpdateOrigin, type Actor } from '../docs/origins';
import type { DocStore } from '../docs/store';

export const SUGGESTION_ORIGIN_LABEL = 'suggestion';

/** The open suggestions of a record, oldest first. */
export async function listSuggestions(sql: Sql, recordId: string): Promise<FieldSuggestion[]> {
	const { fieldSuggestions } = sql.t;
	return sql.db
		.select()
		.from(fieldSuggestions)
		.where(and(eq(fieldSuggestions.recordId, recordId), isNull(fieldSuggestions.resolvedAt)))
		.orderBy(asc(fieldSuggestions.id));
}

/** One statement resolves it, so of two people taking or dismissing it at once (two processes) exactly one does. */
function resolve(sql: Sql, id: number, by: { id: string }, action: string, now: Date): Promise<FieldSuggestion | null> {
	const { fieldSuggestions } = sql.t;
	return sql.tx(async (tx) => {
		const [s] = await tx
			.update(fieldSuggestions)
			.set({ resolvedAt: now, resolvedById: by.id })
			.where(and(eq(fieldSuggestions.id, id), isNull(fieldSuggestions.resolvedAt)))
			.returning();
		if (!s) return null;
		await auditSql(sql, tx, { action, actorId: by.id, targetType: 'record', targetId: s.recordId, detail: { field: s.field }, at: now });
		return s;
	});
}

/** false when it is no longer open. */
export async function dismissSuggestion(sql: Sql, id: number, by: { id: string }, now = new Date()): Promise<boolean> {
	return (await resolve(sql, id, by, 'record.suggestion_dismissed', now)) !== null;
}

/**
 * Writes the offered value through the record's live document as the person's own change
 * (stamped with their name, so every open editor sees it), and its span as the field's
 * provenance. false when it is no longer open. The caller checks the person is an editor.
 */
export async function acceptSuggestion(
	{ sql, docs }: { sql: Sql; docs: DocStore },
	id: number,
	by: Actor,
	now = new Date()
): Promise<boolean> {
	const s = await resolve(sql, id, by, 'record.suggestion_accepted', now);
	if (!s || !isFieldKey(s.field)) return false;
	const def = fieldDef(s.field);
	const input = inputsFromRecord({ [def.key]: s.value } as unknown as ProjectRecord)[def.key];
	const written = await docs.edit(s.recordId, new UpdateOrigin(by, SUGGESTION_ORIGIN_LABEL), (doc) => writeField(doc, def, input));
	if (!written) return false;
	// After the edit: the store's rule for a person's change has cleared the field's old spans.
	if (s.end > s.start) {
		await sql.db.insert(sql.t.fieldProvenance).values({
			recordId: s.recordId,
			field: s.field,
			itemIndex: null,
			documentId: s.documentId,
			start: s.start,
			end: s.end,
			snippet: s.snippet,
			rule: s.rule,
			confidence: s.confidence
		});
	}
	return true;
}
