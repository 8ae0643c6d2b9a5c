/**
 * DOCX to Samla's document text: mammoth turns the Word document into HTML (headings,
 * lists and tables keep their shape), and the HTML path reads that. The archive is
 * unpacked once within bounds first (zip-guard.ts), so mammoth never meets a ZIP bomb.
 */
import mammoth from 'mammoth';
import { UnreadableDocumentError } from './errors';
import { htmlToText } from './html';
import { checkZip, type ZipLimits } from './zip-guard';

export async function docxToText(bytes: Uint8Array, limits: ZipLimits): Promise<string> {
	const names = checkZip(bytes, limits);
	if (!names.has('word/document.xml')) throw new UnreadableDocumentError({ key: 'zipNotDocx' });
	let html: string;
	try {
		const result = await mammoth.convertToHtml(
			{ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
			// Pictures are not text: leave them out rather than inline them as data URLs.
			{ convertImage: mammoth.images.imgElement(async () => ({ src: '' })) }
		);
		html = result.value;
	} catch (err) {
		throw new UnreadableDocumentError({ key: 'docxUnreadable', detail: (err as Error).message });
	}
	return htmlToText(html);
}
