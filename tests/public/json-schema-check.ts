/**
 * The part of JSON Schema 2020-12 that /api/schema.json uses (type, properties, required,
 * additionalProperties: false, items, anyOf, enum, pattern, minimum, maximum, minLength),
 * enough to hold every API answer against the published schema. Returns the problems found.
 */
type Schema = Record<string, unknown>;

function typeOf(v: unknown): string {
	if (v === null) return 'null';
	if (Array.isArray(v)) return 'array';
	if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
	return typeof v;
}

export function validate(schema: Schema, value: unknown, path = '$'): string[] {
	const problems: string[] = [];
	if (schema.anyOf) {
		const ok = (schema.anyOf as Schema[]).some((s) => validate(s, value, path).length === 0);
		return ok ? [] : [`${path}: matches none of anyOf`];
	}
	if (schema.enum && !(schema.enum as unknown[]).includes(value)) problems.push(`${path}: not one of ${JSON.stringify(schema.enum)}`);
	if (schema.type) {
		const t = typeOf(value);
		const ok = schema.type === t || (schema.type === 'number' && t === 'integer');
		if (!ok) return [`${path}: expected ${String(schema.type)}, got ${t}`];
	}
	if (typeof value === 'string') {
		if (schema.pattern && !new RegExp(schema.pattern as string, 'u').test(value))
			problems.push(`${path}: does not match ${String(schema.pattern)}`);
		if (typeof schema.minLength === 'number' && value.length < schema.minLength) problems.push(`${path}: too short`);
	}
	if (typeof value === 'number') {
		if (typeof schema.minimum === 'number' && value < schema.minimum) problems.push(`${path}: below ${schema.minimum}`);
		if (typeof schema.maximum === 'number' && value > schema.maximum) problems.push(`${path}: above ${schema.maximum}`);
	}
	if (Array.isArray(value) && schema.items) value.forEach((v, i) => problems.push(...validate(schema.items as Schema, v, `${path}[${i}]`)));
	if (typeOf(value) === 'object') {
		const obj = value as Record<string, unknown>;
		const props = (schema.properties ?? {}) as Record<string, Schema>;
		for (const r of (schema.required ?? []) as string[]) if (!(r in obj)) problems.push(`${path}.${r}: missing`);
		for (const [k, v] of Object.entries(obj)) {
			if (props[k]) problems.push(...validate(props[k], v, `${path}.${k}`));
			else if (schema.additionalProperties === false) problems.push(`${path}.${k}: not allowed`);
		}
	}
	return problems;
}
