/** How facets and their values read on the public pages, in the reader's language: the kind's label, the field's name. */
import { FACET_FIELDS } from '../../records/fields';
import { facetKind } from '../../records/kinds';
import type { Lang } from '../../i18n/lang';
import { MESSAGES } from '../../i18n/messages';
import type { FacetKey } from './query';

const byParam = new Map(FACET_FIELDS.map((def) => [def.facet.param as string, def]));

/**
 * A facet's heading: its own message when the field's label would mislead (`facetYear`:
 * "Start year" for startDate, `facetAmount`: "Amount in euro"), else the field's label.
 */
export function facetTitle(key: FacetKey, lang: Lang): string {
	const own = (MESSAGES[lang] as unknown as Record<string, unknown>)[`facet${key[0].toUpperCase()}${key.slice(1)}`];
	return typeof own === 'string' ? own : byParam.get(key)!.labels[lang];
}

export function facetValueLabel(key: FacetKey, value: string, lang: Lang): string {
	return facetKind(byParam.get(key)!).label(value, lang);
}
