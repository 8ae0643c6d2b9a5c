/**
 * Restoring a version into a live document: which fields to write, and with what. Pure.
 *
 * A field is left alone when what is typed there already reads, without a hint, as the
 * version's value: "50 %" stays "50 %" rather than becoming the "50" the version would
 * be written as, and the field keeps whoever last changed it. Every other field gets the
 * version's value, so the restored record equals the version exactly.
 */
import { FIELDS, type FieldKey, type ProjectRecord } from './fields';
import type { DraftInputs } from './inputs';
import { inputFromValue, valueFromInput } from './kinds';
import { sameValue } from './same';
import { validateField } from './validate';

export function restoreInputs(current: DraftInputs, version: ProjectRecord): Partial<DraftInputs> {
	const writes: Partial<DraftInputs> = {};
	for (const def of FIELDS) {
		const input = current[def.key];
		const holds = sameValue(valueFromInput(def, input), version[def.key]) && validateField(def, input).length === 0;
		if (!holds) writes[def.key as FieldKey] = inputFromValue(def, version[def.key]);
	}
	return writes;
}
