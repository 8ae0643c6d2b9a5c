import { describe, expect, it } from 'vitest';
import { segmentText } from '../../src/lib/records/spans';

describe('segmentText', () => {
	it('covers the whole text exactly once, in order', () => {
		const text = 'MITC får 8,8 miljoner till projektet CompCor.';
		const segs = segmentText(text, [
			{ id: 'owner', start: 0, end: 4 },
			{ id: 'amount', start: 9, end: 21 },
			{ id: 'title', start: 37, end: 44 }
		]);
		expect(segs.map((s) => s.text).join('')).toBe(text);
		expect(segs.filter((s) => s.spanIds.length).map((s) => [s.text, s.spanIds])).toEqual([
			['MITC', ['owner']],
			['8,8 miljoner', ['amount']],
			['CompCor', ['title']]
		]);
	});

	it('splits overlapping spans into runs that name every span covering them', () => {
		const segs = segmentText('abcdef', [
			{ id: 'a', start: 0, end: 4 },
			{ id: 'b', start: 2, end: 6 }
		]);
		expect(segs).toEqual([
			{ text: 'ab', start: 0, spanIds: ['a'] },
			{ text: 'cd', start: 2, spanIds: ['a', 'b'] },
			{ text: 'ef', start: 4, spanIds: ['b'] }
		]);
	});

	it('ignores spans outside the text or empty', () => {
		expect(
			segmentText('abc', [
				{ id: 'x', start: 2, end: 9 },
				{ id: 'y', start: 1, end: 1 }
			])
		).toEqual([{ text: 'abc', start: 0, spanIds: [] }]);
	});
});
