/**
 * Spreadsheet formula injection (OWASP "CSV injection"): a text cell that a spreadsheet
 * would read as a formula — `=`, `+`, `-` or `@` first, also after leading spaces or line
 * breaks, which Excel and LibreOffice skip — or that starts with a tab or carriage return
 * gets a leading apostrophe, so it is shown as the text it is. Numbers are never passed
 * here: they stay numbers. One function for every export (CSV and XLSX).
 */
const FORMULA = /^\s*[=+\-@]|^[\t\r]/;

export function guardFormula(text: string): string {
	return FORMULA.test(text) ? `'${text}` : text;
}
