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

export function bindText(text: Y.Text, origin: unknown, editable: boolean): Attachment<TextControl> {
	return (el) => {
		el.value = text.toString();
		const onInput = () => text.doc?.transact(() => applyTextDiff(text, el.value), origin);
		const onChange = (event: Y.YTextEvent, tr: Y.Transaction) => {
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
export function bindValue(map: Y.Map<unknown>, key: string, origin: unknown, editable: boolean): Attachment<HTMLInputElement> {
	return (el) => {
		const read = () => {
			const v = map.get(key);
			return typeof v === 'string' ? v : '';
		};
		el.value = read();
		const onInput = () => map.doc?.transact(() => map.set(key, el.value), origin);
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
