/**
 * Documents -> draft records with provenance. One transaction per document, so a
 * document is either stored with all its records (and its original file) or not at all.
 *
 * A record's live document gets its first state from the document store, which seeds it
 * from the records row the first time the record is opened (records/live/seed.ts) and
 * stores it through its persistence like any update: ingest writes rows, never Yjs
 * updates. A new row's status is the column's default, 'draft' (records/status.ts).
 */
import { emitEvent } from '../events';
import { createHash, randomUUID } from 'node:crypto';
import { eq, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import { documentFiles, documents, fieldProvenance, records, type DocumentFormat } from '../db/schema';
import type { ExtractedRecord, Extraction, Provenance } from '../../records/provenance';
import { extractDocument } from './extract';
import { norm as normaliseTitle } from './extract/text';
import { approvedNames } from './known-names';

export interface IngestInput {
	text: string;
	fileName?: string | null;
	sourceUrl?: string | null;
	/** The file the text was read from, kept for download; without it the text is its own file. */
	file?: { bytes: Uint8Array; format: DocumentFormat; mediaType: string };
	uploadedById?: string | null;
}

export type IngestResult =
	| { status: 'duplicate'; documentId: string; title: string }
	| {
			status: 'new';
			documentId: string;
			title: string;
			language: Extraction['language'];
			recordIds: string[];
			warnings: string[];
	  };

export function contentHash(text: string | Uint8Array): string {
	return createHash('sha256').update(text).digest('hex');
}

export function ingestDocument(db: Db, input: IngestInput, now = new Date()): IngestResult {
	const hash = contentHash(input.text);
	const bytes = input.file?.bytes ?? new TextEncoder().encode(input.text);
	const fileHash = contentHash(bytes);
	const result: IngestResult = db.transaction(
		(tx) => {
			// The same file, or another file that reads to the same text (a PDF and its DOCX), is one document.
			const existing = tx
				.select({ id: documents.id, title: documents.title })
				.from(documents)
				.where(or(eq(documents.contentHash, hash), eq(documents.fileHash, fileHash)))
				.get();
			if (existing) return { status: 'duplicate', documentId: existing.id, title: existing.title };

			const extraction = extractDocument(input.text, { known: approvedNames(db) });
			const warnings = [...extraction.warnings];
			const documentId = randomUUID();
			tx.insert(documents)
				.values({
					id: documentId,
					contentHash: hash,
					content: input.text,
					language: extraction.language,
					title: extraction.title || input.fileName || 'Untitled document',
					fileName: input.fileName ?? null,
					sourceUrl: input.sourceUrl ?? null,
					ingestedAt: now,
					format: input.file?.format ?? (/\.(md|markdown)$/i.test(input.fileName ?? '') ? 'markdown' : 'text'),
					mediaType: input.file?.mediaType ?? 'text/plain; charset=utf-8',
					fileHash,
					byteSize: bytes.byteLength,
					uploadedById: input.uploadedById ?? null,
					extractedAt: now
				})
				.run();
			tx.insert(documentFiles)
				.values({ documentId, data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })
				.run();

			const recordIds: string[] = [];
			for (const extracted of extraction.records) {
				const { id, sameAs } = addExtractedRecord(tx, documentId, extracted, now);
				if (sameAs) warnings.push(`"${extracted.record.title}" may be the same project as record ${sameAs}`);
				recordIds.push(id);
			}
			return {
				status: 'new',
				documentId,
				title: extraction.title,
				language: extraction.language,
				recordIds,
				warnings
			};
		},
		{ behavior: 'immediate' }
	);
	if (result.status === 'new') {
		emitEvent('document.ingested', { documentId: result.documentId, recordIds: result.recordIds, byUserId: input.uploadedById ?? null });
	}
	return result;
}

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** A draft record as the extractor found it, with its provenance; a project seen before is proposed as the same one. */
export function addExtractedRecord(
	tx: Tx,
	documentId: string,
	{ record, provenance }: ExtractedRecord,
	now: Date
): { id: string; sameAs: string | null } {
	const id = randomUUID();
	const matchKey = normaliseTitle(record.title);
	const sameAs = findSameProject(tx, matchKey, record.reference);
	tx.insert(records)
		.values({
			id,
			title: record.title,
			documentId,
			draft: record,
			matchKey,
			reference: record.reference,
			sameAsId: sameAs,
			createdAt: now,
			updatedAt: now
		})
		.run();
	insertProvenance(tx, id, documentId, provenance);
	return { id, sameAs };
}

export function insertProvenance(tx: Tx, recordId: string, documentId: string, provenance: Provenance[]): void {
	if (!provenance.length) return;
	tx.insert(fieldProvenance)
		.values(
			provenance.map((p) => ({
				recordId,
				field: p.field,
				itemIndex: p.index,
				documentId,
				start: p.start,
				end: p.end,
				snippet: p.snippet,
				rule: p.rule,
				confidence: p.confidence
			}))
		)
		.run();
}

/** A project seen before: the same reference number, or the same title once case and punctuation are folded. */
function findSameProject(tx: Tx, matchKey: string, reference: string | null): string | null {
	const found = tx
		.select({ id: records.id })
		.from(records)
		.where(reference ? or(eq(records.reference, reference), eq(records.matchKey, matchKey)) : eq(records.matchKey, matchKey))
		.orderBy(records.createdAt)
		.get();
	return found?.id ?? null;
}
