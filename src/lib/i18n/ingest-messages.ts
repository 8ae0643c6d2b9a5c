/**
 * Why a file did not become a document (ingest/read-document.ts and its formats, ingest-file.ts),
 * in every language. The reason travels as data (`IngestProblem`); the upload page words it in
 * its reader's language, and the English words stay the error's message for `samla ingest`, the
 * JSON API and the logs. A detail in parentheses is a library's own English words, passed on as is.
 */
import type { DocLanguage } from '../records/provenance';
import { formatMegabytes } from './format';
import type { Lang } from './lang';

/** Binary files people send by mistake, named so the reason says what the file is. */
export type BinaryKind = 'oldOffice' | 'png' | 'jpeg' | 'gif' | 'rtf' | 'gzip' | 'program' | 'binary';

export type IngestProblem =
	| { key: 'empty' }
	| { key: 'tooLarge'; size: number; max: number }
	| { key: 'unknownType'; kind: BinaryKind }
	| { key: 'noText' }
	| { key: 'pdfNoText' }
	| { key: 'pdfEncrypted' }
	| { key: 'pdfUnreadable'; detail: string }
	| { key: 'zipNotDocx' }
	| { key: 'docxUnreadable'; detail: string }
	| { key: 'notUtf8' }
	| { key: 'htmlTooDeep'; max: number }
	| { key: 'zipNoDirectory' }
	| { key: 'zipDamaged'; detail?: string }
	| { key: 'zipTooManyEntries'; count: number; max: number }
	| { key: 'zipMethod'; method: number }
	| { key: 'zipBomb'; max: number }
	| { key: 'readFailed'; detail: string }
	| { key: 'storeFailed'; detail: string }
	| { key: 'duplicate'; title: string };

type Words = { [P in IngestProblem as P['key']]: (p: P) => string } & {
	kinds: Record<BinaryKind, string>;
	/** A document whose language the extractor did not recognise. */
	unknownLanguage: string;
};

const mb = (lang: Lang, bytes: number) => formatMegabytes(bytes, lang);
const paren = (detail: string | undefined) => (detail ? ` (${detail})` : '');

const en: Words = {
	empty: () => 'empty file',
	tooLarge: ({ size, max }) => `${mb('en', size)} is over the ${mb('en', max)} limit for one document`,
	unknownType: ({ kind }) => `unknown type: ${en.kinds[kind]}`,
	noText: () => 'empty document (no text in it)',
	pdfNoText: () => 'this PDF has no text (scanned?)',
	pdfEncrypted: () => 'this PDF is encrypted (password-protected); upload a copy without a password',
	pdfUnreadable: ({ detail }) => `not a readable PDF (${detail})`,
	zipNotDocx: () => 'a ZIP archive, not a Word (.docx) document',
	docxUnreadable: ({ detail }) => `not a readable Word document (${detail})`,
	notUtf8: () => 'not valid UTF-8 text (save it as UTF-8)',
	htmlTooDeep: ({ max }) => `HTML nested more than ${max} elements deep: not a page that can be read`,
	zipNoDirectory: () => 'a damaged ZIP archive (no central directory)',
	zipDamaged: ({ detail }) => `a damaged ZIP archive${paren(detail)}`,
	zipTooManyEntries: ({ count, max }) => `a ZIP archive with ${count} entries (at most ${max})`,
	zipMethod: ({ method }) => `a ZIP archive packed with method ${method}, which Samla does not read`,
	zipBomb: ({ max }) => `its contents unpack to more than ${Math.round(max / 1048576)} MB (a ZIP bomb?)`,
	readFailed: ({ detail }) => `could not be read (${detail})`,
	storeFailed: ({ detail }) => `could not be stored (${detail})`,
	duplicate: ({ title }) => `already stored as "${title}"`,
	kinds: {
		oldOffice: 'an old Word/Excel (.doc/.xls) file; save it as .docx or PDF',
		png: 'a PNG image, not a document',
		jpeg: 'a JPEG image, not a document',
		gif: 'a GIF image, not a document',
		rtf: 'an RTF file; save it as .docx or PDF',
		gzip: 'a gzip archive, not a document',
		program: 'a program, not a document',
		binary: 'a binary file (it contains NUL bytes), not a text document'
	},
	unknownLanguage: 'unknown'
};

