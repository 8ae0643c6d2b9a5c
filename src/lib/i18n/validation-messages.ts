/**
 * The words of validation: the hints under a field in the record editor and the problems
 * that block approval. Issues are made in every language at once (`localize`), so they stay
 * plain data that crosses from server to page and each reader sees their own language;
 * `message` keeps the English text for the JSON API.
 */
import { formatNumber } from './format';
import type { Lang } from './lang';
import { LANGS } from './lang';

const en = {
	required: (label: string) => `${label} is required.`,
	tooLong: (chars: number) => `Keep it to ${formatNumber(chars, 'en')} characters.`,
	tooMany: (items: number) => `Keep it to ${items} entries.`,
	amountMissing: 'The amount is missing.',
	amountNotNumber: 'The amount is not a number (digits, spaces and one decimal mark).',
	currencyMissing: 'Name the currency, e.g. SEK, NOK or EUR.',
	notCurrency: (typed: string) => `${typed} is not an ISO 4217 currency code (e.g. SEK, NOK, EUR).`,
	contactNeedsName: 'A contact needs a name.',
	notEmail: (typed: string) => `${typed} is not an email address.`,
	percentage: 'Write a percentage from 0 to 100, e.g. 40.',
	date: 'Write the date as YYYY-MM-DD, e.g. 2025-03-31.',
	noSuchDay: (typed: string) => `${typed} is not a day in the calendar; check the month and the day.`,
	notCountry: (typed: string) => `${typed} is not an ISO 3166-1 country code. Use two letters, e.g. SE, NO, DK or FI.`,
	wholeNumber: 'Write a whole number, e.g. 120.',
	nutsCapitals: (code: string) => `Write the code in capitals: ${code}.`,
	notNuts: (typed: string) =>
		`${typed} is not a NUTS 2021 code. Use a region's code at level 0 to 3, e.g. SE, SE1, SE11 or SE110 (Greece is EL, the United Kingdom UK).`,
	endBeforeStart: (start: string) => `The end date is before the start date (${start}).`,
	nutsElsewhere: (nuts: string, regionCountry: string, country: string) =>
		`${nuts} is a region in ${regionCountry}, but the country is ${country}.`
};

export type ValidationMessages = typeof en;

const sv: ValidationMessages = {
	required: (label) => `${label} måste fyllas i.`,
	tooLong: (chars) => `Håll dig till högst ${formatNumber(chars, 'sv')} tecken.`,
	tooMany: (items) => `Högst ${items} poster.`,
	amountMissing: 'Beloppet saknas.',
	amountNotNumber: 'Beloppet är inget tal (siffror, mellanslag och ett decimaltecken).',
	currencyMissing: 'Ange valutan, t.ex. SEK, NOK eller EUR.',
	notCurrency: (typed) => `${typed} är ingen valutakod enligt ISO 4217 (t.ex. SEK, NOK, EUR).`,
	contactNeedsName: 'En kontaktperson behöver ett namn.',
	notEmail: (typed) => `${typed} är ingen e-postadress.`,
	percentage: 'Skriv en procentsats från 0 till 100, t.ex. 40.',
	date: 'Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2025-03-31.',
	noSuchDay: (typed) => `${typed} finns inte i kalendern; kontrollera månad och dag.`,
	notCountry: (typed) => `${typed} är ingen landskod enligt ISO 3166-1. Använd två bokstäver, t.ex. SE, NO, DK eller FI.`,
	wholeNumber: 'Skriv ett heltal, t.ex. 120.',
	nutsCapitals: (code) => `Skriv koden med versaler: ${code}.`,
	notNuts: (typed) =>
		`${typed} är ingen NUTS 2021-kod. Använd en regions kod på nivå 0 till 3, t.ex. SE, SE1, SE11 eller SE110 (Grekland är EL, Storbritannien UK).`,
	endBeforeStart: (start) => `Slutdatumet ligger före startdatumet (${start}).`,
	nutsElsewhere: (nuts, regionCountry, country) => `${nuts} är en region i ${regionCountry}, men landet är ${country}.`
};

