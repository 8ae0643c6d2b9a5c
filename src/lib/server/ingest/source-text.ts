/**
 * Turns an uploaded file into the text Samla stores. Every provenance offset points
 * into this text, so it is fixed once here: BOM dropped, line ends made \n, HTML
 * reduced to its readable text.
 */

export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

export const SUPPORTED_EXTENSIONS = ['.txt', '.md', '.html', '.htm'] as const;

export class UnreadableDocumentError extends Error {}

export function isSupportedFile(name: string): boolean {
	const lower = name.toLowerCase();
	return SUPPORTED_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

export function decodeDocument(bytes: Uint8Array, fileName: string): string {
	if (bytes.byteLength > MAX_DOCUMENT_BYTES) {
		throw new UnreadableDocumentError(
			`${fileName}: ${(bytes.byteLength / 1048576).toFixed(1)} MB is over the 5 MB limit for one document`
		);
	}
	if (bytes.includes(0)) {
		throw new UnreadableDocumentError(`${fileName}: binary file (contains NUL bytes), not a text document`);
	}
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		throw new UnreadableDocumentError(`${fileName}: not valid UTF-8 text`);
	}
	text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
	if (/\.html?$/i.test(fileName)) text = htmlToText(text);
	if (!text.trim()) throw new UnreadableDocumentError(`${fileName}: empty document`);
	return text;
}

const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: ' ',
	ndash: '–',
	mdash: '—',
	hellip: '…',
	laquo: '«',
	raquo: '»',
	rsquo: '’',
	lsquo: '‘',
	rdquo: '”',
	ldquo: '“',
	bull: '•',
	euro: '€',
	aring: 'å',
	Aring: 'Å',
	auml: 'ä',
	Auml: 'Ä',
	ouml: 'ö',
	Ouml: 'Ö',
	oslash: 'ø',
	Oslash: 'Ø',
	aelig: 'æ',
	AElig: 'Æ',
	eacute: 'é',
	uuml: 'ü'
};

function decodeEntities(s: string): string {
	return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
		if (name[0] === '#') {
			const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
			return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
		}
		return ENTITIES[name] ?? whole;
	});
}

const BLOCK = /<\/?(?:p|div|br|h[1-6]|li|ul|ol|tr|table|section|article|header|footer|blockquote|dt|dd|dl|hr)\b[^>]*>/gi;

export function htmlToText(html: string): string {
	const title = /<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
	const hasHeading = /<h1\b/i.test(html);
	const page = (title && !hasHeading ? `<h1>${title}</h1>` : '') + html;
	const body = page
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/<(script|style|noscript|template|head|nav)\b[\s\S]*?<\/\1\s*>/gi, '')
		.replace(/<li\b[^>]*>/gi, '\n• ')
		.replace(BLOCK, '\n')
		.replace(/<[^>]+>/g, '');
	return decodeEntities(body)
		.replace(/[ \t\u00a0]+/g, ' ')
		.replace(/ *\n */g, '\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}
