/**
 * A file's bytes to the text Samla stores. Every provenance offset points into this text,
 * so it is fixed once, here: the format decided from the bytes (formats/detect.ts), read
 * by that format's module, line ends made \n, Unicode composed (NFC), control characters
 * other than line ends and tabs removed.
 */
import type { DocumentFormat } from '../db/schema';
import { detectFormat } from './formats/detect';
import { UnreadableDocumentError } from './formats/errors';
import { htmlToText } from './formats/html';
import { decodeUtf8 } from './formats/text';

export { UnreadableDocumentError };

export interface ReadLimits {
	/** SAMLA_MAX_DOCUMENT_BYTES: the largest file accepted. */
	maxBytes: number;
}

export interface DocumentText {
	text: string;
	format: DocumentFormat;
	mediaType: string;
}

/** File names that `samla ingest` picks up when it reads a folder (a file named on its own is always tried). */
export const SUPPORTED_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm', '.xhtml', '.pdf', '.docx'] as const;

export function isSupportedFile(name: string): boolean {
	const lower = name.toLowerCase();
	return SUPPORTED_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** Throws UnreadableDocumentError with the problem for the person (without the file's name). */
export async function readDocument(bytes: Uint8Array, fileName: string, limits: ReadLimits): Promise<DocumentText> {
	if (bytes.byteLength === 0) throw new UnreadableDocumentError({ key: 'empty' });
	if (bytes.byteLength > limits.maxBytes) {
		throw new UnreadableDocumentError({ key: 'tooLarge', size: bytes.byteLength, max: limits.maxBytes });
	}
	const detected = detectFormat(bytes, fileName);
	if (!detected.format) throw new UnreadableDocumentError(detected.problem);
	const { format, mediaType } = detected;
	let text: string;
	// pdf.js and mammoth are large: loaded on the first PDF or DOCX, not by every command that imports this.
	if (format === 'pdf') text = await (await import('./formats/pdf')).pdfToText(bytes);
	else if (format === 'docx')
		text = await (
			await import('./formats/docx')
		).docxToText(bytes, { maxBytes: Math.max(limits.maxBytes * 5, 10 * 1048576), maxEntries: 5000 });
	else if (format === 'html') text = htmlToText(decodeHtml(bytes));
	else text = decodeUtf8(bytes);
	text = clean(text, format);
	if (!text.trim()) throw new UnreadableDocumentError({ key: format === 'pdf' ? 'pdfNoText' : 'noText' });
	return { text, format, mediaType };
}

function clean(text: string, format: DocumentFormat): string {
	const plain = format === 'text' || format === 'markdown';
	// Text files are stored as written (the extractor's offsets into them stay what an editor sees).
	// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
	const out = text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
	return plain ? out : out.normalize('NFC');
}

/** UTF-8, or the charset a page declares for itself (windows-1252 and the like, which TextDecoder knows). */
function decodeHtml(bytes: Uint8Array): string {
	try {
		return decodeUtf8(bytes);
	} catch (err) {
		const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 2048)).toString('latin1');
		const charset = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
		if (!charset || /^utf-?8$/i.test(charset)) throw err;
		try {
			return new TextDecoder(charset).decode(bytes).replace(/\r\n?/g, '\n');
		} catch {
			throw err;
		}
	}
}
