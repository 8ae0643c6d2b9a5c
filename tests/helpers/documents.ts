/**
 * Test documents made by the tests themselves: PDFs with pdf-lib (or by hand, for an
 * encrypted one), DOCX files as the ZIP of WordprocessingML parts that Word writes.
 */
import { zipSync, strToU8 } from 'fflate';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

export interface PdfPage {
	/** Lines from the top; an empty string leaves a gap of one line. */
	lines: string[];
	header?: string;
	footer?: string;
}

export async function makePdf(pages: PdfPage[]): Promise<Uint8Array> {
	const pdf = await PDFDocument.create();
	const font = await pdf.embedFont(StandardFonts.Helvetica);
	for (const p of pages) {
		const page = pdf.addPage([595, 842]);
		if (p.header) page.drawText(p.header, { x: 50, y: 800, size: 9, font });
		let y = 760;
		for (const line of p.lines) {
			if (line) page.drawText(line, { x: 50, y, size: 11, font });
			y -= 15;
		}
		if (p.footer) page.drawText(p.footer, { x: 50, y: 30, size: 9, font });
	}
	return pdf.save();
}

/** A PDF whose pages are pictures only: no text layer, as a scanner makes. */
export async function makeScannedPdf(): Promise<Uint8Array> {
	const pdf = await PDFDocument.create();
	const page = pdf.addPage([595, 842]);
	page.drawRectangle({ x: 50, y: 400, width: 400, height: 300, color: rgb(0.8, 0.8, 0.8) });
	return pdf.save();
}

/** A PDF protected by a password (standard security handler, RC4 40-bit) that the empty password does not open. */
export function makeEncryptedPdf(): Uint8Array {
	const hex = (n: number, seed: number) =>
		Array.from({ length: n }, (_, i) => ((i * 37 + seed) % 256).toString(16).padStart(2, '0')).join('');
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R >>',
		`<< /Filter /Standard /V 1 /R 2 /O <${hex(32, 11)}> /U <${hex(32, 99)}> /P -44 >>`,
		'<< /Length 20 >>\nstream\n01234567890123456789\nendstream'
	];
	let body = '%PDF-1.4\n';
	const offsets: number[] = [];
	objects.forEach((o, i) => {
		offsets.push(body.length);
		body += `${i + 1} 0 obj\n${o}\nendobj\n`;
	});
	const xref = body.length;
	body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
	body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<${hex(16, 5)}> <${hex(16, 5)}>] >>\nstartxref\n${xref}\n%%EOF\n`;
	return new TextEncoder().encode(body);
}

export type DocxBlock = { heading: string } | { paragraph: string } | { bullets: string[] } | { table: string[][] };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const run = (s: string) => `<w:r><w:t xml:space="preserve">${esc(s)}</w:t></w:r>`;

/** A .docx with headings, paragraphs, bulleted lists and tables, as Word stores them. */
export function makeDocx(blocks: DocxBlock[]): Uint8Array {
	const body = blocks
		.map((b) => {
			if ('heading' in b) return `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>${run(b.heading)}</w:p>`;
			if ('paragraph' in b) return `<w:p>${run(b.paragraph)}</w:p>`;
			if ('bullets' in b)
				return b.bullets
					.map((s) => `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>${run(s)}</w:p>`)
					.join('');
			return `<w:tbl>${b.table.map((row) => `<w:tr>${row.map((c) => `<w:tc><w:p>${run(c)}</w:p></w:tc>`).join('')}</w:tr>`).join('')}</w:tbl>`;
		})
		.join('');
	const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
	return zipSync({
		'[Content_Types].xml': strToU8(
			'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
				'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
				'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
				'<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
				'<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>'
		),
		'_rels/.rels': strToU8(
			'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
				'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
		),
		'word/_rels/document.xml.rels': strToU8(
			'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
				'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
				'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>'
		),
		'word/styles.xml': strToU8(
			`<?xml version="1.0" encoding="UTF-8"?><w:styles ${W}><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style></w:styles>`
		),
		'word/numbering.xml': strToU8(
			`<?xml version="1.0" encoding="UTF-8"?><w:numbering ${W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`
		),
		'word/document.xml': strToU8(
			`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>`
		)
	});
}

/** A ZIP named like a Word document whose one part inflates to `megabytes` MB of zeros. */
export function makeZipBomb(megabytes: number): Uint8Array {
	return zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': new Uint8Array(megabytes * 1048576) }, { level: 9 });
}
