/**
 * HTML to Samla's structured document text, with htmlparser2's streaming parser (every
 * entity decoded by it): headings and paragraphs on their own lines, list items as
 * `• ` lines, one table row per line with its cells joined by ` | `. Scripts, styles,
 * navigation, cookie banners, hidden elements and comments are dropped.
 *
 * One pass over the input; the parser's stack of open elements is kept shallow (see
 * MAX_DEPTH), so the work grows with the length of the page and nothing else.
 */
import { Parser } from 'htmlparser2';
import { UnreadableDocumentError } from './errors';

/** Whose content is never text for a reader. */
const SKIPPED = new Set([
	'script',
	'style',
	'noscript',
	'template',
	'nav',
	'svg',
	'math',
	'iframe',
	'object',
	'canvas',
	'select',
	'button'
]);

/** Blocks that stand apart from the text around them by an empty line. */
const PARAGRAPHS = new Set([
	'p',
	'h1',
	'h2',
	'h3',
	'h4',
	'h5',
	'h6',
	'ul',
	'ol',
	'dl',
	'table',
	'blockquote',
	'pre',
	'section',
	'article',
	'main',
	'header',
	'footer',
	'aside',
	'figure',
	'address',
	'hr'
]);

/** Blocks that start a line of their own. */
const LINES = new Set([
	'div',
	'br',
	'li',
	'dt',
	'dd',
	'tr',
	'caption',
	'figcaption',
	'form',
	'fieldset',
	'legend',
	'details',
	'summary',
	'option'
]);

/** Cookie and consent banners by their id or class (their wording varies; their names do not much). */
const BANNER = /(^|[\s_-])(cookie|cookies|consent|gdpr|cc-window|cookiebot|onetrust)([\s_-]|$)/i;

/**
 * Nesting deeper than this is no page a person wrote. htmlparser2 keeps open elements in
 * an array it shifts and searches, so unbounded nesting would cost the square of the
 * length; bounded, it stays linear.
 */
export const MAX_DEPTH = 1000;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

class TextBuilder {
	private out: string[] = [];
	/** 0: nothing pending; 1: a line break; 2: an empty line. */
	private pendingBreak = 0;
	private lineHasText = false;
	private pendingSpace = false;
	/** A list item has begun and its bullet waits for its first text (an empty item leaves no line). */
	private pendingBullet = false;
	private listDepth = 0;

	text(s: string): void {
		const collapsed = s.replace(/[\s\u00a0]+/g, ' ');
		if (collapsed === ' ') {
			if (this.lineHasText) this.pendingSpace = true;
			return;
		}
		if (!collapsed) return;
		const leading = collapsed.startsWith(' ');
		const body = collapsed.trim();
		if (this.pendingBreak && this.out.length) {
			this.out.push(this.pendingBreak === 2 ? '\n\n' : '\n');
			this.lineHasText = false;
			this.pendingSpace = false;
		}
		this.pendingBreak = 0;
		if (this.pendingBullet) {
			this.out.push('• ');
			this.pendingBullet = false;
		} else if (this.lineHasText && (this.pendingSpace || leading)) this.out.push(' ');
		this.out.push(body);
		this.lineHasText = true;
		this.pendingSpace = collapsed.endsWith(' ');
	}

	/** A line of its own, as is (a table row). */
	line(s: string): void {
		this.break(1);
		this.text(s);
		this.break(1);
	}

	/** Inside a list everything is one line per block; the list as a whole stands apart. */
	break(level: 1 | 2): void {
		if (!this.out.length || this.pendingBullet) return;
		this.pendingBreak = Math.max(this.pendingBreak, this.listDepth ? 1 : level);
		this.pendingSpace = false;
	}

	bullet(): void {
		this.break(1);
		this.pendingBullet = true;
	}

	enterList(): void {
		this.break(2);
		this.listDepth++;
	}

	leaveList(): void {
		this.pendingBullet = false;
		this.listDepth = Math.max(0, this.listDepth - 1);
		this.break(2);
	}

	toString(): string {
		return this.out.join('');
	}
}

