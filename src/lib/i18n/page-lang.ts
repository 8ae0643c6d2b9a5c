/** The language of the page being shown, for components: the root layout puts it in every page's data. */
import { isLang, type Lang } from './lang';

export function langOf(data: Record<string, unknown>): Lang {
	return isLang(data.lang) ? data.lang : 'en';
}
