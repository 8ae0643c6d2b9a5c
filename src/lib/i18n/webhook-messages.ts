/**
 * Why a webhook was not saved (webhooks/webhooks.ts, webhooks/url-guard.ts) and the admin
 * page's own refusals, in every language. The reason travels as data (`WebhookProblem`); the
 * admin page words it in the admin's language, and the English words stay the message for
 * `samla webhook add`, a delivery's log line and the server log.
 */
import { formatNumber } from './format';
import { LANGS, type Lang } from './lang';
import type { Localized } from './validation-messages';

export type WebhookProblem =
	| { key: 'noEvents' }
	| { key: 'unknownEvent'; name: string }
	| { key: 'secretLength'; min: number; max: number }
	| { key: 'urlInvalid' }
	| { key: 'urlScheme' }
	| { key: 'urlCredentials' }
	| { key: 'urlTooLong'; max: number }
	| { key: 'urlSelf' }
	| { key: 'urlPrivate'; address: string }
	| { key: 'hostNotFound'; host: string }
	| { key: 'noWebhook' };

type Words = { [P in WebhookProblem as P['key']]: (p: P) => string };

const en: Words = {
	noEvents: () => 'Choose at least one event.',
	unknownEvent: ({ name }) => `"${name}" is not an event a webhook can receive.`,
	secretLength: ({ min, max }) => `A secret is ${min} to ${max} characters; leave it empty to have one made.`,
	urlInvalid: () => 'Give a full URL, such as https://example.org/hooks/samla.',
	urlScheme: () => 'A webhook URL must start with https:// or http://.',
	urlCredentials: () => 'Put no user name or password in the URL; the signature proves who sent it.',
	urlTooLong: ({ max }) => `That URL is too long (${formatNumber(max, 'en')} characters at most).`,
	urlSelf: () => 'That URL points at this server itself.',
	urlPrivate: ({ address }) =>
		`That URL reaches a private or local address (${address}); webhooks may only call public addresses unless WEBHOOK_ALLOW_PRIVATE=1.`,
	hostNotFound: ({ host }) => `The host "${host}" could not be found.`,
	noWebhook: () => 'No webhook with that id.'
};

const sv: Words = {
	noEvents: () => 'Välj minst en händelse.',
	unknownEvent: ({ name }) => `”${name}” är ingen händelse som en webhook kan ta emot.`,
	secretLength: ({ min, max }) => `En hemlighet är ${min} till ${max} tecken; lämna fältet tomt så skapas en.`,
	urlInvalid: () => 'Ange en fullständig URL, till exempel https://example.org/hooks/samla.',
	urlScheme: () => 'En webhook-URL måste börja med https:// eller http://.',
	urlCredentials: () => 'Skriv inget användarnamn eller lösenord i URL:en; signaturen visar vem som skickade.',
	urlTooLong: ({ max }) => `URL:en är för lång (högst ${formatNumber(max, 'sv')} tecken).`,
	urlSelf: () => 'URL:en pekar på den här servern själv.',
	urlPrivate: ({ address }) =>
		`URL:en når en privat eller lokal adress (${address}); webhooks får bara anropa publika adresser om inte WEBHOOK_ALLOW_PRIVATE=1.`,
	hostNotFound: ({ host }) => `Värden ”${host}” kunde inte hittas.`,
	noWebhook: () => 'Det finns ingen webhook med det id:t.'
};

const no: Words = {
	noEvents: () => 'Velg minst én hendelse.',
	unknownEvent: ({ name }) => `«${name}» er ikke en hendelse en webhook kan motta.`,
	secretLength: ({ min, max }) => `En hemmelighet er ${min} til ${max} tegn; la feltet stå tomt, så lages en.`,
	urlInvalid: () => 'Oppgi en fullstendig URL, for eksempel https://example.org/hooks/samla.',
	urlScheme: () => 'En webhook-URL må begynne med https:// eller http://.',
	urlCredentials: () => 'Ikke skriv brukernavn eller passord i URL-en; signaturen viser hvem som sendte.',
	urlTooLong: ({ max }) => `URL-en er for lang (høyst ${formatNumber(max, 'no')} tegn).`,
	urlSelf: () => 'URL-en peker på denne serveren selv.',
	urlPrivate: ({ address }) =>
		`URL-en når en privat eller lokal adresse (${address}); webhooks kan bare kalle offentlige adresser med mindre WEBHOOK_ALLOW_PRIVATE=1.`,
	hostNotFound: ({ host }) => `Verten «${host}» ble ikke funnet.`,
	noWebhook: () => 'Det finnes ingen webhook med den id-en.'
};

const da: Words = {
	noEvents: () => 'Vælg mindst én hændelse.',
	unknownEvent: ({ name }) => `»${name}« er ikke en hændelse, en webhook kan modtage.`,
	secretLength: ({ min, max }) => `En hemmelighed er ${min} til ${max} tegn; lad feltet være tomt, så laves der en.`,
	urlInvalid: () => 'Angiv en fuldstændig URL, for eksempel https://example.org/hooks/samla.',
	urlScheme: () => 'En webhook-URL skal begynde med https:// eller http://.',
	urlCredentials: () => 'Skriv ikke brugernavn eller adgangskode i URL’en; signaturen viser, hvem der sendte.',
	urlTooLong: ({ max }) => `URL’en er for lang (højst ${formatNumber(max, 'da')} tegn).`,
	urlSelf: () => 'URL’en peger på denne server selv.',
	urlPrivate: ({ address }) =>
		`URL’en når en privat eller lokal adresse (${address}); webhooks må kun kalde offentlige adresser, medmindre WEBHOOK_ALLOW_PRIVATE=1.`,
	hostNotFound: ({ host }) => `Værten »${host}« blev ikke fundet.`,
	noWebhook: () => 'Der findes ingen webhook med det id.'
};

export const WEBHOOK_MESSAGES: Record<Lang, Words> = { en, sv, no, da };

/** A problem in words of `lang`. */
export function webhookProblemText(lang: Lang, problem: WebhookProblem): string {
	return (WEBHOOK_MESSAGES[lang][problem.key] as (p: WebhookProblem) => string)(problem);
}

/** A problem in every language, as a refusal carries it. */
export function localizeWebhookProblem(problem: WebhookProblem): Localized {
	return Object.fromEntries(LANGS.map((lang) => [lang, webhookProblemText(lang, problem)])) as Localized;
}
