import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** A document with its truth file, read from a docs/ and truth/ pair of directories. */
export interface CorpusDoc {
	name: string;
	text: string;
	/** In the truth format of the shared evaluation. */
	truth: { document: string; language?: string; records: unknown[] } | null;
}

export const OWN_CORPUS = import.meta.dirname;
/**
 * Documents written after the grammar, in the genres of the hidden set, scored apart
 * (`SAMLA_EVAL_DIR=tests/extract/unseen npm run eval`): their misses are the honest
 * estimate of unseen performance, so they are not held to the own corpus's 0.95.
 */
export const UNSEEN_CORPUS = join(import.meta.dirname, 'unseen');
/**
 * The shared development set beside the repository (SAMLA_EVAL_DIR, relative to the
 * repository root; default ../shared/eval/dev). Optional: the repository does not depend on it.
 */
export const DEV_CORPUS = resolve(import.meta.dirname, '../..', process.env.SAMLA_EVAL_DIR || '../shared/eval/dev');

export function readCorpus(dir: string): CorpusDoc[] {
	const docs = join(dir, 'docs');
	const truths = join(dir, 'truth');
	if (!existsSync(docs)) return [];
	return readdirSync(docs)
		.filter((f) => f.endsWith('.txt'))
		.sort()
		.map((name) => {
			const truthFile = join(truths, name.replace(/\.txt$/, '.json'));
			return {
				name,
				text: readFileSync(join(docs, name), 'utf8'),
				truth: existsSync(truthFile) ? JSON.parse(readFileSync(truthFile, 'utf8')) : null
			};
		});
}
