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
				expect(parts.filter((p) => p.op !== 'added').map((p) => p.text).join('')).toBe(a);
				expect(parts.filter((p) => p.op !== 'removed').map((p) => p.text).join('')).toBe(b);
			})
		);
	});
});
