/** Each format read into the same structured text, and every kind of bad file refused with its reason. */
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/lib/server/ingest/formats/detect';
import { htmlToText, MAX_DEPTH } from '../../src/lib/server/ingest/formats/html';
import { readDocument, UnreadableDocumentError } from '../../src/lib/server/ingest/read-document';
import { makeDocx, makeEncryptedPdf, makePdf, makeScannedPdf, makeZipBomb } from '../helpers/documents';

const bytes = (s: string) => new TextEncoder().encode(s);
const LIMITS = { maxBytes: 20 * 1024 * 1024 };
const read = (b: Uint8Array, name: string) => readDocument(b, name, LIMITS);
const refusal = async (b: Uint8Array, name: string, limits = LIMITS) => {
	try {
		await readDocument(b, name, limits);
	} catch (err) {
		expect(err).toBeInstanceOf(UnreadableDocumentError);
		return (err as Error).message;
	}
	throw new Error(`${name} was read`);
};

describe('text and Markdown', () => {
	it('drops a BOM and normalises line ends so offsets are stable; Markdown stays as written', async () => {
		expect((await read(bytes('\uFEFFRad ett\r\nRad två\rRad tre'), 'a.txt')).text).toBe('Rad ett\nRad två\nRad tre');
		expect(await read(bytes('# Rubrik\n\n*text*'), 'a.md')).toMatchObject({ text: '# Rubrik\n\n*text*', format: 'markdown' });
	});
});

describe('HTML', () => {
	it('keeps readable text and block structure, drops scripts, styles, navigation, cookie banners and comments', () => {
		const html = `<html><head><title>Ignored</title><style>p{}</style></head><body>
			<nav><a href="/">Hem</a></nav><div class="cookie-consent">Vi använder kakor <button>OK</button></div>
			<h1>Projektet CoSkill</h1><script>alert("<p>no</p>")</script><!-- <p>hidden</p> -->
			<p>Region Sk&aring;ne f&aring;r <b>32&nbsp;miljoner</b>
			kronor.</p>
			<ul><li>Skåne</li><li>Blekinge</li></ul>
			<p>&#8364;450,000 &#x2013; &Eacute;cole &unknown;</p></body></html>`;
		expect(htmlToText(html)).toBe(
			'Projektet CoSkill\n\nRegion Skåne får 32 miljoner kronor.\n\n• Skåne\n• Blekinge\n\n€450,000 – École &unknown;'
		);
	});

	it('reads a table row per line with its cells apart: a key/value table reads "Key | Value"', () => {
		const html = `<table><tr><th>Projektägare</th><td>Region</td></tr><tr><th>Beviljat</th><td><p>2 000 000</p><p>kr</p></td></tr>
			<tr><td>Nr</td><td>Titel</td><td>Belopp</td></tr><tr><td></td><td></td><td></td></tr></table><p>Efter</p>`;
		expect(htmlToText(html)).toBe('Projektägare | Region\nBeviljat | 2 000 000 kr\nNr | Titel | Belopp\n\nEfter');
	});

	it('keeps a list item whose text is in a paragraph on its bullet line, drops empty items, nests lists', () => {
		expect(
			htmlToText(
				'<p>Partner:</p><ul><li><p>Malmö stad</p></li><li></li><li><div><p>Lunds</p> kommun</div><ul><li>Inre</li></ul></li></ul><p>Slut</p>'
			)
		).toBe('Partner:\n\n• Malmö stad\n• Lunds\nkommun\n• Inre\n\nSlut');
	});

	it('uses <title> as the first line when the page has no <h1>', () => {
		expect(htmlToText('<head><title>SKILLS+</title></head><body><p>Interreg</p></body>')).toBe('SKILLS+\n\nInterreg');
	});

	it('is read by content: an HTML page named .txt is HTML, a text named .html is still read', async () => {
		expect(await read(bytes('<!DOCTYPE html><html><body><p>Hej &amp; välkommen</p></body></html>'), 'page.txt')).toMatchObject({
			format: 'html',
			text: 'Hej & välkommen'
		});
		expect(detectFormat(bytes('Bara text'), 'x.pdf')).toMatchObject({ format: 'text' });
	});

	it('refuses a page nested deeper than any page a person writes, quickly, whatever its size', async () => {
		const deep = '<div>'.repeat(2_000_000);
		expect(await refusal(bytes(deep), 'deep.html')).toMatch(new RegExp(`nested more than ${MAX_DEPTH}`));
	});

	// How the time grows with the page is measured in `npm run bench formats` (no timing here).
	// At these sizes a reader that rescans per tag (the old regular expressions) would not finish
	// within the test's time limit; one pass reads each in well under a second.
	it('reads long pages with an unclosed comment, an unclosed script and deep nesting in one pass', () => {
		const n = 4_000_000;
		expect(htmlToText(`<p>Start</p><!--${'x <p>y</p> '.repeat(n / 11)}`)).toBe('Start');
		expect(htmlToText(`<p>Start</p><script>${'if (a < b) { c(); } '.repeat(n / 20)}`)).toBe('Start');
		const nested = htmlToText(('<div><span>' + 'z'.repeat(10)).repeat(400) + '</span></div>'.repeat(400) + '<p>t</p>'.repeat(n / 8));
		expect(nested.startsWith('zzzzzzzzzz')).toBe(true);
		expect(nested.endsWith('t')).toBe(true);
		expect(nested.split('\n').filter((l) => l === 't')).toHaveLength(n / 8);
	});
});

