/** Field-by-field difference of two record states, derived from the registry. Pure. */
import { diffArrays } from 'diff';
import { FIELDS, type FieldDef, type FieldKey, type ProjectRecord } from './fields';
import type { Lang } from '../i18n/lang';
import { displayValues } from './format';
import { WORKSPACE_MESSAGES } from '../i18n/workspace-messages';

export type TextPart = { op: 'same' | 'added' | 'removed'; text: string };

export type FieldChange =
	| { field: FieldKey; kind: 'added'; after: string[] }
	| { field: FieldKey; kind: 'removed'; before: string[] }
	| { field: FieldKey; kind: 'changed'; before: string[]; after: string[]; text?: TextPart[] };

/**
 * Myers' diff is O((n + m) * d) for d changed words; past this many changed words a text
 * reads as replaced whole, which keeps the time of a rewritten 20,000-character summary bounded.
 */
const MAX_EDIT_LENGTH = 5_000;

/**
 * A field's values as the diff shows them: as displayed, with each contact marked public or
 * not (the flag decides whether the public sees the person), and the stored values where
 * the display would hide a change (a rate rounded to the same tenth of a per cent).
 */
function diffValues(def: FieldDef, record: ProjectRecord, other: ProjectRecord | null, lang: Lang): string[] {
	const shown = displayValues(def, record, lang);
	if (def.kind === 'contacts') {
		const t = WORKSPACE_MESSAGES[lang].history;
		return record.contacts.map((c, i) => `${shown[i]} (${c.public ? t.contactPublic : t.contactNotPublic})`);
	}
	if (!other || JSON.stringify(record[def.key]) === JSON.stringify(other[def.key])) return shown;
	const otherShown = displayValues(def, other, lang);
	const same = shown.length === otherShown.length && shown.every((v, i) => v === otherShown[i]);
	return same ? [JSON.stringify(record[def.key])] : shown;
}

/** `lang` is the language values are written in (amounts, counts), that of the page showing the diff. */
export function diffRecords(before: ProjectRecord | null, after: ProjectRecord, lang: Lang = 'en'): FieldChange[] {
	const changes: FieldChange[] = [];
	for (const def of FIELDS) {
		const a = before ? diffValues(def, before, after, lang) : [];
		const b = diffValues(def, after, before, lang);
		if (a.length === b.length && a.every((v, i) => v === b[i])) continue;
		if (!a.length) changes.push({ field: def.key, kind: 'added', after: b });
		else if (!b.length) changes.push({ field: def.key, kind: 'removed', before: a });
		else if ((def.kind === 'text' || def.kind === 'longtext') && a.length === 1 && b.length === 1) {
			changes.push({ field: def.key, kind: 'changed', before: a, after: b, text: diffText(a[0], b[0]) });
		} else changes.push({ field: def.key, kind: 'changed', before: a, after: b });
	}
	return changes;
}

/** Words and the spaces between them, so joining the parts gives the text back exactly. */
function tokens(s: string): string[] {
	return s.match(/\s+|[^\s]+/g) ?? [];
}

export function diffText(before: string, after: string): TextPart[] {
	const changes = diffArrays(tokens(before), tokens(after), { maxEditLength: MAX_EDIT_LENGTH });
	if (!changes) {
		return [
			{ op: 'removed', text: before },
			{ op: 'added', text: after }
		];
	}
	const parts: TextPart[] = [];
	for (const c of changes) {
		const op: TextPart['op'] = c.added ? 'added' : c.removed ? 'removed' : 'same';
		const text = c.value.join('');
		const last = parts.at(-1);
		if (last?.op === op) last.text += text;
		else if (text) parts.push({ op, text });
	}
	return parts;
}
