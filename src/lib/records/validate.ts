/**
 * Validation rules, derived from the field registry. They report, never block: an editor
 * sees a hint while typing, and approval refuses a record while any issue remains.
 */
import { FIELDS, type FieldDef, type FieldKey, type ProjectRecord } from './fields';
import { parseCountry, parseIsoDate, type DraftInputs, type FieldInput } from './inputs';
import { inputsFromRecord, issue, kindOf } from './kinds';
import type { Localized } from '../i18n/validation-messages';
import { isNutsCode, nutsCountry } from './nuts';

export interface FieldIssue {
	field: FieldKey;
	/** In English, as the JSON API answers it. */
	message: string;
	/** In every language: a page shows it with `issueText` (kinds.ts). */
	text: Localized;
	/** Element of a list or contacts field the issue is about. */
	index?: number;
}

export function validateField(def: FieldDef, input: FieldInput): FieldIssue[] {
	return kindOf(def)
		.issues(input, def)
		.map((issue) => ({ field: def.key, ...issue }));
}

/** Rules that relate two fields. */
function crossFieldIssues(inputs: DraftInputs): FieldIssue[] {
	const issues: FieldIssue[] = [];
	const start = parseIsoDate(inputs.startDate as string);
	const end = parseIsoDate(inputs.endDate as string);
	if (start && end && end < start) issues.push({ field: 'endDate', ...issue((t) => t.endBeforeStart(start)) });
	const nuts = (inputs.nuts as string).trim();
	const country = parseCountry(inputs.country as string);
	if (country && isNutsCode(nuts) && nutsCountry(nuts) !== country) {
		issues.push({ field: 'nuts', ...issue((t) => t.nutsElsewhere(nuts, nutsCountry(nuts), country)) });
	}
	return issues;
}

export function validateInputs(inputs: DraftInputs): FieldIssue[] {
	return [...FIELDS.flatMap((def) => validateField(def, inputs[def.key])), ...crossFieldIssues(inputs)];
}

export function validateRecord(record: ProjectRecord): FieldIssue[] {
	return validateInputs(inputsFromRecord(record));
}

export function issuesByField(issues: FieldIssue[]): Map<FieldKey, FieldIssue[]> {
	const out = new Map<FieldKey, FieldIssue[]>();
	for (const i of issues) out.set(i.field, [...(out.get(i.field) ?? []), i]);
	return out;
}
