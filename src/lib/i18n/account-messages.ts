/**
 * The words of signing in and out, the person's own account page, the administration
 * pages and the header every page shares (its sign-out button, the role names).
 */
import type { Role } from '../records/roles';
import type { Lang } from './lang';

const en = {
	chrome: { admin: 'Admin', signOut: 'Sign out', account: 'My account' },
	roles: { viewer: 'viewer', editor: 'editor', approver: 'approver', admin: 'admin' } as Record<Role, string>,
	login: {
		title: 'Sign in',
		intro: 'For editors, approvers and admins. Approved records are public and need no account.',
		email: 'E-mail address',
		password: 'Password',
		submit: 'Sign in',
		pending: 'Signing in…',
		missing: 'Enter your e-mail address and your password.',
		wrong: 'Wrong e-mail address or password.',
		throttled: (minutes: number) => `Too many failed sign-ins; try again in ${minutes === 1 ? '1 minute' : `${minutes} minutes`}.`
	},
	logout: { title: 'Sign out', submit: 'Sign out' },
	account: {
		title: 'My account',
		signedInAs: (name: string, email: string, role: string) => `Signed in as ${name} (${email}), ${role}.`,
		language: 'Language',
		languageIntro: 'The language of every page for you, whichever browser you use. Without a choice, the browser’s language is used.',
		followBrowser: 'As the browser says',
		save: 'Save',
		saved: 'Saved.',
		badLanguage: 'Choose one of the languages in the list.'
	},
	admin: {
		title: 'Administration',
		users: 'Users',
		usersNote: 'create accounts, change roles, disable, reset passwords.',
		audit: 'Audit log',
		webhooks: 'Webhooks',
		auditNote: 'sign-ins and changes to users, newest first.',
		nav: 'Administration'
	},
	users: {
		title: 'Users',
		create: 'Create a user',
		email: 'E-mail address',
		name: 'Name',
		role: 'Role',
		password: 'Password (at least 10 characters)',
		createButton: 'Create',
		colUser: 'User',
		colRole: 'Role',
		colStatus: 'Status',
		colReset: 'Reset password',
		you: ' (you)',
		since: (day: string) => `since ${day}`,
		roleOf: (email: string) => `Role of ${email}`,
		change: 'Change',
		disabled: 'Disabled',
		active: 'Active',
		enable: 'Enable',
		disable: 'Disable',
		newPassword: (email: string) => `New password for ${email}`,
		set: 'Set'
	},
	audit: {
		title: 'Audit log',
		total: (n: number, filtered: boolean) =>
			`${n === 1 ? '1 entry' : `${n} entries`}${filtered ? (n === 1 ? ' matches these filters' : ' match these filters') : ''}, newest first.`,
		filter: 'Filter the audit log',
		person: 'Person',
		anyone: 'Anyone',
		action: 'Action',
		anyAction: 'Any action',
		from: 'From',
		to: 'To',
		submit: 'Filter',
		clear: 'Clear filters',
		noMatch: 'No entry matches these filters.',
		nothing: 'Nothing has been recorded yet.',
		pages: 'Pages',
		newer: '← Newer',
		older: 'Older →',
		pageOf: (p: number, n: number) => `Page ${p} of ${n}`
	}
};

export type AccountMessages = typeof en;

