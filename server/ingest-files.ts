/** Reads files and folders from disk into the document store, one transaction per document. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Config } from '../src/lib/server/config';
import type { Sql } from '../src/lib/server/db/sql';
import { ingestFiles as ingestIncoming, type IncomingFile } from '../src/lib/server/ingest/ingest-file';
import { isSupportedFile, readDocument } from '../src/lib/server/ingest/read-document';

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

/** A file over the limit is refused from its size, without reading it into memory. */
function readIncoming(path: string, maxBytes: number): IncomingFile {
	const name = basename(path);
	const size = statSync(path).size;
	if (size > maxBytes) {
		const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
		return { name, bytes: new Uint8Array(), refused: `${mb(size)} is over the ${mb(maxBytes)} limit for one document` };
	}
	return { name, bytes: readFileSync(path) };
}

/** The stored text of a file (what `samla extract` reads), or an error naming the file. */
export async function readDocumentFile(path: string, maxBytes: number): Promise<string> {
	const file = readIncoming(path, maxBytes);
	try {
		if (file.refused) throw new Error(file.refused);
		return (await readDocument(file.bytes, file.name, { maxBytes })).text;
	} catch (err) {
		throw new Error(`${file.name}: ${(err as Error).message}`, { cause: err });
	}
}

export async function ingestFiles(
	sql: Sql,
	config: Pick<Config, 'maxDocumentBytes'>,
	inputs: string[],
	onProgress: (done: number, total: number, path: string) => void = () => {}
): Promise<IngestSummary> {
	const { files, missing } = listInputFiles(inputs);
	const outcomes: FileOutcome[] = missing.map((path) => ({
		path,
		status: 'failed',
		records: 0,
		message: `${path}: no such file or folder`,
		warnings: []
	}));
	for (const [i, path] of files.entries()) {
		onProgress(i, files.length, path);
		let file: IncomingFile;
		try {
			file = readIncoming(path, config.maxDocumentBytes);
		} catch (err) {
			outcomes.push({ path, status: 'failed', records: 0, message: `${basename(path)}: ${(err as Error).message}`, warnings: [] });
			continue;
		}
		const [o] = await ingestIncoming({ sql, config }, [file], null);
		outcomes.push(
			o.status === 'failed'
				? { path, status: 'failed', records: 0, message: `${o.name}: ${o.error}`, warnings: [] }
				: o.status === 'duplicate'
					? { path, status: 'duplicate', records: 0, message: o.error ?? 'already stored', warnings: [] }
					: { path, status: 'new', records: o.records.length, warnings: o.warnings }
		);
	}
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
