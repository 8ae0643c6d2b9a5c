/**
 * The language of the public pages: `?lang=sv` in the URL when someone chose one (so a
 * shared link opens in the language it was shared in), else the browser's
 * Accept-Language, else English. Pure: the hook, the loads and the layout share it.
 */
import { UI_LANGS, type UiLang } from '../records/fields';

export type Lang = UiLang;
export const LANGS = UI_LANGS;

/** BCP 47 tags for <html lang> and Intl: the interface is written in bokmål. */
export const LOCALES: Record<Lang, string> = { en: 'en', sv: 'sv', no: 'nb' };

const ALIASES: Record<string, Lang> = { en: 'en', sv: 'sv', no: 'no', nb: 'no', nn: 'no' };

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

export function resolveLang(url: URL, acceptLanguage: string | null): LangChoice {
	const fromUrl = url.searchParams.get('lang');
	const chosen = fromUrl ? langFromTag(fromUrl) : null;
	if (chosen) return { lang: chosen, explicit: true };
	return { lang: fromAcceptLanguage(acceptLanguage) ?? 'en', explicit: false };
}

/** The language of the workspace, administration and sign-in pages (English until they are translated). */
export const WORKSPACE_LANG: Lang = 'en';

/** The public pages are the ones shown in the reader's language; the workspace is English. */
export function isPublicPath(pathname: string): boolean {
	return (
		pathname === '/' ||
		pathname === '/stats' ||
		pathname.startsWith('/projects/') ||
		pathname === '/organisations' ||
		pathname.startsWith('/organisations/')
	);
}
