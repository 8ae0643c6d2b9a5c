/** How field values read on a page. Pure, shared by the workspace and the public view. */
import type { FieldDef, ProjectRecord } from './fields';
import type { Lang } from '../i18n/lang';
import { kindOf } from './kinds';

/** Each value of a field as display strings: one for a single value, one per element for lists, none when empty. */
export function displayValues(def: FieldDef, record: ProjectRecord, lang: Lang = 'en'): string[] {
	const v = record[def.key];
	if (v === null || v === undefined || v === '') return [];
	return kindOf(def).display(v, lang);
}