const sv: Words = {
	empty: () => 'tom fil',
	tooLarge: ({ size, max }) => `${mb('sv', size)} är över gränsen på ${mb('sv', max)} för ett dokument`,
	unknownType: ({ kind }) => `okänd filtyp: ${sv.kinds[kind]}`,
	noText: () => 'tomt dokument (ingen text i det)',
	pdfNoText: () => 'den här PDF-filen har ingen text (skannad?)',
	pdfEncrypted: () => 'den här PDF-filen är krypterad (lösenordsskyddad); ladda upp en kopia utan lösenord',
	pdfUnreadable: ({ detail }) => `ingen läsbar PDF-fil (${detail})`,
	zipNotDocx: () => 'ett ZIP-arkiv, inte ett Word-dokument (.docx)',
	docxUnreadable: ({ detail }) => `inget läsbart Word-dokument (${detail})`,
	notUtf8: () => 'ingen giltig UTF-8-text (spara den som UTF-8)',
	htmlTooDeep: ({ max }) => `HTML nästlad mer än ${max} element djupt: ingen sida som går att läsa`,
	zipNoDirectory: () => 'ett skadat ZIP-arkiv (ingen central katalog)',
	zipDamaged: ({ detail }) => `ett skadat ZIP-arkiv${paren(detail)}`,
	zipTooManyEntries: ({ count, max }) => `ett ZIP-arkiv med ${count} filer (högst ${max})`,
	zipMethod: ({ method }) => `ett ZIP-arkiv packat med metod ${method}, som Samla inte läser`,
	zipBomb: ({ max }) => `innehållet packas upp till mer än ${Math.round(max / 1048576)} MB (en ZIP-bomb?)`,
	readFailed: ({ detail }) => `kunde inte läsas (${detail})`,
	storeFailed: ({ detail }) => `kunde inte sparas (${detail})`,
	duplicate: ({ title }) => `finns redan sparad som ”${title}”`,
	kinds: {
		oldOffice: 'en gammal Word/Excel-fil (.doc/.xls); spara den som .docx eller PDF',
		png: 'en PNG-bild, inget dokument',
		jpeg: 'en JPEG-bild, inget dokument',
		gif: 'en GIF-bild, inget dokument',
		rtf: 'en RTF-fil; spara den som .docx eller PDF',
		gzip: 'ett gzip-arkiv, inget dokument',
		program: 'ett program, inget dokument',
		binary: 'en binärfil (den innehåller NUL-byte), inget textdokument'
	},
	unknownLanguage: 'okänt'
};

const no: Words = {
	empty: () => 'tom fil',
	tooLarge: ({ size, max }) => `${mb('no', size)} er over grensen på ${mb('no', max)} for ett dokument`,
	unknownType: ({ kind }) => `ukjent filtype: ${no.kinds[kind]}`,
	noText: () => 'tomt dokument (ingen tekst i det)',
	pdfNoText: () => 'denne PDF-filen har ingen tekst (skannet?)',
	pdfEncrypted: () => 'denne PDF-filen er kryptert (passordbeskyttet); last opp en kopi uten passord',
	pdfUnreadable: ({ detail }) => `ikke en lesbar PDF-fil (${detail})`,
	zipNotDocx: () => 'et ZIP-arkiv, ikke et Word-dokument (.docx)',
	docxUnreadable: ({ detail }) => `ikke et lesbart Word-dokument (${detail})`,
	notUtf8: () => 'ikke gyldig UTF-8-tekst (lagre den som UTF-8)',
	htmlTooDeep: ({ max }) => `HTML nøstet mer enn ${max} elementer dypt: ikke en side som kan leses`,
	zipNoDirectory: () => 'et skadet ZIP-arkiv (ingen sentral katalog)',
	zipDamaged: ({ detail }) => `et skadet ZIP-arkiv${paren(detail)}`,
	zipTooManyEntries: ({ count, max }) => `et ZIP-arkiv med ${count} filer (høyst ${max})`,
	zipMethod: ({ method }) => `et ZIP-arkiv pakket med metode ${method}, som Samla ikke leser`,
	zipBomb: ({ max }) => `innholdet pakkes ut til mer enn ${Math.round(max / 1048576)} MB (en ZIP-bombe?)`,
	readFailed: ({ detail }) => `kunne ikke leses (${detail})`,
	storeFailed: ({ detail }) => `kunne ikke lagres (${detail})`,
	duplicate: ({ title }) => `er allerede lagret som «${title}»`,
	kinds: {
		oldOffice: 'en gammel Word/Excel-fil (.doc/.xls); lagre den som .docx eller PDF',
		png: 'et PNG-bilde, ikke et dokument',
		jpeg: 'et JPEG-bilde, ikke et dokument',
		gif: 'et GIF-bilde, ikke et dokument',
		rtf: 'en RTF-fil; lagre den som .docx eller PDF',
		gzip: 'et gzip-arkiv, ikke et dokument',
		program: 'et program, ikke et dokument',
		binary: 'en binærfil (den inneholder NUL-byte), ikke et tekstdokument'
	},
	unknownLanguage: 'ukjent'
};

