/**
 * Why a posted form was refused before its action read it (server/auth/form-fields.ts), in
 * every language. The refusal is data (`FormProblem`); the page words it in its language.
 * Honest forms never meet these: they name a stale page, a tampered form or a script.
 */
import type { Lang } from './lang';

export type FormProblem =
	| { key: 'unreadable' }
	| { key: 'notText'; field: string }
	| { key: 'tooLong'; field: string; max: number }
	| { key: 'tooMany'; field: string; max: number }
	| { key: 'nul'; field: string };

type Words = { [P in FormProblem as P['key']]: (p: P) => string };

const en: Words = {
	unreadable: () => 'The form could not be read; reload the page and try again.',
	notText: ({ field }) => `The field "${field}" must be text.`,
	tooLong: ({ field, max }) => `The field "${field}" is too long (at most ${max} bytes).`,
	tooMany: ({ field, max }) => `Send at most ${max} values of "${field}".`,
	nul: ({ field }) => `The field "${field}" must not contain the character U+0000.`
};

const sv: Words = {
	unreadable: () => 'Formuläret kunde inte läsas; ladda om sidan och försök igen.',
	notText: ({ field }) => `Fältet "${field}" måste vara text.`,
	tooLong: ({ field, max }) => `Fältet "${field}" är för långt (högst ${max} byte).`,
	tooMany: ({ field, max }) => `Skicka högst ${max} värden i "${field}".`,
	nul: ({ field }) => `Fältet "${field}" får inte innehålla tecknet U+0000.`
};

const no: Words = {
	unreadable: () => 'Skjemaet kunne ikke leses; last inn siden på nytt og prøv igjen.',
	notText: ({ field }) => `Feltet «${field}» må være tekst.`,
	tooLong: ({ field, max }) => `Feltet «${field}» er for langt (høyst ${max} byte).`,
	tooMany: ({ field, max }) => `Send høyst ${max} verdier i «${field}».`,
	nul: ({ field }) => `Feltet «${field}» kan ikke inneholde tegnet U+0000.`
};

const da: Words = {
	unreadable: () => 'Formularen kunne ikke læses; genindlæs siden, og prøv igen.',
	notText: ({ field }) => `Feltet "${field}" skal være tekst.`,
	tooLong: ({ field, max }) => `Feltet "${field}" er for langt (højst ${max} byte).`,
	tooMany: ({ field, max }) => `Send højst ${max} værdier i "${field}".`,
	nul: ({ field }) => `Feltet "${field}" må ikke indeholde tegnet U+0000.`
};

export const FORM_MESSAGES: Record<Lang, Words> = { en, sv, no, da };

export function formProblemText(lang: Lang, problem: FormProblem): string {
	const words = FORM_MESSAGES[lang][problem.key] as (p: FormProblem) => string;
	return words(problem);
}
