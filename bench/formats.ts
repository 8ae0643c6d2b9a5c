/**
 * Reading documents by format: a 2-page PDF, a DOCX and an HTML page of about 50 KB, each
 * read to text and extracted, against the same for a plain-text document in the same run.
 * The test-document generators make the files, so the bench needs no fixtures.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractDocument } from '../src/lib/server/ingest/extract';
import { htmlToText } from '../src/lib/server/ingest/formats/html';
import { readDocument } from '../src/lib/server/ingest/read-document';
import { makeDocx, makePdf } from '../tests/helpers/documents';
import { table, type BenchSuite } from './suite';

const SEED = readFileSync(join(import.meta.dirname, '../seeds/000_f79e87ae3d0c54a6.txt'), 'utf8');
const LIMITS = { maxBytes: 20 * 1024 * 1024 };
/** Each row runs this long (after a warm-up), whatever the machine. */
const RUN_MS = 1500;

function htmlPage(): Uint8Array {
	const paragraphs = SEED.split(/\n\s*\n/).map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`);
	const chrome = '<nav><ul>' + '<li><a href="/x">Meny</a></li>'.repeat(40) + '</ul></nav><script>var x = 1;</script>';
	let body = `<h1>${SEED.split('\n')[0]}</h1>`;
	let row = 0;
	while (body.length < 45_000) {
		body +=
			paragraphs.join('') +
			`<table><tr><th>Projektägare</th><td>Region ${row}</td></tr><tr><th>Belopp</th><td>${row * 1000} kr</td></tr></table>`;
		row++;
	}
	return new TextEncoder().encode(
		`<!DOCTYPE html><html><head><title>Nyhet</title><style>p{}</style></head><body>${chrome}<main>${body}</main><footer>Kontakt</footer></body></html>`
	);
}

async function rate(name: string, bytes: Uint8Array): Promise<{ perSecond: number; bytes: number; chars: number }> {
	let chars = 0;
	const once = async () => {
		const { text } = await readDocument(bytes, name, LIMITS);
		chars = text.length;
		extractDocument(text);
	};
	for (let i = 0; i < 3; i++) await once();
	let n = 0;
	const t0 = performance.now();
	while (performance.now() - t0 < RUN_MS) {
		await once();
		n++;
	}
	return { perSecond: (n * 1000) / (performance.now() - t0), bytes: bytes.byteLength, chars };
}

export const formatsBench: BenchSuite = {
	title: 'Reading documents by format (read to text + extract, one core)',
	async run() {
		const lines = SEED.split('\n');
		const half = Math.ceil(lines.length / 2);
		const pdf = await makePdf([
			{ header: 'Pressmeddelande', lines: lines.slice(0, half).flatMap(wrap), footer: 'Sida 1 av 2' },
			{ header: 'Pressmeddelande', lines: lines.slice(half).flatMap(wrap), footer: 'Sida 2 av 2' }
		]);
		const docx = makeDocx(SEED.split(/\n\s*\n/).map((paragraph) => ({ paragraph: paragraph.replace(/\n/g, ' ') })));
		const rows = [
			['plain text (baseline)', 'seed.txt', new TextEncoder().encode(SEED)],
			['PDF, 2 pages', 'seed.pdf', pdf],
			['DOCX', 'seed.docx', docx],
			['HTML page', 'page.html', htmlPage()]
		] as const;
		const measured = [];
		for (const [what, name, bytes] of rows) measured.push({ what, ...(await rate(name, bytes)) });
		const base = measured[0].perSecond;
		return (
			table(
				['format', 'file KB', 'text chars', 'documents/s', 'time vs plain text'],
				measured.map((m) => [m.what, (m.bytes / 1024).toFixed(1), m.chars, Math.round(m.perSecond), `${(base / m.perSecond).toFixed(1)}x`])
			) +
			'\n\nHTML pages that once made the reader rescan (linear: 4x the page, about 4x the time):\n\n' +
			table(
				['page shape', 'ms at 100 KB', 'ms at 400 KB', 'time ratio'],
				HOSTILE_SHAPES.map(([what, shape]) => {
					const small = bestMs(() => htmlToText(shape(100_000)));
					const large = bestMs(() => htmlToText(shape(400_000)));
					return [what, small.toFixed(2), large.toFixed(2), `${(large / small).toFixed(1)}x`];
				})
			)
		);
	}
};

const HOSTILE_SHAPES: [string, (n: number) => string][] = [
	['unclosed comment', (n) => `<p>Start</p><!--${'x <p>y</p> '.repeat(n / 11)}`],
	['unclosed script', (n) => `<p>Start</p><script>${'if (a < b) { c(); } '.repeat(n / 20)}`],
	[
		'deep nesting, then paragraphs',
		(n) => ('<div><span>' + 'z'.repeat(10)).repeat(400) + '</span></div>'.repeat(400) + '<p>t</p>'.repeat(n / 8)
	]
];

/** The best of five runs after a warm-up: the least disturbed by the rest of the machine. */
function bestMs(fn: () => void): number {
	fn();
	let best = Infinity;
	for (let i = 0; i < 5; i++) {
		const t0 = performance.now();
		fn();
		best = Math.min(best, performance.now() - t0);
	}
	return best;
}

/** Long lines wrapped at about 90 characters, as on a printed page. */
function wrap(line: string): string[] {
	const out: string[] = [];
	let rest = line;
	while (rest.length > 90) {
		const cut = rest.lastIndexOf(' ', 90);
		const at = cut > 20 ? cut : 90;
		out.push(rest.slice(0, at));
		rest = rest.slice(at).trimStart();
	}
	out.push(rest);
	return out;
}
