/**
 * The words of what every visitor may meet whatever page they asked for: error pages and
 * the explanation of a site with nothing approved yet. Kept apart from the public pages'
 * messages so each file stays about one thing.
 */
import type { Lang } from './lang';

const en = {
	emptyTitle: 'No project has been approved yet',
	emptyBody:
		'Projects appear here once an editor has checked a record against its source documents in the workspace and an approver has approved it.',
	emptySignIn: 'Editors and approvers: sign in to the workspace',
	errorTitles: {
		404: 'Page not found',
		403: 'You may not open this page',
		500: 'Something went wrong',
		other: 'This page cannot be shown'
	} as Record<404 | 403 | 500 | 'other', string>,
	errorBodies: {
		404: 'There is nothing at this address. The link may be mistyped, or the page may have moved or been withdrawn.',
		403: 'Your account does not have the role this page needs. An admin can change your role if you need it.',
		500: 'The server could not answer this request. Try again in a moment; if it keeps happening, tell the people who run this site.',
		other: 'The server could not answer this request as it was sent.'
	} as Record<404 | 403 | 500 | 'other', string>,
	errorCode: (status: number) => `Error ${status}`,
	waysOn: 'Where to go from here',
	home: 'Home: all projects',
	signIn: 'Sign in',
	workspace: 'Workspace',
	back: 'Go back'
};

export type SiteMessages = typeof en;

const sv: SiteMessages = {
	emptyTitle: 'Inget projekt har godkänts ännu',
	emptyBody: 'Projekt visas här när en redaktör har granskat en post mot källdokumenten i arbetsytan och en godkännare har godkänt den.',
	emptySignIn: 'Redaktörer och godkännare: logga in i arbetsytan',
	errorTitles: {
		404: 'Sidan finns inte',
		403: 'Du får inte öppna den här sidan',
		500: 'Något gick fel',
		other: 'Sidan kan inte visas'
	},
	errorBodies: {
		404: 'Det finns inget på den här adressen. Länken kan vara felskriven, eller så har sidan flyttats eller dragits tillbaka.',
		403: 'Ditt konto har inte den roll som sidan kräver. En administratör kan ändra din roll om du behöver den.',
		500: 'Servern kunde inte svara på begäran. Försök igen om en stund; om det fortsätter, kontakta dem som driver webbplatsen.',
		other: 'Servern kunde inte svara på begäran så som den skickades.'
	},
	errorCode: (status) => `Fel ${status}`,
	waysOn: 'Vart du kan gå härifrån',
	home: 'Startsidan: alla projekt',
	signIn: 'Logga in',
	workspace: 'Arbetsyta',
	back: 'Gå tillbaka'
};

const no: SiteMessages = {
	emptyTitle: 'Ingen prosjekter er godkjent ennå',
	emptyBody:
		'Prosjekter vises her når en redaktør har kontrollert en post mot kildedokumentene i arbeidsområdet og en godkjenner har godkjent den.',
	emptySignIn: 'Redaktører og godkjennere: logg inn i arbeidsområdet',
	errorTitles: {
		404: 'Siden finnes ikke',
		403: 'Du har ikke tilgang til denne siden',
		500: 'Noe gikk galt',
		other: 'Siden kan ikke vises'
	},
	errorBodies: {
		404: 'Det er ingenting på denne adressen. Lenken kan være feilskrevet, eller siden kan være flyttet eller trukket tilbake.',
		403: 'Kontoen din har ikke rollen denne siden krever. En administrator kan endre rollen din hvis du trenger det.',
		500: 'Serveren kunne ikke svare på forespørselen. Prøv igjen om litt; hvis det fortsetter, si fra til dem som drifter nettstedet.',
		other: 'Serveren kunne ikke svare på forespørselen slik den ble sendt.'
	},
	errorCode: (status) => `Feil ${status}`,
	waysOn: 'Hvor du kan gå herfra',
	home: 'Forsiden: alle prosjekter',
	signIn: 'Logg inn',
	workspace: 'Arbeidsområde',
	back: 'Gå tilbake'
};

const da: SiteMessages = {
	emptyTitle: 'Intet projekt er godkendt endnu',
	emptyBody:
		'Projekter vises her, når en redaktør har kontrolleret en post mod kildedokumenterne i arbejdsområdet, og en godkender har godkendt den.',
	emptySignIn: 'Redaktører og godkendere: log ind i arbejdsområdet',
	errorTitles: {
		404: 'Siden findes ikke',
		403: 'Du har ikke adgang til denne side',
		500: 'Noget gik galt',
		other: 'Siden kan ikke vises'
	},
	errorBodies: {
		404: 'Der er intet på denne adresse. Linket kan være skrevet forkert, eller siden kan være flyttet eller trukket tilbage.',
		403: 'Din konto har ikke den rolle, siden kræver. En administrator kan ændre din rolle, hvis du har brug for det.',
		500: 'Serveren kunne ikke besvare forespørgslen. Prøv igen om lidt; hvis det bliver ved, så sig det til dem, der driver webstedet.',
		other: 'Serveren kunne ikke besvare forespørgslen, som den blev sendt.'
	},
	errorCode: (status) => `Fejl ${status}`,
	waysOn: 'Hvor du kan gå herfra',
	home: 'Forsiden: alle projekter',
	signIn: 'Log ind',
	workspace: 'Arbejdsområde',
	back: 'Gå tilbage'
};

export const SITE_MESSAGES: Record<Lang, SiteMessages> = { en, sv, no, da };

export function errorKind(status: number): 404 | 403 | 500 | 'other' {
	return status === 404 || status === 403 ? status : status >= 500 ? 500 : 'other';
}
