/** Reads files and folders from disk into the document store, one transaction per document. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Db } from '../src/lib/server/db/client';
import { ingestDocument } from '../src/lib/server/ingest/ingest';
import { decodeDocument, isSupportedFile } from '../src/lib/server/ingest/source-text';

export interface FileOutcome {
	path: string;
	status: 'new' | 'duplicate' | 'failed';
	records: number;
	message?: string;
	warnings: string[];
}

export interface IngestSummary {
	outcomes: FileOutcome[];
	newDocuments: number;
	skippedDocuments: number;
	failedDocuments: number;
	recordsCreated: number;
}

/** Expands folders (recursively, supported extensions only); a named file is always tried. */
export function listInputFiles(inputs: string[]): { files: string[]; missing: string[] } {
	const files: string[] = [];
	const missing: string[] = [];
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) walk(path);
			else if (entry.isFile() && isSupportedFile(entry.name)) files.push(path);
		}
	};
	for (const input of inputs) {
		let st;
		try {
			st = statSync(input);
		} catch {
			missing.push(input);
			continue;
		}
		if (st.isDirectory()) walk(input);
		else files.push(input);
	}
	return { files, missing };
}

export function readDocumentFile(path: string): string {
	const name = basename(path);
	if (!isSupportedFile(name)) {
		throw new Error(`${name}: unsupported file type (use .txt, .md or .html)`);
	}
	return decodeDocument(readFileSync(path), name);
}

export function ingestFiles(
	db: Db,
	inputs: string[],
	onProgress: (done: number, total: number, path: string) => void = () => {}
): IngestSummary {
	const { files, missing } = listInputFiles(inputs);
	const outcomes: FileOutcome[] = missing.map((path) => ({
		path,
		status: 'failed',
		records: 0,
		message: `${path}: no such file or folder`,
		warnings: []
	}));
	files.forEach((path, i) => {
		onProgress(i, files.length, path);
		try {
			const text = readDocumentFile(path);
			const result = ingestDocument(db, { text, fileName: basename(path) });
			outcomes.push(
				result.status === 'duplicate'
					? { path, status: 'duplicate', records: 0, warnings: [], message: `already stored as "${result.title}"` }
					: { path, status: 'new', records: result.recordIds.length, warnings: result.warnings }
			);
		} catch (err) {
			outcomes.push({ path, status: 'failed', records: 0, message: (err as Error).message, warnings: [] });
		}
	});
	onProgress(files.length, files.length, '');
	const count = (s: FileOutcome['status']) => outcomes.filter((o) => o.status === s).length;
	return {
		outcomes,
		newDocuments: count('new'),
		skippedDocuments: count('duplicate'),
		failedDocuments: count('failed'),
		recordsCreated: outcomes.reduce((n, o) => n + o.records, 0)
	};
}
