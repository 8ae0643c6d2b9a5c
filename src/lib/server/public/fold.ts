/**
 * Folding for search and sorting. SQLite's unicode61 tokenizer with remove_diacritics 2
 * folds å, ä, ö, é… but not the letters that are letters of their own rather than
 * accented ones (ø, æ, ß…), so those are spelled out here, the same way on the indexed
 * text and on the query: "Tromso" finds "Tromsø" and "Tromsø" finds "Tromso".
 */
const LETTERS: Record<string, string> = {
	ø: 'o',
	Ø: 'O',
	æ: 'ae',
	Æ: 'AE',
	œ: 'oe',
	Œ: 'OE',
	ß: 'ss',
	ẞ: 'SS',
	ð: 'd',
	Ð: 'D',
	đ: 'd',
	Đ: 'D',
	þ: 'th',
	Þ: 'TH',
	ł: 'l',
	Ł: 'L',
	ı: 'i'
};
const LETTER_RE = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'g');

export function foldLetters(text: string): string {
	return text.replace(LETTER_RE, (c) => LETTERS[c]);
}

/** Case-, accent- and letter-folded: for sort keys and "does this quote mention that value". */
export function foldFully(text: string): string {
	return foldLetters(text)
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase();
}

const MAX_TERMS = 12;
const MAX_TERM_LENGTH = 64;

/**
 * The user's words as an FTS5 query: each word quoted (so AND, NEAR(, ", *, -, ^ and :
 * are only text) and matched as a prefix; words are ANDed. Words are split the way
 * unicode61 splits them (letters and digits), so nothing reaches MATCH that the
 * tokenizer would read differently. Null when nothing searchable is left.
 *
 * A single character is matched as a word, not as a prefix: as a prefix it is in nearly
 * every project (it finds nothing worth a search) and costs FTS5 a merge of every term
 * that starts with it, which made the first keystroke of a search the slowest request.
 */
export function ftsQuery(input: string): string | null {
	const words = foldLetters(input).match(/[\p{L}\p{N}\p{M}]+/gu);
	if (!words) return null;
	return words
		.slice(0, MAX_TERMS)
		.map((w) => (Array.from(w).length === 1 ? `"${w}"` : `"${w.slice(0, MAX_TERM_LENGTH)}"*`))
		.join(' ');
}
