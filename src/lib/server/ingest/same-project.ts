/** Folds a project title so that spelling variants of case, diacritics and punctuation compare equal. */
export function normaliseTitle(title: string): string {
	return title
		.replace(/[øØ]/g, 'o')
		.replace(/[æÆ]/g, 'ae')
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}