const sv: AccountMessages = {
	chrome: { admin: 'Administration', signOut: 'Logga ut', account: 'Mitt konto' },
	roles: { viewer: 'läsare', editor: 'redaktör', approver: 'godkännare', admin: 'administratör' },
	login: {
		title: 'Logga in',
		intro: 'För redaktörer, godkännare och administratörer. Godkända poster är offentliga och kräver inget konto.',
		email: 'E-postadress',
		password: 'Lösenord',
		submit: 'Logga in',
		pending: 'Loggar in…',
		missing: 'Ange din e-postadress och ditt lösenord.',
		wrong: 'Fel e-postadress eller lösenord.',
		throttled: (minutes) => `För många misslyckade inloggningar; försök igen om ${minutes === 1 ? '1 minut' : `${minutes} minuter`}.`
	},
	logout: { title: 'Logga ut', submit: 'Logga ut' },
	account: {
		title: 'Mitt konto',
		signedInAs: (name, email, role) => `Inloggad som ${name} (${email}), ${role}.`,
		language: 'Språk',
		languageIntro: 'Språket på alla sidor för dig, oavsett vilken webbläsare du använder. Utan ett val används webbläsarens språk.',
		followBrowser: 'Som webbläsaren anger',
		save: 'Spara',
		saved: 'Sparat.',
		badLanguage: 'Välj ett av språken i listan.'
	},
	admin: {
		title: 'Administration',
		users: 'Användare',
		usersNote: 'skapa konton, ändra roller, inaktivera, återställ lösenord.',
		audit: 'Granskningslogg',
		webhooks: 'Webhooks',
		auditNote: 'inloggningar och ändringar av användare, senaste först.',
		nav: 'Administration'
	},
	users: {
		title: 'Användare',
		create: 'Skapa en användare',
		email: 'E-postadress',
		name: 'Namn',
		role: 'Roll',
		password: 'Lösenord (minst 10 tecken)',
		createButton: 'Skapa',
		colUser: 'Användare',
		colRole: 'Roll',
		colStatus: 'Status',
		colReset: 'Återställ lösenord',
		you: ' (du)',
		since: (day) => `sedan ${day}`,
		roleOf: (email) => `Roll för ${email}`,
		change: 'Ändra',
		disabled: 'Inaktiverad',
		active: 'Aktiv',
		enable: 'Aktivera',
		disable: 'Inaktivera',
		newPassword: (email) => `Nytt lösenord för ${email}`,
		set: 'Sätt'
	},
	audit: {
		title: 'Granskningslogg',
		total: (n, filtered) => `${n === 1 ? '1 händelse' : `${n} händelser`}${filtered ? ' som matchar filtren' : ''}, senaste först.`,
		filter: 'Filtrera granskningsloggen',
		person: 'Person',
		anyone: 'Alla',
		action: 'Händelse',
		anyAction: 'Alla händelser',
		from: 'Från',
		to: 'Till',
		submit: 'Filtrera',
		clear: 'Rensa filter',
		noMatch: 'Ingen händelse matchar filtren.',
		nothing: 'Inget har registrerats ännu.',
		pages: 'Sidor',
		newer: '← Nyare',
		older: 'Äldre →',
		pageOf: (p, n) => `Sida ${p} av ${n}`
	}
};

const no: AccountMessages = {
	chrome: { admin: 'Administrasjon', signOut: 'Logg ut', account: 'Min konto' },
	roles: { viewer: 'leser', editor: 'redaktør', approver: 'godkjenner', admin: 'administrator' },
	login: {
		title: 'Logg inn',
		intro: 'For redaktører, godkjennere og administratorer. Godkjente poster er offentlige og krever ingen konto.',
		email: 'E-postadresse',
		password: 'Passord',
		submit: 'Logg inn',
		pending: 'Logger inn…',
		missing: 'Skriv inn e-postadressen og passordet ditt.',
		wrong: 'Feil e-postadresse eller passord.',
		throttled: (minutes) => `For mange mislykkede innlogginger; prøv igjen om ${minutes === 1 ? '1 minutt' : `${minutes} minutter`}.`
	},
	logout: { title: 'Logg ut', submit: 'Logg ut' },
	account: {
		title: 'Min konto',
		signedInAs: (name, email, role) => `Logget inn som ${name} (${email}), ${role}.`,
		language: 'Språk',
		languageIntro: 'Språket på alle sider for deg, uansett hvilken nettleser du bruker. Uten et valg brukes nettleserens språk.',
		followBrowser: 'Som nettleseren angir',
		save: 'Lagre',
		saved: 'Lagret.',
		badLanguage: 'Velg et av språkene i listen.'
	},
	admin: {
		title: 'Administrasjon',
		users: 'Brukere',
		usersNote: 'opprett kontoer, endre roller, deaktiver, tilbakestill passord.',
		audit: 'Revisjonslogg',
		webhooks: 'Webhooks',
		auditNote: 'innlogginger og endringer av brukere, nyeste først.',
		nav: 'Administrasjon'
	},
	users: {
		title: 'Brukere',
		create: 'Opprett en bruker',
		email: 'E-postadresse',
		name: 'Navn',
		role: 'Rolle',
		password: 'Passord (minst 10 tegn)',
		createButton: 'Opprett',
		colUser: 'Bruker',
		colRole: 'Rolle',
		colStatus: 'Status',
		colReset: 'Tilbakestill passord',
		you: ' (deg)',
		since: (day) => `siden ${day}`,
		roleOf: (email) => `Rollen til ${email}`,
		change: 'Endre',
		disabled: 'Deaktivert',
		active: 'Aktiv',
		enable: 'Aktiver',
		disable: 'Deaktiver',
		newPassword: (email) => `Nytt passord for ${email}`,
		set: 'Sett'
	},
	audit: {
		title: 'Revisjonslogg',
		total: (n, filtered) => `${n === 1 ? '1 hendelse' : `${n} hendelser`}${filtered ? ' som passer til filtrene' : ''}, nyeste først.`,
		filter: 'Filtrer revisjonsloggen',
		person: 'Person',
		anyone: 'Alle',
		action: 'Hendelse',
		anyAction: 'Alle hendelser',
		from: 'Fra',
		to: 'Til',
		submit: 'Filtrer',
		clear: 'Fjern filtre',
		noMatch: 'Ingen hendelser passer til filtrene.',
		nothing: 'Ingenting er registrert ennå.',
		pages: 'Sider',
		newer: '← Nyere',
		older: 'Eldre →',
		pageOf: (p, n) => `Side ${p} av ${n}`
	}
};

