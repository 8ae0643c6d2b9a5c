/**
 * What a file is, decided from its bytes: the name only tells text from Markdown, and
 * helps with HTML that does not announce itself. A `.pdf` holding text is text; an HTML
 * page saved as `.txt` is HTML.
 */
import type { BinaryKind, IngestProblem } from '../../../i18n/ingest-messages';
import type { DocumentFormat } from '../../db/schema';

export type Detected = { format: DocumentFormat; mediaType: string } | { format: null; problem: IngestProblem };

export const MEDIA_TYPES: Record<DocumentFormat, string> = {
	text: 'text/plain; charset=utf-8',
	markdown: 'text/markdown; charset=utf-8',
	html: 'text/html; charset=utf-8',
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
};

const startsWith = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);

/** Binary formats people send by mistake, named so the reason says what the file is (ingest-messages.ts words them). */
const KNOWN_BINARY: [number[], BinaryKind][] = [
	[[0xd0, 0xcf, 0x11, 0xe0], 'oldOffice'],
	[[0x89, 0x50, 0x4e, 0x47], 'png'],
	[[0xff, 0xd8, 0xff], 'jpeg'],
	[[0x47, 0x49, 0x46, 0x38], 'gif'],
	[[0x7b, 0x5c, 0x72, 0x74, 0x66], 'rtf'],
	[[0x1f, 0x8b], 'gzip'],
	[[0x7f, 0x45, 0x4c, 0x46], 'program'],
	[[0x4d, 0x5a], 'program']
];

const HTML_START = /^(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|link|style|script)\b/i;

export function detectFormat(bytes: Uint8Array, fileName: string): Detected {
	// The header may follow up to 1 KB of junk (the PDF specification allows it; some generators do it).
	const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1');
	if (head.includes('%PDF-')) return { format: 'pdf', mediaType: MEDIA_TYPES.pdf };
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return { format: 'docx', mediaType: MEDIA_TYPES.docx };
	for (const [sig, kind] of KNOWN_BINARY) if (startsWith(bytes, sig)) return { format: null, problem: { key: 'unknownType', kind } };
	if (bytes.includes(0)) return { format: null, problem: { key: 'unknownType', kind: 'binary' } };
	const lower = fileName.toLowerCase();
	const start = head.replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
	if (/\.x?html?$/.test(lower) || HTML_START.test(start)) return { format: 'html', mediaType: MEDIA_TYPES.html };
	if (/\.(md|markdown)$/.test(lower)) return { format: 'markdown', mediaType: MEDIA_TYPES.markdown };
	return { format: 'text', mediaType: MEDIA_TYPES.text };
}
