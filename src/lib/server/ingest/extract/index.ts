/**
 * Rule-based extraction of project records from press releases, grant lists, project-bank
 * entries and project pages in Swedish, Norwegian, Danish and English.
 *
 * Pure and deterministic: the same text always gives the same records, and every value
 * carries provenance (offsets into exactly the text passed in).
 */
import type { ExtractedRecord, Extraction } from '../../../records/provenance';
import { analyse } from './doc';
import type { KnownNames } from './known';
import { detectLanguage } from './language';
import { lowerSameLength } from './text';
import { describedProject, listedProject, sharedContext, toExtracted } from './record';
import { splitProjects } from './shapes';

/** Longer texts are read up to here: offsets stay valid because only a prefix is analysed. */
export type { KnownNames } from './known';

export const MAX_ANALYSED_CHARS = 200_000;

export interface ExtractOptions {
	/** Organisation, funder and programme names approved before (see known.ts). */
	known?: KnownNames;
}

export function extractDocument(text: string, options: ExtractOptions = {}): Extraction {
	const warnings: string[] = [];
	if (typeof text !== 'string' || text.trim() === '') {
		return { language: 'unknown', title: '', records: [], warnings: ['empty document'] };
	}
	const analysed = text.length > MAX_ANALYSED_CHARS ? text.slice(0, MAX_ANALYSED_CHARS) : text;
	if (analysed !== text) warnings.push(`document truncated: only the first ${MAX_ANALYSED_CHARS} of ${text.length} characters were read`);
	if (looksBinary(analysed)) {
		warnings.push('document looks like binary data, not text');
		return { language: 'unknown', title: '', records: [], warnings };
	}

	// Language detection and the analysis both read the lower case: made once, it is a flat string for both.
	const lower = lowerSameLength(analysed);
	const guess = detectLanguage(analysed, lower);
	if (guess.language === 'unknown') {
		warnings.push('language not recognised (expected Swedish, Norwegian, Danish or English)');
		return { language: 'unknown', title: firstLine(analysed), records: [], warnings };
	}

	try {
		const doc = analyse(analysed, guess.language, guess.evidence, options.known, lower);
		const title = doc.headline ? analysed.slice(doc.headline.start, doc.headline.end) : '';
		const units = splitProjects(doc);
		const shared = sharedContext(doc, units);
		const records: ExtractedRecord[] = [];
		for (const unit of units) {
			const draft = unit.kind === 'item' ? listedProject(doc, unit, shared) : describedProject(doc, unit, shared);
			if (draft) records.push(toExtracted(doc, draft));
		}
		if (!records.length) warnings.push('no project found');
		return { language: guess.language, title, records, warnings };
	} catch (err) {
		// A rule failing on an unforeseen text must not lose the document.
		warnings.push(`extraction failed: ${err instanceof Error ? err.message : String(err)}`);
		return { language: guess.language, title: firstLine(analysed), records: [], warnings };
	}
}

/** Control characters or replacement characters in more than a few percent of the text. */
function looksBinary(text: string): boolean {
	const sample = text.length > 20_000 ? text.slice(0, 20_000) : text;
	// eslint-disable-next-line no-control-regex -- control characters are what marks binary input
	const bad = (sample.match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g) ?? []).length;
	return bad / sample.length > 0.02;
}

function firstLine(text: string): string {
	return (text.split('\n').find((l) => l.trim()) ?? '').trim().slice(0, 200);
}
