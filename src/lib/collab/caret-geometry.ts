/**
 * Where characters of an input or textarea are drawn, in the control's own pixels: the
 * mirror-div technique. A hidden div copies the control's box and type, holds the same
 * text with the selection in a span, and the span's client rects are the selection's
 * lines. Written by hand: the small libraries for this (textarea-caret and its forks) give
 * one caret point, not a selection's rectangles, and are unmaintained.
 */

export interface Box {
	x: number;
	y: number;
	width: number;
	height: number;
}

export interface CaretGeometry {
	/** Where the caret (the selection's head) stands, as a zero-width box. */
	caret: Box;
	/** The selection, one box per line; empty for a plain caret. */
	selection: Box[];
}

const COPIED = [
	'boxSizing',
	'width',
	'height',
	'borderTopWidth',
	'borderRightWidth',
	'borderBottomWidth',
	'borderLeftWidth',
	'borderStyle',
	'paddingTop',
	'paddingRight',
	'paddingBottom',
	'paddingLeft',
	'fontStyle',
	'fontVariant',
	'fontWeight',
	'fontStretch',
	'fontSize',
	'fontFamily',
	'lineHeight',
	'letterSpacing',
	'wordSpacing',
	'textAlign',
	'textIndent',
	'textTransform',
	'tabSize',
	'direction'
] as const;

type TextControl = HTMLInputElement | HTMLTextAreaElement;

/** One mirror per control, made when someone's caret first needs it and removed with `dispose`. */
export class CaretMirror {
	private readonly div = document.createElement('div');
	private readonly span = document.createElement('span');

	constructor(private readonly el: TextControl) {
		this.div.setAttribute('aria-hidden', 'true');
		document.body.appendChild(this.div);
	}

	measure(anchor: number, head: number): CaretGeometry {
		const { el, div, span } = this;
		const style = getComputedStyle(el);
		const multiline = el instanceof HTMLTextAreaElement;
		for (const p of COPIED) div.style[p] = style[p];
		Object.assign(div.style, {
			position: 'absolute',
			top: '0',
			left: '-9999px',
			visibility: 'hidden',
			overflow: 'hidden',
			whiteSpace: multiline ? 'pre-wrap' : 'pre',
			overflowWrap: multiline ? 'break-word' : 'normal'
		});
		// The textarea's text wraps inside its scrollbar, not its border box.
		if (multiline) div.style.width = `${el.clientWidth + parseFloat(style.borderLeftWidth) + parseFloat(style.borderRightWidth)}px`;

		const value = el.value;
		const lo = clamp(Math.min(anchor, head), value.length);
		const hi = clamp(Math.max(anchor, head), value.length);
		// A zero-width space gives an empty selection a rect to measure.
		span.textContent = value.slice(lo, hi) || '\u200b';
		div.replaceChildren(value.slice(0, lo), span, value.slice(hi) || '\u200b');

		const origin = div.getBoundingClientRect();
		const dx = origin.left + el.scrollLeft;
		const dy = origin.top + el.scrollTop;
		const rects = [...span.getClientRects()].map((r) => ({ x: r.left - dx, y: r.top - dy, width: r.width, height: r.height }));
		const first = rects[0] ?? { x: 0, y: 0, width: 0, height: parseFloat(style.fontSize) };
		const last = rects[rects.length - 1] ?? first;
		// An input centres its one line; the mirror's line sits at the top of the same padding box.
		const shift = multiline ? 0 : (el.clientHeight - first.height) / 2 - parseFloat(style.paddingTop);
		const atEnd = head >= anchor && hi > lo;
		const caret = atEnd
			? { x: last.x + last.width, y: last.y + shift, width: 0, height: last.height }
			: { x: first.x, y: first.y + shift, width: 0, height: first.height };
		return { caret, selection: hi > lo ? rects.map((r) => ({ ...r, y: r.y + shift })) : [] };
	}

	dispose(): void {
		this.div.remove();
	}
}

function clamp(n: number, max: number): number {
	return Math.max(0, Math.min(n, max));
}
