/** The language a person reads the pages in: their own setting, kept on their account. */
import { eq } from 'drizzle-orm';
import type { Sql } from '../db/sql';
import { isLang, type Lang } from '../../i18n/lang';

/** `''` (follow the browser) or a language code from a form; undefined for anything else. */
export function parseLangSetting(value: FormDataEntryValue | null): Lang | null | undefined {
	if (value === '') return null;
	return isLang(value) ? value : undefined;
}

export async function setUserLang(sql: Sql, userId: string, lang: Lang | null): Promise<void> {
	await sql.db.update(sql.t.users).set({ lang, updatedAt: new Date() }).where(eq(sql.t.users.id, userId));
}
