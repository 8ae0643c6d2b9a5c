/**
 * Provenance a person gives a field by pointing at its span in the source, and the rule
 * that a value typed by hand no longer points at any span. The value goes into the
 * record's live document through the document store, so every open editor sees it at
 * once; the span is checked against the stored document text here, on the server.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { fieldDef, isFieldKey, type FieldKey } from '../../records/fields';
import { fieldList, newListItem, writeField } from '../../records/ydoc';
import { auditSql } from '../audit';
import { hasRole } from '../auth/roles';
import type { SessionUser } from '../auth/session';
import type { Db } from '../db/client';
import type { Sql } from '../db/sql';
import { UpdateOrigin } from '../docs/origins';
import type { DocStore } from '../docs/store';
import { parseSelection, selectable } from './parse-selection';
import { refuse, type Outcome } from '../refusal';

/** The origin label of a value set from the source: its provenance is written beside it, not cleared. */
export const FROM_SOURCE = 'source';

export const PERSON_RULE = 'person';

/**
 * Which fields of a record have spans of their own (not merged from another record), read
 * once per record and kept in memory, so that a keystroke in a field without spans (nearly
 * every keystroke) does not touch SQLite at all: a read there is a read transaction, four
 * lock calls on the WAL index. Kept exact by TEMP triggers on this connection, which drop a
 * record's entry whenever any statement on it writes one of its spans; the next keystroke
 * reads it again. In SQLite mode the server's connection is the only one that writes spans
 * of an existing record (`samla ingest` writes only the new records it creates; `samla
 * reextract` refuses while a server runs). Inside an open transaction the index is neither
 * read, filled nor made (its triggers would go with a rollback): what it would read there may
 * yet be rolled back, which no trigger reports.
 */
class SpanIndex {
	/** Bounds the memory on a long-running server; emptying it costs each record one read again. */
	static readonly MAX_RECORDS = 10_000;
	private readonly fields = new Map<string, Set<string>>();
	private readonly read;

	constructor(
		db: Db,
		private readonly s: SpanStatements
	) {
		this.read = db.$client.prepare<[string]>(`SELECT DISTINCT field FROM field_provenance WHERE ${OWN_SPANS}`).pluck();
		db.$client.function('samla_spans_changed', (recordId: unknown) => {
			this.fields.delete(recordId as string);
			return null;
		});
		const changed = (...rows: string[]) => `BEGIN SELECT ${rows.map((r) => `samla_spans_changed(${r}.record_id)`).join(', ')}; END;`;
		db.$client.exec(
			`CREATE TEMP TRIGGER samla_spans_inserted AFTER INSERT ON main.field_provenance ${changed('NEW')}
			 CREATE TEMP TRIGGER samla_spans_deleted AFTER DELETE ON main.field_provenance ${changed('OLD')}
			 CREATE TEMP TRIGGER samla_spans_updated AFTER UPDATE ON main.field_provenance ${changed('OLD', 'NEW')}`
		);
	}

	clearFields(recordId: string, fields: FieldKey[]): void {
		let spans = this.fields.get(recordId);
		if (!spans) {
			if (this.fields.size >= SpanIndex.MAX_RECORDS) this.fields.clear();
			spans = new Set(this.read.all(recordId) as string[]);
			this.fields.set(recordId, spans);
		}
		// The DELETE's trigger drops the entry, so the next keystroke reads what is left.
		for (const field of fields) if (spans.has(field)) this.s.clear.run(recordId, field);
	}
}

const OWN_SPANS = 'record_id = ? AND merged_from_id IS NULL';

interface SpanStatements {
	has: { get(recordId: string, field: string): unknown };
	clear: { run(recordId: string, field: string): unknown };
	index?: SpanIndex;
}

/** Per connection, not per Drizzle handle: the triggers and their function are the connection's. */
const spanStatements = new WeakMap<Db['$client'], SpanStatements>();

