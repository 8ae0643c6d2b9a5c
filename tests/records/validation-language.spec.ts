/** Validation speaks the reader's language; the English message stays what the JSON API answers. */
import { describe, expect, it } from 'vitest';
import { fieldDef } from '../../src/lib/records/fields';
import { issueText } from '../../src/lib/records/kinds';
import { validateField, validateInputs, validateRecord } from '../../src/lib/records/validate';
import { inputsFromRecord } from '../../src/lib/records/kinds';
import { validRecord } from '../helpers/records';
import { refuse } from '../../src/lib/server/refusal';

describe('validation in four languages', () => {
	it('words a hint for each reader, and keeps English as the message', () => {
		const [issue] = validateField(fieldDef('participants'), 'many');
		expect(issue.message).toBe('Write a whole number, e.g. 120.');
		expect(issueText(issue, 'en')).toBe('Write a whole number, e.g. 120.');
		expect(issueText(issue, 'da')).toBe('Skriv et helt tal, f.eks. 120.');
		expect(issueText(issue, 'sv')).toBe('Skriv ett heltal, t.ex. 120.');
		expect(issueText(issue, 'no')).toBe('Skriv et helt tall, f.eks. 120.');
	});

	it('names the field in the reader language when it is required, and words cross-field blockers too', () => {
		const inputs = inputsFromRecord(validRecord({ startDate: '2025-06-01', endDate: '2025-01-01' }));
		const issues = validateInputs({ ...inputs, title: ' ' });
		const title = issues.find((i) => i.field === 'title')!;
		expect(issueText(title, 'en')).toBe(`${fieldDef('title').labels.en} is required.`);
		expect(issueText(title, 'da')).toBe(`${fieldDef('title').labels.da} skal udfyldes.`);
		const end = issues.find((i) => i.field === 'endDate')!;
		expect(end.message).toBe('The end date is before the start date (2025-06-01).');
		expect(issueText(end, 'da')).toBe('Slutdatoen ligger før startdatoen (2025-06-01).');
	});

	it('keeps an issue plain data, so it survives the trip to the page', () => {
		const issues = validateRecord(validRecord({ country: 'SE', nuts: 'DK01' }));
		expect(JSON.parse(JSON.stringify(issues))).toEqual(issues);
		expect(issueText(issues[0], 'sv')).toBe('DK01 är en region i DK, men landet är SE.');
	});

	it('words a common refusal in every language and keeps the English message', () => {
		const refusal = refuse('not_found', (t) => t.noRecord);
		expect(refusal).toMatchObject({ status: 404, code: 'not_found', message: 'No record with that id.' });
		expect(refusal.text?.da).toBe('Der findes ingen post med det id.');
		expect(refuse('invalid', 'Something rare.').text).toBeUndefined();
	});
});
