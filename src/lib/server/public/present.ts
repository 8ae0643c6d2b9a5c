/** A published record's fields as they read on its public page, in the reader's language. */
import { FIELDS, type FieldDef } from '../../records/fields';
import { EUR_RATES_DATE, toEur } from '../../records/eur-rates';
import { formatDay, formatEur } from '../../i18n/format';
import { kindOf } from '../../records/kinds';
import type { Lang } from '../../i18n/lang';
import { MESSAGES } from '../../i18n/messages';
import type { ApiProject } from './projects';

export interface FieldView {
	key: string;
	label: string;
	/** One entry per value; lists have several. */
	values: string[];
	/** Beside each value, the page it links to: an owner's or partner's organisation page. */
	links: (string | null)[];
	list: boolean;
	/** For an amount not in euro: what it is in euro, and at which rate. */
	note: string | null;
	quotes: { snippet: string; source: string; url: string | null }[];
}

function values(def: FieldDef, p: ApiProject, lang: Lang): string[] {
	const v = p[def.key as keyof ApiProject];
	return v === null || v === undefined || v === '' ? [] : kindOf(def).page(v, lang);
}

/** The fields that name organisations: their values link to the organisation pages. */
const ORGANISATION_FIELDS = new Set<string>(['owner', 'partners']);

/** The public fields but the title (the page's heading) and contacts (their own section). */
export function fieldViews(p: ApiProject, lang: Lang, organisationHref: (name: string) => string | null = () => null): FieldView[] {
	return FIELDS.filter((def) => def.public && def.key !== 'title' && def.kind !== 'contacts').map((def) => {
		const eur = def.kind === 'money' && p.amount && p.amount.currency !== 'EUR' ? toEur(p.amount) : null;
		const shown = values(def, p, lang);
		return {
			key: def.key,
			label: def.labels[lang],
			values: shown,
			links: shown.map((v) => (ORGANISATION_FIELDS.has(def.key) ? organisationHref(v) : null)),
			list: def.kind === 'list',
			note: eur === null ? null : MESSAGES[lang].eurApprox(formatEur(eur, lang), formatDay(EUR_RATES_DATE, lang)),
			quotes: p.sources.flatMap((s) =>
				s.quotes.filter((q) => q.field === def.key).map((q) => ({ snippet: q.snippet, source: s.title, url: s.url }))
			)
		};
	});
}
