import { describe, expect, it } from 'vitest';
import { matchPeople, mentionQuery, resolveMentions } from './mentions';

const people = [
	{ id: 'a', name: 'Ana' },
	{ id: 'am', name: 'Ana María López' },
	{ id: 'b', name: 'Björn' }
];

describe('mentions', () => {
	it('resolves names with spaces, the longest first, each once', () => {
		expect(resolveMentions('@ana maría lópez and @Björn, again @björn; also @Ana.', people)).toEqual(['am', 'b', 'a']);
	});
	it('ignores e-mail addresses and names that only start a longer word', () => {
		expect(resolveMentions('mail ana@example.org or @Anabel', people)).toEqual([]);
	});
	it('finds the partial name before the caret', () => {
		const text = 'Please check @Ana M';
		expect(mentionQuery(text, text.length)).toEqual({ start: 13, query: 'Ana M' });
		expect(mentionQuery('no mention', 10)).toBeNull();
		expect(matchPeople('ma', people).map((p) => p.id)).toEqual(['am']);
	});
});
