import { describe, expect, it } from 'vitest';
import {
	decodeDocument,
	htmlToText,
	MAX_DOCUMENT_BYTES,
	UnreadableDocumentError
} from '../../src/lib/server/ingest/source-text';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('decodeDocument', () => {
	it('drops a BOM and normalises line ends so offsets are stable', () => {
		expect(decodeDocument(bytes('\uFEFFRad ett\r\nRad två\rRad tre'), 'a.txt')).toBe('Rad ett\nRad två\nRad tre');
	});

	it('refuses empty, whitespace-only, binary, invalid UTF-8 and oversized files by name', () => {
		expect(() => decodeDocument(bytes(''), 'empty.txt')).toThrow(/empty.txt: empty document/);
		expect(() => decodeDocument(bytes(' \n\t\n'), 'blank.txt')).toThrow(/blank.txt: empty/);
		expect(() => decodeDocument(new Uint8Array([80, 75, 3, 4, 0, 0]), 'x.txt')).toThrow(/x.txt: binary file/);
		expect(() => decodeDocument(new Uint8Array([0x66, 0xe5, 0x72]), 'latin1.txt')).toThrow(/latin1.txt: not valid UTF-8/);
		const huge = new Uint8Array(MAX_DOCUMENT_BYTES + 1).fill(0x61);
		expect(() => decodeDocument(huge, 'huge.txt')).toThrow(UnreadableDocumentError);
		expect(() => decodeDocument(huge, 'huge.txt')).toThrow(/over the 5 MB limit/);
	});

	it('reduces HTML to text and keeps Markdown as written', () => {
		expect(decodeDocument(bytes('<p>Hej &amp; v&auml;lkommen</p>'), 'a.html')).toBe('Hej & välkommen');
		expect(decodeDocument(bytes('# Rubrik\n\n*text*'), 'a.md')).toBe('# Rubrik\n\n*text*');
	});
});

describe('htmlToText', () => {
	it('keeps readable text and block structure, drops scripts, styles and navigation', () => {
		const html = `<html><head><title>Ignored</title><style>p{}</style></head><body>
			<nav><a href="/">Hem</a></nav>
			<h1>Projektet CoSkill</h1><script>alert(1)</script>
			<p>Region Sk&aring;ne f&aring;r <b>32&nbsp;miljoner</b> kronor.</p>
			<ul><li>Skåne</li><li>Blekinge</li></ul>
			<p>&#8364;450,000 &#x2013; &unknown;</p></body></html>`;
		expect(htmlToText(html)).toBe(
			'Projektet CoSkill\n\nRegion Skåne får 32 miljoner kronor.\n\n• Skåne\n\n• Blekinge\n\n€450,000 – &unknown;'
		);
	});

	it('uses <title> as the first line when the page has no <h1>', () => {
		expect(htmlToText('<head><title>SKILLS+</title></head><body><p>Interreg</p></body>')).toBe('SKILLS+\n\nInterreg');
	});
});
