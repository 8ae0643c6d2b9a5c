/**
 * The language of every page: `?lang=sv` in the URL when someone chose one on a public
 * page (so a shared link opens in the language it was shared in), else the signed-in
 * person's own setting, else the browser's Accept-Language, else English. Pure: the hook
 * resolves it once per request (locals.lang) and the loads and layout read it from there.
 */
/** The languages every page, message and field label is written in (`no` is bokmål). */
export const LANGS = ['en', 'sv', 'no', 'da'] as const;
export type Lang = (typeof LANGS)[number];

/** BCP 47 tags for <html lang> and Intl: the interface is written in bokmål. */
export const LOCALES: Record<Lang, string> = { en: 'en', sv: 'sv', no: 'nb', da: 'da' };

const ALIASES: Record<string, Lang> = { en: 'en', sv: 'sv', no: 'no', nb: 'no', nn: 'no', da: 'da' };

export function langFromTag(tag: string): Lang | null {
	return ALIASES[tag.trim().toLowerCase().split('-')[0]] ?? null;
}

export function fromAcceptLanguage(header: string | null): Lang | null {
	if (!header) return null;
	const ranked = header
		.split(',')
		.map((part, i) => {
			const [tag, ...params] = part.trim().split(';');
			const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
			return { lang: langFromTag(tag), q: q === undefined ? 1 : Number(q), i };
		})
		.filter((c): c is { lang: Lang; q: number; i: number } => c.lang !== null && c.q > 0)
		.sort((a, b) => b.q - a.q || a.i - b.i);
	return ranked[0]?.lang ?? null;
}

export interface LangChoice {
	lang: Lang;
	/** Chosen in the URL: links keep it so the choice survives navigation. */
	explicit: boolean;
}

export function isLang(v: unknown): v is Lang {
	return typeof v === 'string' && (LANGS as readonly string[]).includes(v);
}

/** `setting` is the signed-in person's own choice (users.lang), null to follow the browser. */
export function resolveLang(url: URL, acceptLanguage: string | null, setting: Lang | null = null): LangChoice {
	const fromUrl = url.searchParams.get('lang');
	const chosen = fromUrl ? langFromTag(fromUrl) : null;
	if (chosen) return { lang: chosen, explicit: true };
	return { lang: setting ?? fromAcceptLanguage(acceptLanguage) ?? 'en', explicit: false };
}

/** The public pages carry the `?lang` choice in their links and offer the language switcher. */
export function isPublicPath(pathname: string): boolean {
	return (
		pathname === '/' ||
		pathname === '/stats' ||
		pathname.startsWith('/projects/') ||
		pathname === '/organisations' ||
		pathname.startsWith('/organisations/')
	);
}
