/**
 * PDF to Samla's document text through pdf.js (the unpdf build, which runs in Node
 * without a worker or canvas): the text items of each page grouped into lines top to
 * bottom, words joined left to right, a word broken by a hyphen at a line's end joined
 * again, a wide gap between lines read as a new paragraph, and the lines that repeat at
 * the top or bottom of every page (running heads, page numbers) dropped.
 */
import { getDocumentProxy } from 'unpdf';
import { UnreadableDocumentError } from './errors';

interface Item {
	str: string;
	x: number;
	y: number;
	width: number;
	size: number;
}

interface Line {
	text: string;
	y: number;
	size: number;
}

/** Lines this many from the top or bottom of a page may be a running head or foot. */
const BAND = 2;

export async function pdfToText(bytes: Uint8Array): Promise<string> {
	let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
	try {
		// A copy: pdf.js may take over (detach) the buffer it is given.
		pdf = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, verbosity: 0, stopAtErrors: false });
	} catch (err) {
		const name = (err as { name?: string }).name;
		if (name === 'PasswordException') {
			throw new UnreadableDocumentError({ key: 'pdfEncrypted' });
		}
		throw new UnreadableDocumentError({ key: 'pdfUnreadable', detail: (err as Error).message });
	}
	try {
		const pages: Line[][] = [];
		for (let n = 1; n <= pdf.numPages; n++) {
			const page = await pdf.getPage(n);
			const content = await page.getTextContent();
			const items: Item[] = [];
			for (const it of content.items) {
				if (!('str' in it) || !it.str) continue;
				const [a, b, , , x, y] = it.transform as number[];
				items.push({ str: it.str, x, y, width: it.width, size: Math.hypot(a, b) || it.height || 10 });
			}
			pages.push(toLines(items));
			page.cleanup();
		}
		const text = joinPages(dropRunningLines(pages));
		if (!text.replace(/\s+/g, '')) throw new UnreadableDocumentError({ key: 'pdfNoText' });
		return text;
	} finally {
		await pdf.destroy();
	}
}

/** Items on one baseline (within a third of the font size) form a line; lines run top to bottom. */
function toLines(items: Item[]): Line[] {
	items.sort((p, q) => q.y - p.y || p.x - q.x);
	const lines: Item[][] = [];
	for (const it of items) {
		const last = lines[lines.length - 1];
		if (last && Math.abs(last[0].y - it.y) <= Math.max(last[0].size, it.size) / 3) last.push(it);
		else lines.push([it]);
	}
	return lines
		.map((line) => {
			line.sort((p, q) => p.x - q.x);
			let text = '';
			let end = -Infinity;
			for (const it of line) {
				// A gap wider than a fifth of the font size is a space pdf.js did not emit as an item.
				if (text && !/\s$/.test(text) && !/^\s/.test(it.str) && it.x - end > it.size * 0.2) text += ' ';
				text += it.str;
				end = it.x + it.width;
			}
			return { text: text.replace(/\s+/g, ' ').trim(), y: line[0].y, size: Math.max(...line.map((i) => i.size)) };
		})
		.filter((l) => l.text);
}

/** Digits vary between pages ("Page 3 of 9"), the rest of a running line does not. */
const shape = (s: string) => s.replace(/\d+/g, '#').toLowerCase();

function dropRunningLines(pages: Line[][]): Line[][] {
	if (pages.length < 2) return pages;
	const bands = pages.map((lines) => {
		const band = new Set<string>();
		for (const l of [...lines.slice(0, BAND), ...lines.slice(-BAND)]) band.add(shape(l.text));
		return band;
	});
	const running = [...bands[0]].filter((s) => bands.every((b) => b.has(s)));
	if (!running.length) return pages;
	const drop = new Set(running);
	return pages.map((lines) => lines.filter((l, i) => !((i < BAND || i >= lines.length - BAND) && drop.has(shape(l.text)))));
}

function joinPages(pages: Line[][]): string {
	const out: string[] = [];
	for (const lines of pages) {
		if (out.length) out.push('\n\n');
		lines.forEach((line, i) => {
			if (i === 0) {
				out.push(line.text);
				return;
			}
			const prev = lines[i - 1];
			const prevText = out[out.length - 1];
			// "sam-" then "verkan": one word broken at the line's end.
			if (/\p{L}-$/u.test(prevText) && /^\p{Ll}/u.test(line.text)) {
				out[out.length - 1] = prevText.slice(0, -1) + line.text;
				return;
			}
			const gap = prev.y - line.y;
			out.push(gap > Math.max(prev.size, line.size) * 1.8 ? '\n\n' : '\n', line.text);
		});
	}
	return out.join('');
}
