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
import type { DocumentFormat } from '../db/schema';
import type { Sql, SqlDb } from '../db/sql';
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

export async function ingestDocument(sql: Sql, input: IngestInput, now = new Date()): Promise<IngestResult> {
	const hash = contentHash(input.text);
	const bytes = input.file?.bytes ?? new TextEncoder().encode(input.text);
	const fileHash = contentHash(bytes);
	const seen = await storedAlready(sql, sql.db, hash, fileHash);
	if (seen) return seen;
	// Before the transaction: reading is CPU only, and the lock below is held for writing alone.
	const extraction = extractDocument(input.text, { known: await approvedNames(sql) });
	const result = await sql.tx(async (tx): Promise<IngestResult> => {
		// The same file sent twice at once (two processes, two uploads) must not make two documents:
		// a second transaction waits here and then finds the first one's document. The projects'
		// titles and references too: of two documents naming one project, the later is proposed as
		// the same project as the earlier even when both are stored at once.
		await sql.lockKeys(tx, [`document:text:${hash}`, `document:file:${fileHash}`, ...projectKeys(extraction.records)]);
		const existing = await storedAlready(sql, tx, hash, fileHash);
		if (existing) return existing;

		const warnings = [...extraction.warnings];
		const documentId = randomUUID();
		const { documents, documentFiles } = sql.t;
		await tx.insert(documents).values({
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
		});
		await tx.insert(documentFiles).values({ documentId, data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });

		const recordIds: string[] = [];
		for (const extracted of extraction.records) {
			const { id, sameAs } = await addExtractedRecord(sql, tx, documentId, extracted, now);
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
	});
	if (result.status === 'new') {
		emitEvent('document.ingested', { documentId: result.documentId, recordIds: result.recordIds, byUserId: input.uploadedById ?? null });
	}
	return result;
}

/** The same file, or another file that reads to the same text (a PDF and its DOCX), is one document. */
async function storedAlready(sql: Sql, db: SqlDb, hash: string, fileHash: string): Promise<IngestResult | null> {
	const { documents } = sql.t;
	const [existing] = await db
		.select({ id: documents.id, title: documents.title })
		.from(documents)
		.where(or(eq(documents.contentHash, hash), eq(documents.fileHash, fileHash)))
		.limit(1);
	return existing ? { status: 'duplicate', documentId: existing.id, title: existing.title } : null;
}

/** A draft record as the extractor found it, with its provenance; a project seen before is proposed as the same one. */
export async function addExtractedRecord(
	sql: Sql,
	tx: SqlDb,
	documentId: string,
	{ record, provenance }: ExtractedRecord,
	now: Date
): Promise<{ id: string; sameAs: string | null }> {
	const id = randomUUID();
	const matchKey = normaliseTitle(record.title);
	const sameAs = await findSameProject(sql, tx, matchKey, record.reference);
	await tx.insert(sql.t.records).values({
		id,
		title: record.title,
		documentId,
		draft: record,
		matchKey,
		reference: record.reference,
		sameAsId: sameAs,
		createdAt: now,
		updatedAt: now
	});
	await insertProvenance(sql, tx, id, documentId, provenance);
	return { id, sameAs };
}

export async function insertProvenance(sql: Sql, tx: SqlDb, recordId: string, documentId: string, provenance: Provenance[]): Promise<void> {
	if (!provenance.length) return;
	await tx.insert(sql.t.fieldProvenance).values(
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
	);
}

/** What findSameProject matches a record on. */
function projectKeys(found: ExtractedRecord[]): string[] {
	return found.flatMap(({ record }) => [
		`project:title:${normaliseTitle(record.title)}`,
		...(record.reference ? [`project:reference:${record.reference}`] : [])
	]);
}

/** A project seen before: the same reference number, or the same title once case and punctuation are folded. */
async function findSameProject(sql: Sql, tx: SqlDb, matchKey: string, reference: string | null): Promise<string | null> {
	const { records } = sql.t;
	const [found] = await tx
		.select({ id: records.id })
		.from(records)
		.where(reference ? or(eq(records.reference, reference), eq(records.matchKey, matchKey)) : eq(records.matchKey, matchKey))
		.orderBy(records.createdAt)
		.limit(1);
	return found?.id ?? null;
}