interface Row {
	cells: string[];
	/** The cell being read, in pieces; null between cells. */
	current: string[] | null;
}

export function htmlToText(html: string): string {
	const out = new TextBuilder();
	let depth = 0;
	/** Depth at which a skipped element began (its content is dropped up to its end); 0 when not skipping. */
	let skipFrom = 0;
	let title = '';
	let inTitle = false;
	let sawH1 = false;
	/** Tables open now. Only the outermost has rows of its own; a table inside a cell reads as text of that cell. */
	let tables = 0;
	let row: Row | null = null;

	const write = (s: string) => {
		if (row?.current) row.current.push(s);
		else out.text(s);
	};
	const blockBreak = (level: 1 | 2) => {
		if (row?.current) row.current.push(' ');
		else out.break(level);
	};
	const endCell = () => {
		if (row?.current) row.cells.push(row.current.join(''));
		if (row) row.current = null;
	};
	const endRow = () => {
		if (!row) return;
		endCell();
		const cells = row.cells.map((c) => c.replace(/[\s\u00a0]+/g, ' ').trim());
		row = null;
		if (cells.some(Boolean)) out.line(cells.join(' | '));
	};

	const parser = new Parser(
		{
			onopentag(name, attribs) {
				if (!VOID.has(name)) depth++;
				if (depth > MAX_DEPTH) {
					throw new UnreadableDocumentError({ key: 'htmlTooDeep', max: MAX_DEPTH });
				}
				if (skipFrom) return;
				if (name === 'title') {
					inTitle = true;
					return;
				}
				const ident = `${attribs.id ?? ''} ${attribs.class ?? ''}`;
				if (
					SKIPPED.has(name) ||
					attribs.hidden !== undefined ||
					attribs['aria-hidden'] === 'true' ||
					attribs.role === 'navigation' ||
					BANNER.test(ident)
				) {
					if (!VOID.has(name)) skipFrom = depth;
					return;
				}
				if (name === 'h1') sawH1 = true;
				if (name === 'table' || name === 'tr' || name === 'td' || name === 'th') {
					if (name === 'table') tables++;
					if (tables !== 1 || (row?.current && name !== 'td' && name !== 'th')) {
						write(' ');
					} else if (name === 'table') {
						out.break(2);
					} else if (name === 'tr') {
						endRow();
						row = { cells: [], current: null };
					} else {
						row ??= { cells: [], current: null };
						endCell();
						row.current = [];
					}
					return;
				}
				if (name === 'li') {
					if (row?.current) write(' • ');
					else out.bullet();
					return;
				}
				if ((name === 'ul' || name === 'ol') && !row?.current) {
					out.enterList();
					return;
				}
				if (name === 'img' && attribs.alt && row?.current) write(` ${attribs.alt} `);
				else if (PARAGRAPHS.has(name)) blockBreak(2);
				else if (LINES.has(name)) blockBreak(1);
			},
			ontext(text) {
				if (skipFrom) return;
				if (inTitle) title += text;
				else write(text);
			},
			onclosetag(name) {
				const closing = depth;
				if (!VOID.has(name)) depth--;
				if (skipFrom) {
					if (closing <= skipFrom) skipFrom = 0;
					return;
				}
				if (name === 'title') {
					inTitle = false;
					return;
				}
				if (name === 'table' || name === 'tr' || name === 'td' || name === 'th') {
					if (tables !== 1) write(' ');
					else if (name === 'table') {
						endRow();
						out.break(2);
					} else if (name === 'tr') endRow();
					else endCell();
					if (name === 'table') tables = Math.max(0, tables - 1);
					return;
				}
				if ((name === 'ul' || name === 'ol') && !row?.current) out.leaveList();
				else if (PARAGRAPHS.has(name)) blockBreak(2);
				else if (LINES.has(name)) blockBreak(1);
			}
		},
		{ decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true }
	);

	parser.write(html);
	parser.end();
	const body = out.toString();
	// A page whose heading is only in <title> still gets its headline on the first line.
	const heading = title.replace(/[\s\u00a0]+/g, ' ').trim();
	return (heading && !sawH1 ? `${heading}\n\n${body}` : body).trim();
}
