/**
 * Restore reproduces a version exactly and changes only what differs (issue 14, item 7),
 * over every kind of field in the registry.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FIELDS, type ProjectRecord } from '../../src/lib/records/fields';
import { inputsFromRecord } from '../../src/lib/records/kinds';
import { restoreInputs } from '../../src/lib/records/restore';
import { docToRecord, fieldsMap, readInputs, recordToDoc, touchedFields, writeInputs } from '../../src/lib/records/ydoc';
import { validRecord } from './arbitraries';

function restore(doc: Y.Doc, version: ProjectRecord): Set<string> {
	let touched = new Set<string>();
	const onAfter = (tr: Y.Transaction) => (touched = new Set([...touched, ...touchedFields(doc, tr)]));
	doc.on('afterTransaction', onAfter);
	doc.transact(() => writeInputs(doc, restoreInputs(readInputs(doc), version)));
	doc.off('afterTransaction', onAfter);
	return touched;
}

describe('record <-> Y.Doc <-> restore', () => {
	it('generates every kind of field the registry has', () => {
		const kinds = new Set(FIELDS.map((f) => f.kind));
		const seen = new Set<string>();
		fc.assert(
			fc.property(validRecord, (r) => {
				for (const def of FIELDS)
					if (r[def.key] !== null && !(Array.isArray(r[def.key]) && !(r[def.key] as unknown[]).length)) seen.add(def.kind);
			}),
			{ numRuns: 300 }
		);
		expect([...kinds].filter((k) => !seen.has(k))).toEqual([]);
	});

	it('reads back every record it writes: record -> Y.Doc -> record', () => {
		fc.assert(
			fc.property(validRecord, (r) => {
				expect(docToRecord(recordToDoc(r))).toEqual(r);
			})
		);
	});

	it('restoring any version over any live state gives the version, and touches only the fields that differ', () => {
		fc.assert(
			fc.property(validRecord, validRecord, (live, version) => {
				const doc = recordToDoc(live);
				const touched = restore(doc, version);
				expect(docToRecord(doc)).toEqual(version);
				const differing = FIELDS.filter((def) => JSON.stringify(live[def.key]) !== JSON.stringify(version[def.key])).map((d) => d.key);
				expect([...touched].sort()).toEqual(differing.sort());
			})
		);
	});

	it('keeps what was typed when it already means the version’s value: "50 %" stays, nothing is touched', () => {
		fc.assert(
			fc.property(validRecord, (version) => {
				const doc = recordToDoc(version);
				// Other ways of writing the same values, as editors type them.
				doc.transact(() => {
					const typed = inputsFromRecord(version);
					if (typed.cofinancingRate) fieldsMap(doc).set('cofinancingRate', `${typed.cofinancingRate} %`);
					if (typed.country) fieldsMap(doc).set('country', (typed.country as string).toLowerCase());
					if (typed.participants) fieldsMap(doc).set('participants', ` ${typed.participants} `);
				});
				const before = readInputs(doc);
				expect(restore(doc, version).size).toBe(0);
				expect(readInputs(doc)).toEqual(before);
				expect(docToRecord(doc)).toEqual(version);
			})
		);
	});
});
