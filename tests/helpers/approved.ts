/**
 * Test data: a document, a record and its approved versions written straight into the
 * database, then published as the approval action will do it (publishVersion in the same
 * transaction), on either database.
 */
import { createHash, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Db } from '../../src/lib/server/db/client';
import type { Sql } from '../../src/lib/server/db/sql';
import { emptyRecord, type FieldKey, type ProjectRecord } from '../../src/lib/records/fields';
import type { ReviewState } from '../../src/lib/records/review';
import { publishVersion } from '../../src/lib/server/public/index-projects';
import { asSql } from './users';

export interface QuoteInput {
	field: FieldKey;
	snippet: string;
	index?: number | null;
}

export interface ApprovedInput {
	record?: Partial<ProjectRecord>;
	/** Data of earlier approved versions, oldest first; the record above is the latest. */
	earlier?: Partial<ProjectRecord>[];
	/** Passages of the source document the values came from; the document text is made of them. */
	quotes?: QuoteInput[];
	document?: { title?: string; sourceUrl?: string | null; content?: string };
	/** The record's current status; 'rejected' keeps it out of the public view. */
	status?: ReviewState;
	approvedAt?: Date;
}

export interface Approved {
	recordId: string;
	documentId: string;
	record: ProjectRecord;
}

const DAY = 86_400_000;

export function projectRecord(fields: Partial<ProjectRecord> = {}): ProjectRecord {
	return { ...emptyRecord('Untitled project'), ...fields };
}

export async function createApproved(db: Db | Sql, input: ApprovedInput = {}): Promise<Approved> {
	const sql = asSql(db);
	const { documents, fieldProvenance, records, recordVersions } = sql.t;
	const record = projectRecord(input.record);
	const quotes = input.quotes ?? [];
	const content = input.document?.content ?? [`Om projektet ${record.title}.`, ...quotes.map((q) => q.snippet)].join('\n\n');
	const documentId = randomUUID();
	const recordId = randomUUID();
	const approvedAt = input.approvedAt ?? new Date();
	const versions = [...(input.earlier ?? []).map(projectRecord), record];
	await sql.tx(async (tx) => {
		await tx.insert(documents).values({
			id: documentId,
			contentHash: createHash('sha256').update(`${content}\n${documentId}`).digest('hex'),
			content,
			language: 'sv',
			title: input.document?.title ?? `Pressmeddelande: ${record.title}`,
			fileName: null,
			sourceUrl: input.document?.sourceUrl === undefined ? 'https://example.org/press/1' : input.document.sourceUrl,
			ingestedAt: new Date(approvedAt.getTime() - versions.length * DAY)
		});
		await tx.insert(records).values({
			id: recordId,
			title: record.title,
			status: input.status ?? 'approved',
			documentId,
			draft: record,
			matchKey: record.title.toLowerCase(),
			reference: record.reference,
			approvedVersion: versions.length,
			createdAt: approvedAt,
			updatedAt: approvedAt
		});
		for (const [i, data] of versions.entries()) {
			await tx.insert(recordVersions).values({
				recordId,
				version: i + 1,
				data,
				stateVector: Buffer.alloc(0),
				approvedBy: 'test-approver',
				approvedAt: new Date(approvedAt.getTime() - (versions.length - 1 - i) * DAY),
				note: `internal note ${i + 1}`
			});
		}
		for (const q of quotes) {
			const start = content.indexOf(q.snippet);
			if (start < 0) throw new Error(`quote not in the document: ${q.snippet}`);
			await tx.insert(fieldProvenance).values({
				recordId,
				field: q.field,
				itemIndex: q.index ?? null,
				documentId,
				start,
				end: start + q.snippet.length,
				snippet: q.snippet,
				rule: 'test',
				confidence: 1
			});
		}
		await publishVersion(sql, tx, recordId, approvedAt);
	});
	return { recordId, documentId, record };
}

/**
 * A later approved version of a record, written and published as approving it does; the records row is left as it is.
 * It checks that the public row then shows that version (or, for a rejected record, that there is none): the suites that
 * republish between rounds compare two readings of one index, which agree just as well when nothing was republished.
 */
export async function republish(sql: Sql, recordId: string, data: Partial<ProjectRecord>, version: number): Promise<void> {
	await sql.db.insert(sql.t.recordVersions).values({
		recordId,
		version,
		data: projectRecord(data),
		stateVector: Buffer.alloc(0),
		approvedBy: 'x',
		approvedAt: new Date()
	});
	await sql.tx((tx) => publishVersion(sql, tx, recordId));
	const { publicProjects, records } = sql.t;
	const [{ status }] = await sql.db.select({ status: records.status }).from(records).where(eq(records.id, recordId));
	const shown = await sql.db.select({ version: publicProjects.version }).from(publicProjects).where(eq(publicProjects.recordId, recordId));
	expect(shown, `the public row of ${recordId} after republishing it as version ${version}`).toEqual(
		status === 'rejected' ? [] : [{ version }]
	);
}
