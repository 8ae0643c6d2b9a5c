import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffRecords, diffText } from '../../src/lib/records/diff';
import { emptyRecord } from '../../src/lib/records/fields';

describe('diffRecords', () => {
	it('reports added, removed and changed fields, and nothing for equal values', () => {
		const before = { ...emptyRecord('CoSkill'), owner: 'Region Skåne', regions: ['Skåne'], participants: 2000 };
		const after = {
			...before,
			owner: null,
			regions: ['Skåne', 'Blekinge'],
			amount: { value: 32_000_000, currency: 'SEK' }
		};
		expect(diffRecords(before, after)).toEqual([
			{ field: 'owner', kind: 'removed', before: ['Region Skåne'] },
			{ field: 'amount', kind: 'added', after: ['32,000,000 SEK'] },
			{ field: 'regions', kind: 'changed', before: ['Skåne'], after: ['Skåne', 'Blekinge'] }
		]);
		expect(diffRecords(before, structuredClone(before))).toEqual([]);
	});

	it('diffs words inside text fields', () => {
		const before = { ...emptyRecord('Kompetens för grönt skifte'), summary: 'Projektet utbildar 600 personer.' };
		const after = { ...before, title: 'Kompetens för ett grönt skifte' };
		const [change] = diffRecords(before, after);
		expect(change).toMatchObject({ field: 'title', kind: 'changed' });
		expect(change.kind === 'changed' && change.text).toEqual([
			{ op: 'same', text: 'Kompetens för ' },
			{ op: 'added', text: 'ett ' },
			{ op: 'same', text: 'grönt skifte' }
		]);
	});

	it('treats a missing before (first version) as all added', () => {
		const changes = diffRecords(null, { ...emptyRecord('X'), funder: 'Vinnova' });
		expect(changes.map((c) => [c.field, c.kind])).toEqual([
			['title', 'added'],
			['funder', 'added']
		]);
	});
});

describe('diffText', () => {
	it('always rebuilds both texts from its parts', () => {
		fc.assert(
			fc.property(fc.string(), fc.string(), (a, b) => {
				const parts = diffText(a, b);
				expect(
					parts
						.filter((p) => p.op !== 'added')
						.map((p) => p.text)
						.join('')
				).toBe(a);
				expect(
					parts
						.filter((p) => p.op !== 'removed')
						.map((p) => p.text)
						.join('')
				).toBe(b);
			})
		);
	});
});

describe('diffText with Myers’ algorithm', () => {
	/** Length of the longest common subsequence of two word lists, by the textbook table (small inputs only). */
	function lcsLength(a: string[], b: string[]): number {
		const row = new Array<number>(b.length + 1).fill(0);
		for (const x of a) {
			let diag = 0;
			for (let j = 1; j <= b.length; j++) {
				const up = row[j];
				row[j] = x === b[j - 1] ? diag + 1 : Math.max(row[j], row[j - 1]);
				diag = up;
			}
		}
		return row[b.length];
	}
	const words = (s: string) => s.match(/\s+|[^\s]+/g) ?? [];

	it('keeps as many words as the longest common subsequence: the smallest edit', () => {
		const text = fc.array(fc.constantFrom('a', 'b', 'c', ' ', '  '), { maxLength: 30 }).map((w) => w.join(''));
		fc.assert(
			fc.property(text, text, (a, b) => {
				const same = diffText(a, b)
					.filter((p) => p.op === 'same')
					.flatMap((p) => words(p.text));
				expect(same.length).toBe(lcsLength(words(a), words(b)));
			})
		);
	});

	it('marks the one changed word in a 20,000-character summary instead of replacing it whole', () => {
		const before = Array.from({ length: 2_500 }, (_, i) => `ord${i}`).join(' ');
		const after = before.replace('ord1234 ', 'ändrat ');
		const parts = diffText(before, after);
		expect(parts.filter((p) => p.op !== 'same')).toEqual([
			{ op: 'removed', text: 'ord1234' },
			{ op: 'added', text: 'ändrat' }
		]);
	});
});