/** Drops the extracted or pointed-at spans of fields a person has just changed by hand; runs on every keystroke. */
export function clearProvenance(db: Db, recordId: string, fields: FieldKey[]): void {
	let s = spanStatements.get(db.$client);
	if (!s) {
		s = {
			has: db.$client.prepare<[string, string]>(`SELECT 1 FROM field_provenance WHERE ${OWN_SPANS} AND field = ? LIMIT 1`).pluck(),
			clear: db.$client.prepare<[string, string]>(`DELETE FROM field_provenance WHERE ${OWN_SPANS} AND field = ?`)
		};
		spanStatements.set(db.$client, s);
	}
	if (!db.$client.inTransaction) return (s.index ??= new SpanIndex(db, s)).clearFields(recordId, fields);
	// Read first: a DELETE that matches nothing still takes the write lock.
	for (const field of fields) if (s.has.get(recordId, field) !== undefined) s.clear.run(recordId, field);
}

export interface FromSource {
	recordId: string;
	user: SessionUser;
	field: string;
	start: number;
	end: number;
	clientAddress?: string | null;
}

export type FromSourceOutcome = Outcome<{ field: FieldKey; value: string; index: number | null }>;

export async function setFromSource({ sql, docs }: { sql: Sql; docs: DocStore }, input: FromSource): Promise<FromSourceOutcome> {
	if (!hasRole(input.user, 'editor')) return refuse('forbidden', (t) => t.onlyRole('editor'));
	if (!isFieldKey(input.field) || !selectable(fieldDef(input.field))) return refuse('invalid', (t) => t.notFromSource);
	const def = fieldDef(input.field);
	const { documents, fieldProvenance, records } = sql.t;
	const [row] = await sql.db
		.select({
			documentId: records.documentId,
			mergedIntoId: records.mergedIntoId,
			content: documents.content,
			language: documents.language
		})
		.from(records)
		.innerJoin(documents, eq(documents.id, records.documentId))
		.where(eq(records.id, input.recordId));
	if (!row) return refuse('not_found', (t) => t.noRecord);
	if (row.mergedIntoId) return refuse('conflict', (t) => t.changeMerged);
	const { start, end } = input;
	if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end <= start || end > row.content.length) {
		return refuse('invalid', (t) => t.selectionOutside);
	}
	const snippet = row.content.slice(start, end);
	const parsed = parseSelection(def, snippet, row.language as Parameters<typeof parseSelection>[2]);
	if (!parsed.ok) return parsed.refusal;

	const origin = new UpdateOrigin({ id: input.user.id, name: input.user.name }, FROM_SOURCE);
	let index: number | null = null;
	const found = await docs.edit(input.recordId, origin, (doc) => {
		if (def.kind === 'list') {
			const list = fieldList(doc, def.key);
			if (!list) return;
			list.push([newListItem(parsed.input as string)]);
			index = list.length - 1;
		} else writeField(doc, def, parsed.input);
	});
	if (!found) return refuse('not_found', (t) => t.noRecord);
	if (def.kind === 'list' && index === null) return refuse('conflict', (t) => t.repairing);

	const now = new Date();
	await sql.tx(async (tx) => {
		if (def.kind !== 'list') {
			await tx
				.delete(fieldProvenance)
				.where(and(eq(fieldProvenance.recordId, input.recordId), eq(fieldProvenance.field, def.key), isNull(fieldProvenance.mergedFromId)));
		}
		await tx.insert(fieldProvenance).values({
			recordId: input.recordId,
			field: def.key,
			itemIndex: index,
			documentId: row.documentId,
			start,
			end,
			snippet,
			rule: PERSON_RULE,
			confidence: 1,
			setById: input.user.id,
			setByName: input.user.name,
			setAt: now
		});
		await auditSql(sql, tx, {
			action: 'record.set_from_source',
			actorId: input.user.id,
			targetType: 'record',
			targetId: input.recordId,
			detail: { field: def.key, index, start, end },
			clientAddress: input.clientAddress ?? null,
			at: now
		});
	});
	const value = typeof parsed.input === 'string' ? parsed.input : `${parsed.input.value} ${parsed.input.currency}`;
	return { ok: true, field: def.key, value, index };
}
