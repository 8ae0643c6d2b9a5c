/**
 * Runs the current extractor over a stored document again without losing anyone's work.
 *
 * - A record found again takes the new value of every field no person has changed (its
 *   "changed by" stamp is empty), with the new provenance.
 * - A field a person changed keeps the person's value; a different new value is offered
 *   beside it as a suggestion (field_suggestions), never written over it.
 * - A record found now and not before is added as a draft; an extractor's record not found
 *   any more is flagged (records.notFoundAt), never deleted. A record merged into another
 *   is recognised (not added again) and left alone.
 *
 * Field values go into the live documents through the document store (a server origin,
 * no person), so open editors see them at once; the rows (provenance, suggestions, new
 * records, flags) are written in one transaction afterwards. Running it twice changes
 * nothing the second time.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { isDeepStrictEqual } from 'node:util';
import { FIELDS, type FieldKey, type ProjectRecord } from '../../records/fields';
import { inputsFromRecord } from '../../records/kinds';
import type { ExtractedRecord, Provenance } from '../../records/provenance';
import { stateAfterEdit } from '../../records/review';
import { changedByOf, readRecordDoc, readReview, setReviewState, writeField } from '../../records/ydoc';
import { auditSql } from '../audit';
import type { Sql, SqlDb } from '../db/sql';
import { UpdateOrigin } from '../docs/origins';
import type { DocStore } from '../docs/store';
import { extractDocument } from '../ingest/extract';
import { norm as normaliseTitle } from '../ingest/extract/text';
import { addExtractedRecord, insertProvenance } from '../ingest/ingest';

export const REEXTRACT_ORIGIN = new UpdateOrigin(null, 'reextract');

export interface ReextractReport {
	documentId: string;
	/** Records found again where an untouched field took a different value. */
	updated: string[];
	/** New values offered beside a person's value. */
	suggested: number;
	/** Records found now and not before, added as drafts. */
	added: string[];
	/** The extractor's records not found any more, flagged. */
	notFound: string[];
}

interface Existing {
	id: string;
	/** Merged into another record: matched (so it is not found "new" again) but left as it is. */
	merged: boolean;
	matchKey: string;
	reference: string | null;
	titleSpan: { start: number; end: number } | null;
}

/** null when there is no such document. `by` is who asked (for the audit log); null for the CLI. */
export async function reextractDocument(
	{ sql, docs }: { sql: Sql; docs: DocStore },
	documentId: string,
	by: { id: string } | null,
	now = new Date()
): Promise<ReextractReport | null> {
	const { documents, fieldProvenance, fieldSuggestions, records } = sql.t;
	const [doc] = await sql.db.select({ content: documents.content }).from(documents).where(eq(documents.id, documentId));
	if (!doc) return null;
	const extraction = extractDocument(doc.content);
	const existing = await extractorRecords(sql, sql.db, documentId);
	const pairs = match(existing, extraction.records);

	const report: ReextractReport = { documentId, updated: [], suggested: 0, added: [], notFound: [] };
	/** Per record found again: the fields written (their provenance is replaced) and the values offered. */
	const outcomes: {
		id: string;
		written: FieldKey[];
		offered: { key: FieldKey; value: ProjectRecord[FieldKey] }[];
		found: ExtractedRecord;
	}[] = [];
	for (const [record, found] of pairs) {
		if (record.merged) continue;
		const written: FieldKey[] = [];
		const offered: { key: FieldKey; value: ProjectRecord[FieldKey] }[] = [];
		const inputs = inputsFromRecord(found.record);
		let changed = false;
		const ok = await docs.edit(record.id, REEXTRACT_ORIGIN, (ydoc) => {
			const current = readRecordDoc(ydoc).record;
			for (const def of FIELDS) {
				if (isDeepStrictEqual(current[def.key], found.record[def.key])) {
					if (!changedByOf(ydoc, def.key)) written.push(def.key);
					continue;
				}
				if (changedByOf(ydoc, def.key)) offered.push({ key: def.key, value: found.record[def.key] });
				else {
					writeField(ydoc, def, inputs[def.key]);
					written.push(def.key);
				}
			}
			changed = written.some((k) => !isDeepStrictEqual(current[k], found.record[k]));
			// New values in an approved record need approving again, as a person's edit would.
			const review = readReview(ydoc);
			if (changed && stateAfterEdit(review) !== review) setReviewState(ydoc, stateAfterEdit(review));
		});
		if (!ok) continue;
		outcomes.push({ id: record.id, written, offered, found });
		if (changed) report.updated.push(record.id);
		report.suggested += offered.length;
	}

	const matched = new Set(pairs.map(([r]) => r.id));
	const unmatchedFound = extraction.records.filter((r) => !pairs.some(([, f]) => f === r));
	await sql.tx(async (tx) => {
		// Two re-extractions of one document at once (two processes, two clicks) take turns here,
		// and the second adds only what the first did not: it matches against the records as they are now.
		await sql.forUpdate(tx.select({ id: documents.id }).from(documents).where(eq(documents.id, documentId)));
		const addedMeanwhile = match(await extractorRecords(sql, tx, documentId), unmatchedFound);
		for (const { id, written, offered, found } of outcomes) {
			if (written.length) {
				await tx
					.delete(fieldProvenance)
					.where(
						and(
							eq(fieldProvenance.recordId, id),
							inArray(fieldProvenance.field, written),
							isNull(fieldProvenance.setById),
							isNull(fieldProvenance.mergedFromId)
						)
					);
				await insertProvenance(
					sql,
					tx,
					id,
					documentId,
					found.provenance.filter((p) => written.includes(p.field))
				);
			}
			for (const { key, value } of offered) {
				const span = found.provenance.find((p) => p.field === key) ?? emptySpan(key);
				await tx
					.delete(fieldSuggestions)
					.where(and(eq(fieldSuggestions.recordId, id), eq(fieldSuggestions.field, key), isNull(fieldSuggestions.resolvedAt)));
				await tx.insert(fieldSuggestions).values({
					recordId: id,
					field: key,
					value,
					documentId,
					start: span.start,
					end: span.end,
					snippet: span.snippet,
					rule: span.rule,
					confidence: span.confidence,
					createdAt: now
				});
			}
			await tx.update(records).set({ notFoundAt: null }).where(eq(records.id, id));
		}
		for (const found of unmatchedFound) {
			if (addedMeanwhile.some(([, f]) => f === found)) continue;
			report.added.push((await addExtractedRecord(sql, tx, documentId, found, now)).id);
		}
		for (const r of existing) {
			if (matched.has(r.id) || r.merged) continue;
			await tx
				.update(records)
				.set({ notFoundAt: now })
				.where(and(eq(records.id, r.id), isNull(records.notFoundAt)));
			report.notFound.push(r.id);
		}
		await tx.update(documents).set({ extractedAt: now }).where(eq(documents.id, documentId));
		await auditSql(sql, tx, {
			action: 'document.reextracted',
			actorId: by?.id ?? null,
			targetType: 'document',
			targetId: documentId,
			detail: {
				updated: report.updated.length,
				suggested: report.suggested,
				added: report.added.length,
				notFound: report.notFound.length
			},
			at: now
		});
	});
	return report;
}

