/** The registry fields a person's change touched, worked out once per change for every extension that asks. */
import type { FieldKey } from '../../../records/fields';
import { touchedFields } from '../../../records/ydoc';
import type { ChangeContext } from '../../docs/extension';

const memo = new WeakMap<ChangeContext, FieldKey[]>();

export function touchedBy(ctx: ChangeContext): FieldKey[] {
	let fields = memo.get(ctx);
	if (!fields) {
		const set = new Set<FieldKey>();
		for (const tr of ctx.transactions) for (const k of touchedFields(ctx.doc, tr)) set.add(k);
		fields = [...set];
		memo.set(ctx, fields);
	}
	return fields;
}
