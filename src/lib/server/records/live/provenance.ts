/** A value typed by hand is no longer the one a span in the source states: a person's change clears the provenance of the fields it touched. */
import type { FieldKey } from '../../../records/fields';
import type { DocExtension } from '../../docs/extension';
import { FROM_SOURCE } from '../source-provenance';
import { touchedBy } from './touched';

export function provenanceExtension(
	clear: (recordId: string, fields: FieldKey[]) => void | Promise<void>,
	log: (line: string) => void
): DocExtension {
	// Made once, not per keystroke (a closure per call is a defineProperty more under tsx, which keeps function names).
	const failed = (recordId: string, err: unknown) =>
		log(`samla: could not clear the provenance of record ${recordId}: ${(err as Error).message}`);
	return {
		name: 'source provenance',
		afterChange(ctx) {
			if (ctx.origin.label === FROM_SOURCE) return;
			const fields = touchedBy(ctx);
			if (!fields.length) return;
			// The edit is made and stamped already; a failure here must not undo it.
			try {
				// SQLite clears at once; PostgreSQL with the keystroke's append (PgPersistence.clearSpans), which the store waits for.
				clear(ctx.name, fields)?.catch((err: unknown) => failed(ctx.name, err));
			} catch (err) {
				failed(ctx.name, err);
			}
		}
	};
}
