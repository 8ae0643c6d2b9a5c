/**
 * Form controls bound to shared types, as Svelte attachments: each adds its listener
 * and observer when the element mounts and removes both when it goes. The page's own
 * changes carry its origin, so the observer leaves the control alone for them; anyone
 * else's change (a person elsewhere, an undo) is written into the control, with the
 * caret moved through the change so typing can go on.
 */
import type { Attachment } from 'svelte/attachments';
import type * as Y from 'yjs';
import { applyTextDiff } from '$lib/records/ydoc';

type TextControl = HTMLInputElement | HTMLTextAreaElement;

/** Where a caret at `pos` ends up after a text change. */
export function moveThrough(delta: Y.YTextEvent['delta'], pos: number): number {
	let index = 0;
	let out = pos;
	for (const op of delta) {
		if (op.retain) index += op.retain;
		else if (typeof op.insert === 'string') {
			if (index < pos) out += op.insert.length;
			index += op.insert.length;
		} else if (op.delete) {
			if (index < pos) out -= Math.min(op.delete, pos - index);
		}
	}
	return out;
}

/**
 * What an edit keeps when it would make a value longer than `max`: the inserted text is
 * shortened, never the text around it, and what was left out is returned so the editor can
 * say so and offer it back. A surrogate pair is never cut in two.
 */
export function clampEdit(prev: string, next: string, max: number): { value: string; cut: string } {
	if (next.length <= max || next.length <= prev.length) return { value: next, cut: '' };
	let start = 0;
	const common = Math.min(prev.length, next.length);
	while (start < common && prev.charCodeAt(start) === next.charCodeAt(start)) start++;
	let endPrev = prev.length;
	let endNext = next.length;
	while (endPrev > start && endNext > start && prev.charCodeAt(endPrev - 1) === next.charCodeAt(endNext - 1)) {
		endPrev--;
		endNext--;
	}
	const inserted = next.slice(start, endNext);
	const around = next.length - inserted.length;
	let keep = Math.max(0, Math.min(inserted.length, max - around));
	const code = inserted.charCodeAt(keep - 1);
	if (keep > 0 && keep < inserted.length && code >= 0xd800 && code <= 0xdbff) keep--;
	return { value: next.slice(0, start) + inserted.slice(0, keep) + next.slice(endNext), cut: inserted.slice(keep) };
}

export interface LimitWatch {
	max: number;
	/** Called with the text an edit left out, so the person is told at once and can take it back. */
	onCut(cut: string): void;
	/** Called with the value's length after every change from anyone. */
	onLength?(length: number): void;
}

/** Shows the kept value, the caret at the end of what was kept of the insertion. */
function showKept(el: TextControl, kept: string, typed: string): void {
	const caret = Math.max(0, kept.length - (typed.length - (el.selectionEnd ?? typed.length)));
	el.value = kept;
	el.setSelectionRange(caret, caret);
}

export function bindText(text: Y.Text, origin: unknown, editable: boolean, limit?: LimitWatch): Attachment<TextControl> {
	return (el) => {
		el.value = text.toString();
		limit?.onLength?.(el.value.length);
		const onInput = () => {
			let value = el.value;
			if (limit) {
				const typed = value;
				const { value: kept, cut } = clampEdit(text.toString(), typed, limit.max);
				if (cut) {
					showKept(el, kept, typed);
					limit.onCut(cut);
				}
				value = kept;
			}
			text.doc?.transact(() => applyTextDiff(text, value), origin);
		};
		const onChange = (event: Y.YTextEvent, tr: Y.Transaction) => {
			limit?.onLength?.(text.length);
			if (tr.origin === origin && el.value === text.toString()) return;
			const focused = document.activeElement === el;
			const [start, end] = [el.selectionStart ?? 0, el.selectionEnd ?? 0];
			el.value = text.toString();
			if (focused) el.setSelectionRange(moveThrough(event.delta, start), moveThrough(event.delta, end));
		};
		text.observe(onChange);
		if (editable) el.addEventListener('input', onInput);
		return () => {
			text.unobserve(onChange);
			el.removeEventListener('input', onInput);
		};
	};
}

/** A plain string in a Y.Map (dates, codes, numbers as typed): the last keystroke wins. */
export function bindValue(
	map: Y.Map<unknown>,
	key: string,
	origin: unknown,
	editable: boolean,
	limit?: LimitWatch
): Attachment<HTMLInputElement> {
	return (el) => {
		const read = () => {
			const v = map.get(key);
			return typeof v === 'string' ? v : '';
		};
		el.value = read();
		const onInput = () => {
			let value = el.value;
			if (limit) {
				const typed = value;
				const { value: kept, cut } = clampEdit(read(), typed, limit.max);
				if (cut) {
					showKept(el, kept, typed);
					limit.onCut(cut);
				}
				value = kept;
			}
			map.doc?.transact(() => map.set(key, value), origin);
		};
		const onChange = (event: Y.YMapEvent<unknown>, tr: Y.Transaction) => {
			if (event.keysChanged.has(key) && (tr.origin !== origin || el.value !== read())) el.value = read();
		};
		map.observe(onChange);
		if (editable) el.addEventListener('input', onInput);
		return () => {
			map.unobserve(onChange);
			el.removeEventListener('input', onInput);
		};
	};
}

export function bindChecked(map: Y.Map<unknown>, key: string, origin: unknown, editable: boolean): Attachment<HTMLInputElement> {
	return (el) => {
		el.checked = map.get(key) === true;
		const onChange = () => map.doc?.transact(() => map.set(key, el.checked), origin);
		const onRemote = (event: Y.YMapEvent<unknown>) => {
			if (event.keysChanged.has(key)) el.checked = map.get(key) === true;
		};
		map.observe(onRemote);
		if (editable) el.addEventListener('change', onChange);
		return () => {
			map.unobserve(onRemote);
			el.removeEventListener('change', onChange);
		};
	};
}
