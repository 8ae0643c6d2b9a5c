import type { Span } from './text';

/**
 * Names the team has approved before: organisations, funders and programmes read from
 * approved versions. The extractor recognises them in later documents even where no
 * organisation form or cue word marks them. Extraction stays pure: ingest passes them in.
 */
export interface KnownNames {
	organisations: readonly string[];
	funders: readonly string[];
	programmes: readonly string[];
}

export type KnownKind = keyof KnownNames;

export interface KnownMention extends Span {
	kind: KnownKind;
	value: string;
}

export interface KnownIndex {
	/** Lower-cased names of each kind. */
	has(kind: KnownKind, name: string): boolean;
	/** Every mention of a known name in the text, longest first where two start together, in text order. */
	find(text: string): KnownMention[];
}

export const NO_KNOWN_NAMES: KnownNames = { organisations: [], funders: [], programmes: [] };

const KINDS: KnownKind[] = ['organisations', 'funders', 'programmes'];
const compiled = new WeakMap<KnownNames, KnownIndex>();

/** Names shorter than this, or without a capital letter, would match ordinary words. */
const MIN_LENGTH = 3;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Compiled once per list: the provider hands out the same object until an approval changes it. */
export function indexKnown(known: KnownNames): KnownIndex {
	let index = compiled.get(known);
	if (index) return index;
	const sets = new Map<KnownKind, Set<string>>();
	const kindOf = new Map<string, KnownKind>();
	for (const kind of KINDS) {
		const set = new Set<string>();
		for (const raw of known[kind]) {
			const name = raw.replace(/\s+/g, ' ').trim();
			if (name.length < MIN_LENGTH || !/\p{Lu}/u.test(name)) continue;
			set.add(name.toLowerCase());
			// A funder is also an organisation; the more specific kind wins a tie.
			if (!kindOf.has(name) || kind !== 'organisations') kindOf.set(name, kind);
		}
		sets.set(kind, set);
	}
	const names = [...kindOf.keys()].sort((a, b) => b.length - a.length);
	const re = names.length
		? new RegExp(String.raw`(?<![\p{L}\d])(?:${names.map((n) => escape(n).replace(/ /g, String.raw`\s+`)).join('|')})(?![\p{L}\d])`, 'gu')
		: null;
	index = {
		has: (kind, name) => {
			const set = sets.get(kind)!;
			// Asked of every name read: with nothing approved yet, normalising it would be wasted.
			return set.size > 0 && set.has(name.replace(/\s+/g, ' ').trim().toLowerCase());
		},
		find(text) {
			if (!re) return [];
			const out: KnownMention[] = [];
			for (const m of text.matchAll(re)) {
				const value = m[0].replace(/\s+/g, ' ');
				out.push({ start: m.index, end: m.index + m[0].length, value, kind: kindOf.get(value) ?? 'organisations' });
			}
			return out;
		}
	};
	compiled.set(known, index);
	return index;
}
