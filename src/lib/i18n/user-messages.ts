/**
 * The refusals and answers of managing accounts (auth/users.ts, the admin's users page) in
 * every language. A refused change carries its problem as data (`UserProblem`); the admin
 * page words it in the admin's language, and the English words stay the error's message
 * for the CLI and the logs. Role names come from the account dictionary, as on the page.
 */
import type { Role } from '../records/roles';
import { ACCOUNT_MESSAGES } from './account-messages';
import type { Lang } from './lang';

export type UserProblem =
	| { key: 'emailMissing' }
	| { key: 'emailTooLong'; max: number }
	| { key: 'emailInvalid' }
	| { key: 'emailTaken'; email: string }
	| { key: 'nameTooLong'; max: number }
	| { key: 'nameControl' }
	| { key: 'unknownRole'; role: string }
	| { key: 'noUser' }
	| { key: 'lastAdmin'; email: string }
	| { key: 'passwordTooLong'; max: number }
	| { key: 'passwordTooShort'; min: number }
	| { key: 'passwordCommon' }
	| { key: 'passwordIsEmail' };

type Words = { [P in UserProblem as P['key']]: (p: P) => string } & {
	created: (email: string, role: Role) => string;
	roleChanged: (email: string, role: Role) => string;
	disabled: (email: string) => string;
	enabled: (email: string) => string;
	passwordChanged: string;
};

const role = (lang: Lang, r: Role) => ACCOUNT_MESSAGES[lang].roles[r];

const en: Words = {
	emailMissing: () => 'Enter an e-mail address.',
	emailTooLong: ({ max }) => `The e-mail address is too long (at most ${max} characters).`,
	emailInvalid: () => 'Enter an e-mail address such as name@example.org.',
	emailTaken: ({ email }) => `There is already a user with the e-mail address ${email}.`,
	nameTooLong: ({ max }) => `The name is too long (at most ${max} characters).`,
	nameControl: () => 'The name must not contain control characters.',
	unknownRole: ({ role }) => `Unknown role "${role}"; use viewer, editor, approver or admin.`,
	noUser: () => 'No such user.',
	lastAdmin: ({ email }) => `${email} is the last active admin; make another admin first.`,
	passwordTooLong: ({ max }) => `The password is too long (at most ${max} bytes).`,
	passwordTooShort: ({ min }) => `The password must be at least ${min} characters long.`,
	passwordCommon: () => 'That password is one of the most common ones; choose another.',
	passwordIsEmail: () => 'The password must not be the e-mail address.',
	created: (email, r) => `Created ${email} (${role('en', r)}).`,
	roleChanged: (email, r) => `${email} is now ${role('en', r)}.`,
	disabled: (email) => `Disabled ${email}; their sessions have ended.`,
	enabled: (email) => `Enabled ${email}.`,
	passwordChanged: 'Password changed; every session of that user has ended.'
};

const sv: Words = {
	emailMissing: () => 'Skriv en e-postadress.',
	emailTooLong: ({ max }) => `E-postadressen är för lång (högst ${max} tecken).`,
	emailInvalid: () => 'Skriv en e-postadress som namn@example.org.',
	emailTaken: ({ email }) => `Det finns redan en användare med e-postadressen ${email}.`,
	nameTooLong: ({ max }) => `Namnet är för långt (högst ${max} tecken).`,
	nameControl: () => 'Namnet får inte innehålla styrtecken.',
	unknownRole: ({ role }) => `Okänd roll ”${role}”; välj läsare, redaktör, godkännare eller administratör.`,
	noUser: () => 'Ingen sådan användare.',
	lastAdmin: ({ email }) => `${email} är den sista aktiva administratören; gör någon annan till administratör först.`,
	passwordTooLong: ({ max }) => `Lösenordet är för långt (högst ${max} byte).`,
	passwordTooShort: ({ min }) => `Lösenordet måste vara minst ${min} tecken långt.`,
	passwordCommon: () => 'Det lösenordet är ett av de vanligaste; välj ett annat.',
	passwordIsEmail: () => 'Lösenordet får inte vara e-postadressen.',
	created: (email, r) => `Skapade ${email} (${role('sv', r)}).`,
	roleChanged: (email, r) => `${email} är nu ${role('sv', r)}.`,
	disabled: (email) => `Inaktiverade ${email}; personens sessioner har avslutats.`,
	enabled: (email) => `Aktiverade ${email}.`,
	passwordChanged: 'Lösenordet är ändrat; alla sessioner för användaren har avslutats.'
};

