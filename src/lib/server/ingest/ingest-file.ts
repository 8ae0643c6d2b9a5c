/**
 * Files as people send them (upload, API, CLI) to stored documents: each file is read and
 * stored on its own, in its own transaction, and answered for itself; a file that fails
 * never stops the ones after it.
 */
import { eq } from 'drizzle-orm';
import { ingestProblemText, type IngestProblem } from '../../i18n/ingest-messages';
import { auditSql } from '../audit';
import type { Config } from '../config';
import type { Sql } from '../db/sql';
import { ingestDocument } from './ingest';
import { readDocument, UnreadableDocumentError } from './read-document';

export interface IncomingFile {
	name: string;
	bytes: Uint8Array;
	/** Set when the file was refused before it was read whole (over the size limit while streaming). */
	refused?: string;
}

export interface FileOutcome {
	name: string;
	id: string | null;
	status: 'created' | 'duplicate' | 'failed';
	language: string | null;
	records: { id: string; title: string }[];
	/** In English (the CLI and the JSON API print it as is). */
	error: string | null;
	/** What `error` says, for a page to word in its reader's language; null for a refusal that has only English. */
	problem: IngestProblem | null;
	/** What the extractor noted (no project found, language not recognised, …). */
	warnings: string[];
}

export interface IngestContext {
	sql: Sql;
	config: Pick<Config, 'maxDocumentBytes'>;
}

export interface Uploader {
	id: string;
	/** Set when the person acted through an API token (audited with the upload). */
	tokenId?: string | null;
}

export async function ingestFiles(
	ctx: IngestContext,
	files: IncomingFile[],
	by: Uploader | null,
	clientAddress: string | null = null
): Promise<FileOutcome[]> {
	const outcomes: FileOutcome[] = [];
	for (const file of files) outcomes.push(await ingestOne(ctx, file, by, clientAddress));
	return outcomes;
}

const said = (problem: IngestProblem) => ({ error: ingestProblemText('en', problem), problem });

const failed = (name: string, why: IngestProblem | string): FileOutcome => ({
	name,
	id: null,
	status: 'failed',
	language: null,
	records: [],
	...(typeof why === 'string' ? { error: why, problem: null } : said(why)),
	warnings: []
});

async function ingestOne(
	{ sql, config }: IngestContext,
	file: IncomingFile,
	by: Uploader | null,
	clientAddress: string | null
): Promise<FileOutcome> {
	const name = file.name || 'unnamed file';
	if (file.refused) return failed(name, file.refused);
	let read;
	try {
		read = await readDocument(file.bytes, name, { maxBytes: config.maxDocumentBytes });
	} catch (err) {
		if (err instanceof UnreadableDocumentError) return failed(name, err.problem);
		return failed(name, { key: 'readFailed', detail: (err as Error).message });
	}
	try {
		const result = await ingestDocument(sql, {
			text: read.text,
			fileName: name,
			file: { bytes: file.bytes, format: read.format, mediaType: read.mediaType },
			uploadedById: by?.id ?? null
		});
		const { documents, records } = sql.t;
		const found = await sql.db
			.select({ id: records.id, title: records.title })
			.from(records)
			.where(eq(records.documentId, result.documentId))
			.orderBy(records.createdAt, records.id);
		if (result.status === 'duplicate') {
			const [doc] = await sql.db.select({ language: documents.language }).from(documents).where(eq(documents.id, result.documentId));
			const language = doc?.language ?? null;
			return {
				name,
				id: result.documentId,
				status: 'duplicate',
				language,
				records: found,
				...said({ key: 'duplicate', title: result.title }),
				warnings: []
			};
		}
		const titles = new Map(found.map((r) => [r.id, r.title]));
		if (by) {
			await auditSql(sql, sql.db, {
				action: 'document.uploaded',
				actorId: by.id,
				targetType: 'document',
				targetId: result.documentId,
				detail: { name, format: read.format, records: result.recordIds.length, ...(by.tokenId ? { tokenId: by.tokenId } : {}) },
				clientAddress
			});
		}
		return {
			name,
			id: result.documentId,
			status: 'created',
			language: result.language,
			records: result.recordIds.map((id) => ({ id, title: titles.get(id) ?? '' })),
			error: null,
			problem: null,
			warnings: result.warnings
		};
	} catch (err) {
		// The document's transaction rolled back: nothing of it is stored.
		return failed(name, { key: 'storeFailed', detail: storeError(err) });
	}
}

/** What the database said: on PostgreSQL Drizzle wraps it in an error quoting the whole query and its values, which is no message for a person. */
export function storeError(err: unknown): string {
	const cause = err instanceof Error ? err.cause : undefined;
	return (cause instanceof Error ? cause : (err as Error)).message;
}
