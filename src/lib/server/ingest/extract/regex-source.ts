/** What the two readers of a pattern's source (prefilter.ts, starts.ts) read alike. */

/**
 * The opening of a group whose "(" stands before `at` in a source: where its pattern begins
 * and whether it is a look-around, which takes no characters. Null for any other group
 * ("(?i:", a named group left unclosed): the readers claim nothing of such a source.
 */
export function groupOpening(src: string, at: number): { pattern: number; look: boolean } | null {
	if (src.startsWith('?:', at)) return { pattern: at + 2, look: false };
	if (/^\?<?[=!]/.test(src.slice(at, at + 3))) return { pattern: at + (src[at + 1] === '<' ? 3 : 2), look: true };
	if (src.startsWith('?<', at)) {
		const close = src.indexOf('>', at);
		return close < 0 ? null : { pattern: close + 1, look: false };
	}
	return src[at] === '?' ? null : { pattern: at, look: false };
}