const da: AccountMessages = {
	chrome: { admin: 'Administration', signOut: 'Log ud', account: 'Min konto' },
	roles: { viewer: 'læser', editor: 'redaktør', approver: 'godkender', admin: 'administrator' },
	login: {
		title: 'Log ind',
		intro: 'For redaktører, godkendere og administratorer. Godkendte poster er offentlige og kræver ingen konto.',
		email: 'E-mailadresse',
		password: 'Adgangskode',
		submit: 'Log ind',
		pending: 'Logger ind…',
		missing: 'Angiv din e-mailadresse og din adgangskode.',
		wrong: 'Forkert e-mailadresse eller adgangskode.',
		throttled: (minutes) => `For mange mislykkede logins; prøv igen om ${minutes === 1 ? '1 minut' : `${minutes} minutter`}.`
	},
	logout: { title: 'Log ud', submit: 'Log ud' },
	account: {
		title: 'Min konto',
		signedInAs: (name, email, role) => `Logget ind som ${name} (${email}), ${role}.`,
		language: 'Sprog',
		languageIntro: 'Sproget på alle sider for dig, uanset hvilken browser du bruger. Uden et valg bruges browserens sprog.',
		followBrowser: 'Som browseren angiver',
		save: 'Gem',
		saved: 'Gemt.',
		badLanguage: 'Vælg et af sprogene på listen.'
	},
	admin: {
		title: 'Administration',
		users: 'Brugere',
		usersNote: 'opret konti, skift roller, deaktivér, nulstil adgangskoder.',
		audit: 'Revisionslog',
		webhooks: 'Webhooks',
		auditNote: 'logins og ændringer af brugere, nyeste først.',
		nav: 'Administration'
	},
	users: {
		title: 'Brugere',
		create: 'Opret en bruger',
		email: 'E-mailadresse',
		name: 'Navn',
		role: 'Rolle',
		password: 'Adgangskode (mindst 10 tegn)',
		createButton: 'Opret',
		colUser: 'Bruger',
		colRole: 'Rolle',
		colStatus: 'Status',
		colReset: 'Nulstil adgangskode',
		you: ' (dig)',
		since: (day) => `siden ${day}`,
		roleOf: (email) => `Rolle for ${email}`,
		change: 'Skift',
		disabled: 'Deaktiveret',
		active: 'Aktiv',
		enable: 'Aktivér',
		disable: 'Deaktivér',
		newPassword: (email) => `Ny adgangskode til ${email}`,
		set: 'Sæt'
	},
	audit: {
		title: 'Revisionslog',
		total: (n, filtered) => `${n === 1 ? '1 hændelse' : `${n} hændelser`}${filtered ? ', der matcher filtrene' : ''}, nyeste først.`,
		filter: 'Filtrér revisionsloggen',
		person: 'Person',
		anyone: 'Alle',
		action: 'Hændelse',
		anyAction: 'Alle hændelser',
		from: 'Fra',
		to: 'Til',
		submit: 'Filtrér',
		clear: 'Ryd filtre',
		noMatch: 'Ingen hændelser matcher filtrene.',
		nothing: 'Intet er registreret endnu.',
		pages: 'Sider',
		newer: '← Nyere',
		older: 'Ældre →',
		pageOf: (p, n) => `Side ${p} af ${n}`
	}
};

export const ACCOUNT_MESSAGES: Record<Lang, AccountMessages> = { en, sv, no, da };
