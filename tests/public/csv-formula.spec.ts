/** Formula injection: a cell a spreadsheet would evaluate is never written as a formula, whatever whitespace comes first. */
import { describe, expect, it } from 'vitest';
import { csvCell } from '../../src/lib/records/csv';
import { parseCsv } from './csv-parse';

const LEADS = ['', ' ', '  ', '\n', '\r\n', '\t', ' \n ', '\u00a0', '\u2003'];
const TRIGGERS = ['=', '+', '-', '@'];

describe('csvCell formula guard', () => {
	for (const lead of LEADS) {
		for (const trigger of TRIGGERS) {
			const value = `${lead}${trigger}HYPERLINK("http://evil.example","x")`;
			it(`guards ${JSON.stringify(value.slice(0, lead.length + 1))}…`, () => {
				const [[cell]] = parseCsv(`${csvCell(value)}\r\n`);
				expect(cell.startsWith("'")).toBe(true);
				expect(cell.slice(1)).toBe(value);
			});
		}
	}

	it('leaves ordinary text with leading spaces alone', () => {
		expect(parseCsv(`${csvCell('  Region Skåne')}\r\n`)[0][0]).toBe('  Region Skåne');
		expect(csvCell('a-b=c')).toBe('a-b=c');
	});
});
