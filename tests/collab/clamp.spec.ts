/** Text over a field's limit is cut with a word to the editor, never silently (issue 14, item 8). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clampEdit } from '../../src/lib/collab/bindings';
import { FIELDS, fieldDef } from '../../src/lib/records/fields';

describe('clampEdit', () => {
	it('cuts 100,000 pasted characters to the title’s 500 and returns the 99,500 it left out', () => {
		const max = fieldDef('title').max.chars;
		const paste = 'x'.repeat(100_000);
		const { value, cut } = clampEdit('', paste, max);
		expect(value).toHaveLength(500);
		expect(cut).toHaveLength(99_500);
		expect(value + cut).toBe(paste);
	});

	it('shortens only what was inserted: the text around the caret stays whole', () => {
		const { value, cut } = clampEdit('Start slut', 'Start MITTEN-MITTEN slut', 16);
		// "MITTEN-MITTEN " was inserted before "slut"; 16 leaves room for six of its characters.
		expect(value).toBe('Start MITTENslut');
		expect(cut).toBe('-MITTEN ');
	});

	it('never loses text: what is kept and what is reported cut together are what was typed', () => {
		fc.assert(
			fc.property(
				fc.string({ maxLength: 40 }),
				fc.string({ maxLength: 40 }),
				fc.nat({ max: 40 }),
				fc.nat({ max: 60 }),
				(prev, paste, at, max) => {
					const pos = Math.min(at, prev.length);
					const next = prev.slice(0, pos) + paste + prev.slice(pos);
					const { value, cut } = clampEdit(prev, next, max);
					if (next.length > prev.length && next.length > max) expect(value.length).toBeLessThanOrEqual(Math.max(max, prev.length));
					else expect(cut).toBe('');
					// The cut part is one contiguous piece of the insertion; putting it back gives what was typed.
					expect(value.length + cut.length).toBe(next.length);
				}
			)
		);
	});

	it('does not split an emoji at the cut', () => {
		const { value, cut } = clampEdit('', 'ab😀', 3);
		expect(value).toBe('ab');
		expect(cut).toBe('😀');
	});

	it('leaves edits that fit, and edits that shorten, alone', () => {
		expect(clampEdit('abc', 'abcd', 10)).toEqual({ value: 'abcd', cut: '' });
		expect(clampEdit('x'.repeat(30), 'x'.repeat(29), 10)).toEqual({ value: 'x'.repeat(29), cut: '' });
	});

	it('takes every field’s limit from the registry', () => {
		for (const def of FIELDS) expect(def.max.chars, def.key).toBeGreaterThan(0);
		expect(fieldDef('summary').max.chars).toBe(20_000);
	});
});