const da: Words = {
	empty: () => 'tom fil',
	tooLarge: ({ size, max }) => `${mb('da', size)} er over grænsen på ${mb('da', max)} for et dokument`,
	unknownType: ({ kind }) => `ukendt filtype: ${da.kinds[kind]}`,
	noText: () => 'tomt dokument (ingen tekst i det)',
	pdfNoText: () => 'denne PDF-fil har ingen tekst (scannet?)',
	pdfEncrypted: () => 'denne PDF-fil er krypteret (beskyttet med adgangskode); upload en kopi uden adgangskode',
	pdfUnreadable: ({ detail }) => `ikke en læsbar PDF-fil (${detail})`,
	zipNotDocx: () => 'et ZIP-arkiv, ikke et Word-dokument (.docx)',
	docxUnreadable: ({ detail }) => `ikke et læsbart Word-dokument (${detail})`,
	notUtf8: () => 'ikke gyldig UTF-8-tekst (gem den som UTF-8)',
	htmlTooDeep: ({ max }) => `HTML indlejret mere end ${max} elementer dybt: ikke en side, der kan læses`,
	zipNoDirectory: () => 'et beskadiget ZIP-arkiv (intet centralt katalog)',
	zipDamaged: ({ detail }) => `et beskadiget ZIP-arkiv${paren(detail)}`,
	zipTooManyEntries: ({ count, max }) => `et ZIP-arkiv med ${count} filer (højst ${max})`,
	zipMethod: ({ method }) => `et ZIP-arkiv pakket med metode ${method}, som Samla ikke læser`,
	zipBomb: ({ max }) => `indholdet pakkes ud til mere end ${Math.round(max / 1048576)} MB (en ZIP-bombe?)`,
	readFailed: ({ detail }) => `kunne ikke læses (${detail})`,
	storeFailed: ({ detail }) => `kunne ikke gemmes (${detail})`,
	duplicate: ({ title }) => `er allerede gemt som »${title}«`,
	kinds: {
		oldOffice: 'en gammel Word/Excel-fil (.doc/.xls); gem den som .docx eller PDF',
		png: 'et PNG-billede, ikke et dokument',
		jpeg: 'et JPEG-billede, ikke et dokument',
		gif: 'et GIF-billede, ikke et dokument',
		rtf: 'en RTF-fil; gem den som .docx eller PDF',
		gzip: 'et gzip-arkiv, ikke et dokument',
		program: 'et program, ikke et dokument',
		binary: 'en binær fil (den indeholder NUL-byte), ikke et tekstdokument'
	},
	unknownLanguage: 'ukendt'
};

export const INGEST_MESSAGES: Record<Lang, Words> = { en, sv, no, da };

/** A problem in words of `lang`. */
export function ingestProblemText(lang: Lang, problem: IngestProblem): string {
	return (INGEST_MESSAGES[lang][problem.key] as (p: IngestProblem) => string)(problem);
}

/** A document's language as stored (a code, or 'unknown') in words of `lang`: the codes read the same everywhere. */
export function documentLanguageText(lang: Lang, code: DocLanguage | string): string {
	return code === 'unknown' ? INGEST_MESSAGES[lang].unknownLanguage : code;
}
