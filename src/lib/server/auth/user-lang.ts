/** The language a person reads the pages in: their own setting, kept on their account. */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { isLang, type Lang } from '../../i18n/lang';

/** `''` (follow the browser) or a language code from a form; undefined for anything else. */
export function parseLangSetting(value: FormDataEntryValue | null): Lang | null | undefined {
	if (value === '') return null;
	return isLang(value) ? value : undefined;
}

export function setUserLang(db: Pick<Db, 'update'>, userId: string, lang: Lang | null): void {
	db.update(users).set({ lang, updatedAt: new Date() }).where(eq(users.id, userId)).run();
}
