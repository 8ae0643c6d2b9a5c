/**
 * The `file` parts of a multipart body, streamed with busboy: a file over the size limit
 * is counted and discarded as it arrives (answered as too large, never held whole), and
 * the number of files is bounded.
 */
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { withoutNul } from '../db/without-nul';
import type { IncomingFile } from '../ingest/ingest-file';

export interface MultipartLimits {
	maxFileBytes: number;
	maxFiles: number;
}

export class MultipartError extends Error {
	constructor(
		message: string,
		/** 400 for a malformed body, 413 for one over the request limit. */
		readonly status: 400 | 413 = 400
	) {
		super(message);
	}
}

/** The stream's error when adapter-node cut the body off at BODY_SIZE_LIMIT (a SvelteKitError with status 413). */
function bodyError(err: unknown): MultipartError {
	if ((err as { status?: number }).status === 413) {
		return new MultipartError(
			`The request is larger than this server takes at once (${(err as Error).message}); send fewer files per request.`,
			413
		);
	}
	return new MultipartError(`A malformed multipart body: ${(err as Error).message}`);
}

const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

export function readFileParts(request: Request, limits: MultipartLimits): Promise<IncomingFile[]> {
	const type = request.headers.get('content-type') ?? '';
	if (!/^multipart\/form-data/i.test(type) || !request.body) {
		return Promise.reject(new MultipartError('Send the documents as multipart/form-data, one "file" part each.'));
	}
	return new Promise((resolve, reject) => {
		const files: IncomingFile[] = [];
		let tooMany = false;
		let bb: busboy.Busboy;
		try {
			bb = busboy({
				headers: { 'content-type': type },
				// One byte over the limit is enough to know a file is too large.
				limits: { fileSize: limits.maxFileBytes + 1, files: limits.maxFiles, fields: 20, parts: limits.maxFiles + 20 },
				defParamCharset: 'utf8'
			});
		} catch (err) {
			reject(new MultipartError(`A malformed multipart body: ${(err as Error).message}`));
			return;
		}
		bb.on('file', (field, stream, info) => {
			if (field !== 'file') {
				stream.resume();
				return;
			}
			const chunks: Buffer[] = [];
			let size = 0;
			stream.on('data', (chunk: Buffer) => {
				size += chunk.length;
				if (size <= limits.maxFileBytes) chunks.push(chunk);
			});
			stream.on('end', () => {
				const name = withoutNul(info.filename ?? '') || 'unnamed file';
				files.push(
					size > limits.maxFileBytes
						? { name, bytes: new Uint8Array(), refused: `over the ${mb(limits.maxFileBytes)} limit for one document` }
						: { name, bytes: new Uint8Array(Buffer.concat(chunks)) }
				);
			});
		});
		bb.on('filesLimit', () => {
			tooMany = true;
		});
		bb.on('error', (err) => reject(bodyError(err)));
		bb.on('close', () => {
			if (tooMany) reject(new MultipartError(`At most ${limits.maxFiles} files in one request.`));
			else resolve(files);
		});
		Readable.fromWeb(request.body as unknown as NodeReadableStream)
			.on('error', (err) => {
				reject(bodyError(err));
				bb.destroy();
			})
			.pipe(bb);
	});
}
