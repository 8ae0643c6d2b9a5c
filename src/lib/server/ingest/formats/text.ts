/** Plain text and Markdown, stored as written: UTF-8 only, the BOM dropped, line ends made \n. */
import { UnreadableDocumentError } from './errors';

export function decodeUtf8(bytes: Uint8Array): string {
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		throw new UnreadableDocumentError({ key: 'notUtf8' });
	}
	return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}