const no: ValidationMessages = {
	required: (label) => `${label} må fylles ut.`,
	tooLong: (chars) => `Hold deg til høyst ${formatNumber(chars, 'no')} tegn.`,
	tooMany: (items) => `Høyst ${items} oppføringer.`,
	amountMissing: 'Beløpet mangler.',
	amountNotNumber: 'Beløpet er ikke et tall (sifre, mellomrom og ett desimaltegn).',
	currencyMissing: 'Oppgi valutaen, f.eks. SEK, NOK eller EUR.',
	notCurrency: (typed) => `${typed} er ikke en valutakode etter ISO 4217 (f.eks. SEK, NOK, EUR).`,
	contactNeedsName: 'En kontaktperson må ha et navn.',
	notEmail: (typed) => `${typed} er ikke en e-postadresse.`,
	percentage: 'Skriv en prosentsats fra 0 til 100, f.eks. 40.',
	date: 'Skriv datoen som ÅÅÅÅ-MM-DD, f.eks. 2025-03-31.',
	noSuchDay: (typed) => `${typed} finnes ikke i kalenderen; sjekk måned og dag.`,
	notCountry: (typed) => `${typed} er ikke en landkode etter ISO 3166-1. Bruk to bokstaver, f.eks. SE, NO, DK eller FI.`,
	wholeNumber: 'Skriv et helt tall, f.eks. 120.',
	nutsCapitals: (code) => `Skriv koden med store bokstaver: ${code}.`,
	notNuts: (typed) =>
		`${typed} er ikke en NUTS 2021-kode. Bruk koden til en region på nivå 0 til 3, f.eks. SE, SE1, SE11 eller SE110 (Hellas er EL, Storbritannia UK).`,
	endBeforeStart: (start) => `Sluttdatoen er før startdatoen (${start}).`,
	nutsElsewhere: (nuts, regionCountry, country) => `${nuts} er en region i ${regionCountry}, men landet er ${country}.`
};

const da: ValidationMessages = {
	required: (label) => `${label} skal udfyldes.`,
	tooLong: (chars) => `Hold dig til højst ${formatNumber(chars, 'da')} tegn.`,
	tooMany: (items) => `Højst ${items} poster.`,
	amountMissing: 'Beløbet mangler.',
	amountNotNumber: 'Beløbet er ikke et tal (cifre, mellemrum og ét decimaltegn).',
	currencyMissing: 'Angiv valutaen, f.eks. SEK, NOK eller EUR.',
	notCurrency: (typed) => `${typed} er ikke en valutakode efter ISO 4217 (f.eks. SEK, NOK, EUR).`,
	contactNeedsName: 'En kontaktperson skal have et navn.',
	notEmail: (typed) => `${typed} er ikke en e-mailadresse.`,
	percentage: 'Skriv en procentsats fra 0 til 100, f.eks. 40.',
	date: 'Skriv datoen som ÅÅÅÅ-MM-DD, f.eks. 2025-03-31.',
	noSuchDay: (typed) => `${typed} findes ikke i kalenderen; tjek måned og dag.`,
	notCountry: (typed) => `${typed} er ikke en landekode efter ISO 3166-1. Brug to bogstaver, f.eks. SE, NO, DK eller FI.`,
	wholeNumber: 'Skriv et helt tal, f.eks. 120.',
	nutsCapitals: (code) => `Skriv koden med store bogstaver: ${code}.`,
	notNuts: (typed) =>
		`${typed} er ikke en NUTS 2021-kode. Brug koden for en region på niveau 0 til 3, f.eks. SE, SE1, SE11 eller SE110 (Grækenland er EL, Storbritannien UK).`,
	endBeforeStart: (start) => `Slutdatoen ligger før startdatoen (${start}).`,
	nutsElsewhere: (nuts, regionCountry, country) => `${nuts} er en region i ${regionCountry}, men landet er ${country}.`
};

export const VALIDATION_MESSAGES: Record<Lang, ValidationMessages> = { en, sv, no, da };

/** One message as each language words it. */
export type Say = (t: ValidationMessages, lang: Lang) => string;

/** A message in every language: plain data, so it survives the trip from server to page. */
export type Localized = Record<Lang, string>;

export function localize(say: Say): Localized {
	return Object.fromEntries(LANGS.map((lang) => [lang, say(VALIDATION_MESSAGES[lang], lang)])) as Localized;
}