/** A value with no span of its own (the extractor emptied the field): the suggestion points at the start. */
function emptySpan(field: FieldKey): Provenance {
	return { field, index: null, start: 0, end: 0, snippet: '', rule: 'reextract.empty', confidence: 0 };
}

/** The records the extractor made from the document (not those a person made); merged ones are marked. */
async function extractorRecords(sql: Sql, db: SqlDb, documentId: string): Promise<Existing[]> {
	const { fieldProvenance, records } = sql.t;
	const rows = await db
		.select({ id: records.id, matchKey: records.matchKey, reference: records.reference, mergedIntoId: records.mergedIntoId })
		.from(records)
		.where(and(eq(records.documentId, documentId), isNull(records.createdById)))
		.orderBy(records.createdAt, records.id);
	const spans = rows.length
		? await db
				.select({ recordId: fieldProvenance.recordId, start: fieldProvenance.start, end: fieldProvenance.end })
				.from(fieldProvenance)
				.where(
					and(
						inArray(
							fieldProvenance.recordId,
							rows.map((r) => r.id)
						),
						eq(fieldProvenance.field, 'title'),
						eq(fieldProvenance.documentId, documentId)
					)
				)
		: [];
	return rows.map(({ mergedIntoId, ...r }) => {
		const span = spans.find((s) => s.recordId === r.id);
		return { ...r, merged: mergedIntoId !== null, titleSpan: span ? { start: span.start, end: span.end } : null };
	});
}

/**
 * Which new record is which old one: the same folded title (the extractor's own, kept in
 * matchKey even when a person retitled the record), else the same reference, else a
 * title read from overlapping text.
 */
function match(existing: Existing[], found: ExtractedRecord[]): [Existing, ExtractedRecord][] {
	const pairs: [Existing, ExtractedRecord][] = [];
	const free = new Set(found);
	const tests: ((e: Existing, f: ExtractedRecord) => boolean)[] = [
		(e, f) => e.matchKey !== '' && e.matchKey === normaliseTitle(f.record.title),
		(e, f) => !!e.reference && e.reference === f.record.reference,
		(e, f) => {
			const span = f.provenance.find((p) => p.field === 'title');
			return !!e.titleSpan && !!span && span.start < e.titleSpan.end && e.titleSpan.start < span.end;
		}
	];
	const open = new Set(existing);
	for (const test of tests) {
		for (const e of [...open]) {
			const f = [...free].find((candidate) => test(e, candidate));
			if (!f) continue;
			pairs.push([e, f]);
			open.delete(e);
			free.delete(f);
		}
	}
	return pairs;
}
