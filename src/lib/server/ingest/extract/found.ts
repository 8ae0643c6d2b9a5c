import { RULES, type Rule } from './rules';

/** A value read from the text, with where it was read and by which rule. */
export interface Found<T> {
	value: T;
	start: number;
	end: number;
	rule: string;
	confidence: number;
}

export function found<T>(value: T, start: number, end: number, rule: string, confidence: number): Found<T> {
	return { value, start, end, rule, confidence };
}

/** A value found by a rule of the table, with that rule's confidence; `name` records a more specific rule name. */
export function foundBy<T>(value: T, start: number, end: number, rule: Rule, name: string = rule): Found<T> {
	return { value, start, end, rule: name, confidence: RULES[rule] };
}

/** The most confident candidate; the earliest one among equals. */
export function best<T>(candidates: Iterable<Found<T> | null | undefined>): Found<T> | null {
	let top: Found<T> | null = null;
	for (const c of candidates) {
		if (!c) continue;
		if (!top || c.confidence > top.confidence || (c.confidence === top.confidence && c.start < top.start)) top = c;
	}
	return top;
}
