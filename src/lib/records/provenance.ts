import type { FieldKey, ProjectRecord } from './fields';

/** Where one extracted value came from: exact character offsets into the stored document text. */
export interface Provenance {
	field: FieldKey;
	/** Position in a list field (regions, partners, themes, contacts); null for single values. */
	index: number | null;
	start: number;
	end: number;
	/** Equal to text.slice(start, end). */
	snippet: string;
	/** Name of the rule that found the value, e.g. "amount.sv.miljoner". */
	rule: string;
	/** 0..1: how sure the rule is. */
	confidence: number;
}

export interface ExtractedRecord {
	record: ProjectRecord;
	provenance: Provenance[];
}

/** Languages the extractor understands; 'unknown' documents are stored without records. */
export type DocLanguage = 'sv' | 'no' | 'da' | 'en' | 'unknown';

export interface Extraction {
	language: DocLanguage;
	/** The document's own title (its first meaningful line). */
	title: string;
	records: ExtractedRecord[];
	warnings: string[];
}
