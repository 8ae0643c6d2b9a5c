import { testNotAfterLetter } from './text';

/**
 * Case-insensitive patterns written in lower case, run without the flag on a document's
 * lower-cased text (doc.lower, offset for offset): they find the same matches several times
 * faster. Every character that the lexicons' words fold to under the flag lower-cases to the
 * same, except the long s ("ſ" matches "s", yet is its own lower case): a span holding one is
 * read with the flag, as before.
 */

const copies = new WeakMap<RegExp, RegExp | null>();

/** re without the "i" flag, or null where its source spells an upper-case letter (the lower case holds none). */
function lowerCaseCopy(re: RegExp): RegExp | null {
	let copy = copies.get(re);
	if (copy === undefined) {
		const literal = re.source.replace(/\\[pPu]\{[^}]*\}|\\./g, '');
		copy = re.ignoreCase && literal === literal.toLowerCase() ? new RegExp(re.source, re.flags.replace('i', '')) : null;
		copies.set(re, copy);
	}
	return copy;
}

/** The pattern and the string to run it on for text[start, end): the lower case where it answers the same. */
function lowered(re: RegExp, text: string, lower: string, start: number, end: number): [RegExp, string] {
	const span = text.slice(start, end);
	const copy = lowerCaseCopy(re);
	return copy && !span.includes('\u017f') ? [copy, lower.slice(start, end)] : [re, span];
}

/** testNotAfterLetter(re, text.slice(start, end)), read on the lower case where that is the same. */
export function holdsNotAfterLetter(re: RegExp, text: string, lower: string, start: number, end: number): boolean {
	const [pattern, span] = lowered(re, text, lower, start, end);
	return testNotAfterLetter(pattern, span);
}

/** re.test(text.slice(start, end)) for a pattern without the global flag, read on the lower case where that is the same. */
export function holds(re: RegExp, text: string, lower: string, start: number, end: number): boolean {
	const [pattern, span] = lowered(re, text, lower, start, end);
	return pattern.test(span);
}
