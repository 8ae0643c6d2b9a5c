/**
 * Documents -> draft records with provenance. One transaction per document, so a
 * document is either stored with all its records or not at all.
 */
import { createHash, randomUUID } from 'node:crypto';
import { eq, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import { documents, fieldProvenance, records, yjsUpdates } from '../db/schema';
import type { Extraction } from '../../records/provenance';
import { encodeRecordState } from '../../records/ydoc';
import { extractDocument } from './extract';
import { norm as normaliseTitle } from './extract/text';
import { approvedNames } from './known-names';

export interface IngestInput {
	text: string;
	fileName?: string | null;
	sourceUrl?: string | null;
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

export function contentHash(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}

export function ingestDocument(db: Db, input: IngestInput, now = new Date()): IngestResult {
	const hash = contentHash(input.text);
	return db.transaction((tx) => {
		const existing = tx
			.select({ id: documents.id, title: documents.title })
			.from(documents)
			.where(eq(documents.contentHash, hash))
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
				ingestedAt: now
			})
			.run();

		const recordIds: string[] = [];
		for (const { record, provenance } of extraction.records) {
			const id = randomUUID();
			const matchKey = normaliseTitle(record.title);
			const sameAs = findSameProject(tx, matchKey, record.reference);
			if (sameAs) warnings.push(`"${record.title}" may be the same project as record ${sameAs}`);
			tx.insert(records)
				.values({
					id,
					title: record.title,
					status: 'draft',
					documentId,
					draft: record,
					matchKey,
					reference: record.reference,
					sameAsId: sameAs,
					createdAt: now,
					updatedAt: now
				})
				.run();
			// The live document's first state: editors start from exactly what was extracted.
			tx.insert(yjsUpdates).values({ recordId: id, data: Buffer.from(encodeRecordState(record)), createdAt: now }).run();
			if (provenance.length) {
				tx.insert(fieldProvenance)
					.values(
						provenance.map((p) => ({
							recordId: id,
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
	}, { behavior: 'immediate' });
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

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