const no: Words = {
	emailMissing: () => 'Skriv inn en e-postadresse.',
	emailTooLong: ({ max }) => `E-postadressen er for lang (høyst ${max} tegn).`,
	emailInvalid: () => 'Skriv inn en e-postadresse som navn@example.org.',
	emailTaken: ({ email }) => `Det finnes allerede en bruker med e-postadressen ${email}.`,
	nameTooLong: ({ max }) => `Navnet er for langt (høyst ${max} tegn).`,
	nameControl: () => 'Navnet kan ikke inneholde kontrolltegn.',
	unknownRole: ({ role }) => `Ukjent rolle «${role}»; velg leser, redaktør, godkjenner eller administrator.`,
	noUser: () => 'Ingen slik bruker.',
	lastAdmin: ({ email }) => `${email} er den siste aktive administratoren; gjør en annen til administrator først.`,
	passwordTooLong: ({ max }) => `Passordet er for langt (høyst ${max} byte).`,
	passwordTooShort: ({ min }) => `Passordet må være minst ${min} tegn langt.`,
	passwordCommon: () => 'Det passordet er blant de vanligste; velg et annet.',
	passwordIsEmail: () => 'Passordet kan ikke være e-postadressen.',
	created: (email, r) => `Opprettet ${email} (${role('no', r)}).`,
	roleChanged: (email, r) => `${email} er nå ${role('no', r)}.`,
	disabled: (email) => `Deaktiverte ${email}; øktene til brukeren er avsluttet.`,
	enabled: (email) => `Aktiverte ${email}.`,
	passwordChanged: 'Passordet er endret; alle øktene til brukeren er avsluttet.'
};

const da: Words = {
	emailMissing: () => 'Skriv en e-mailadresse.',
	emailTooLong: ({ max }) => `E-mailadressen er for lang (højst ${max} tegn).`,
	emailInvalid: () => 'Skriv en e-mailadresse som navn@example.org.',
	emailTaken: ({ email }) => `Der findes allerede en bruger med e-mailadressen ${email}.`,
	nameTooLong: ({ max }) => `Navnet er for langt (højst ${max} tegn).`,
	nameControl: () => 'Navnet må ikke indeholde kontroltegn.',
	unknownRole: ({ role }) => `Ukendt rolle »${role}«; vælg læser, redaktør, godkender eller administrator.`,
	noUser: () => 'Ingen sådan bruger.',
	lastAdmin: ({ email }) => `${email} er den sidste aktive administrator; gør en anden til administrator først.`,
	passwordTooLong: ({ max }) => `Adgangskoden er for lang (højst ${max} byte).`,
	passwordTooShort: ({ min }) => `Adgangskoden skal være mindst ${min} tegn lang.`,
	passwordCommon: () => 'Den adgangskode er en af de mest almindelige; vælg en anden.',
	passwordIsEmail: () => 'Adgangskoden må ikke være e-mailadressen.',
	created: (email, r) => `Oprettede ${email} (${role('da', r)}).`,
	roleChanged: (email, r) => `${email} er nu ${role('da', r)}.`,
	disabled: (email) => `Deaktiverede ${email}; brugerens sessioner er afsluttet.`,
	enabled: (email) => `Aktiverede ${email}.`,
	passwordChanged: 'Adgangskoden er ændret; alle brugerens sessioner er afsluttet.'
};

export const USER_MESSAGES: Record<Lang, Words> = { en, sv, no, da };

/** A problem in words of `lang`. */
export function userProblemText(lang: Lang, problem: UserProblem): string {
	return (USER_MESSAGES[lang][problem.key] as (p: UserProblem) => string)(problem);
}