describe('PDF', () => {
	it('reads lines in order, joins words broken at a line end and drops what repeats at the top and bottom of every page', async () => {
		const pdf = await makePdf([
			{
				header: 'ESF-rådet – Pressmeddelande',
				lines: ['Projektet Gröna Vägar får stöd', '', 'Projektet leds av Region Skåne och är en sam-', 'verkan med Lunds kommun.'],
				footer: 'Sida 1 av 2'
			},
			{ header: 'ESF-rådet – Pressmeddelande', lines: ['Beviljat belopp: 2 000 000 kronor.'], footer: 'Sida 2 av 2' }
		]);
		const doc = await read(pdf, 'release.bin');
		expect(doc.format).toBe('pdf');
		expect(doc.text).toBe(
			'Projektet Gröna Vägar får stöd\n\nProjektet leds av Region Skåne och är en samverkan med Lunds kommun.\n\nBeviljat belopp: 2 000 000 kronor.'
		);
	});

	it('refuses a PDF without text and an encrypted PDF, each with its reason', async () => {
		expect(await refusal(await makeScannedPdf(), 'scan.pdf')).toBe('this PDF has no text (scanned?)');
		expect(await refusal(makeEncryptedPdf(), 'secret.pdf')).toMatch(/encrypted/);
		expect(await refusal(bytes('%PDF-1.7\nthis is not really a PDF'), 'broken.pdf')).toMatch(/PDF/);
	});
});

describe('DOCX', () => {
	it('reads headings, paragraphs, lists and tables through the HTML path', async () => {
		const docx = makeDocx([
			{ heading: 'Projektet Gröna Vägar' },
			{ paragraph: 'Region Skåne leder projektet.' },
			{ bullets: ['Malmö stad', 'Lunds kommun'] },
			{
				table: [
					['Projektägare', 'Region Skåne'],
					['Belopp', '2 000 000 kr']
				]
			}
		]);
		expect(await read(docx, 'upload')).toMatchObject({
			format: 'docx',
			text: 'Projektet Gröna Vägar\n\nRegion Skåne leder projektet.\n\n• Malmö stad\n• Lunds kommun\n\nProjektägare | Region Skåne\nBelopp | 2 000 000 kr'
		});
	});

	it('refuses a ZIP bomb after unpacking no more than its bound, and a ZIP that is not a Word document', async () => {
		// 2 MB files unpack to at most 10 MB; this one would unpack to 12 MB.
		expect(await refusal(makeZipBomb(12), 'bomb.docx', { maxBytes: 2 * 1048576 })).toMatch(/unpack to more than 10 MB/);
		const { zipSync, strToU8 } = await import('fflate');
		expect(await refusal(zipSync({ 'a.txt': strToU8('hello') }), 'a.docx')).toMatch(/not a Word/);
	});
});

describe('bad files', () => {
	it('refuses empty, blank, binary, unknown, non-UTF-8 and oversized files with a reason', async () => {
		expect(await refusal(bytes(''), 'empty.txt')).toBe('empty file');
		expect(await refusal(bytes(' \n\t\n'), 'blank.txt')).toMatch(/empty document/);
		expect(await refusal(new Uint8Array([1, 2, 0, 4, 5]), 'x.txt')).toMatch(/binary file/);
		expect(await refusal(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2]), 'x.pdf')).toMatch(/PNG image/);
		expect(await refusal(new Uint8Array([0x66, 0xe5, 0x72]), 'latin1.txt')).toMatch(/not valid UTF-8/);
		expect(await refusal(new Uint8Array(2049).fill(0x61), 'huge.txt', { maxBytes: 2048 })).toMatch(
			/over the 0.00 MB limit|over the .* limit/
		);
	});
});
