/**
 * The languages the extractor reads. To add one: write a lexicon like sv.ts, list it
 * here, and add test documents with their truth under tests/extract/.
 */
import { da } from './da';
import { en } from './en';
import { no } from './no';
import { sv } from './sv';
import type { Lexicon } from './types';

export type { Lexicon } from './types';

export const LEXICONS: readonly Lexicon[] = [sv, no, da, en];

export function lexiconOf(code: string): Lexicon | undefined {
	return LEXICONS.find((l) => l.code === code);
}

/** Every lexicon's words of one kind, once each, in lexicon order. */
export function all<T>(pick: (l: Lexicon) => readonly T[]): T[] {
	return [...new Set(LEXICONS.flatMap(pick))];
}
