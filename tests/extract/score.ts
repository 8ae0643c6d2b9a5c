/**
 * A scorer for extracted records against truth files, following the rules of the shared
 * evaluation: records are paired by title, then each scored field counts as a true
 * positive, false positive and/or false negative; strings compare ignoring case,
 * diacritics and punctuation, or by a word overlap of at least 75 %.
 */

export const SCORED_FIELDS = [
	'title',
	'reference',
	'owner',
	'funder',
	'programme',
	'amount',
	'cofinancingRate',
	'startDate',
	'endDate',
	'country',
	'regions',
	'partners',
	'participants',
	'companies'
] as const;

type Field = (typeof SCORED_FIELDS)[number];
const LIST_FIELDS = new Set<Field>(['regions', 'partners']);

export interface Counts {
	tp: number;
	fp: number;
	fn: number;
}

export interface Score {
	records: Counts;
	fields: Record<Field, Counts>;
	overall: Counts;
	log: string[];
}

/** Truth files are loosely typed JSON (values may be {anyOf} or {optional}). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the shapes vary by field; checked where read
type Json = any;

const norm = (s: unknown) =>
	String(s)
		.replace(/[øØ]/g, 'o')
		.replace(/[æÆ]/g, 'ae')
		.replace(/ß/g, 'ss')
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
const tokens = (s: unknown) => new Set(norm(s).split(' ').filter(Boolean));

function jaccard(a: unknown, b: unknown): number {
	const A = tokens(a);
	const B = tokens(b);
	if (!A.size || !B.size) return 0;
	let inter = 0;
	for (const t of A) if (B.has(t)) inter++;
	return inter / (A.size + B.size - inter);
}

const alternatives = (v: Json): Json[] => (v && typeof v === 'object' && Array.isArray(v.anyOf) ? v.anyOf : [v]);
const isOptional = (v: Json) => v !== null && typeof v === 'object' && 'optional' in v;
const isEmpty = (v: Json) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

function stringMatches(truth: Json, pred: Json): boolean {
	if (typeof pred !== 'string') return false;
	return alternatives(truth).some((t) => norm(t) === norm(pred) || jaccard(t, pred) >= 0.75);
}

function valueMatches(field: Field, truth: Json, pred: Json): boolean {
	if (isEmpty(pred)) return false;
	switch (field) {
		case 'amount':
			return (
				typeof pred === 'object' &&
				Number(pred.value) > 0 &&
				Math.abs(Number(pred.value) - truth.value) <= 0.005 * truth.value &&
				String(pred.currency).toUpperCase() === String(truth.currency).toUpperCase()
			);
		case 'cofinancingRate':
			return Math.abs(Number(pred) - truth) < 0.005;
		case 'country':
			return String(pred).toUpperCase() === String(truth).toUpperCase();
		case 'startDate':
		case 'endDate':
			return String(pred).slice(0, 10) === truth;
		case 'participants':
		case 'companies':
			return Number(pred) === truth;
		default:
			return stringMatches(truth, pred);
	}
}

function titleSimilarity(truth: Json, pred: Json): number {
	const p = pred?.title;
	if (typeof p !== 'string' || !p.trim()) return 0;
	let best = 0;
	for (const n of [truth.title, ...(truth.aliases ?? [])]) {
		if (norm(n) === norm(p)) return 1;
		best = Math.max(best, jaccard(n, p));
		const a = norm(n);
		const b = norm(p);
		if (a.length >= 4 && b.length >= 4 && (a.includes(b) || b.includes(a))) best = Math.max(best, 0.6);
	}
	return best;
}

export function score(truthDocs: { document: string; records: Json[] }[], predicted: Map<string, Json[]>): Score {
	const fields = Object.fromEntries(SCORED_FIELDS.map((f) => [f, { tp: 0, fp: 0, fn: 0 }])) as Record<Field, Counts>;
	const records: Counts = { tp: 0, fp: 0, fn: 0 };
	const log: string[] = [];

	const scoreList = (field: Field, truthList: Json[], predList: Json, where: string) => {
		const p = Array.isArray(predList) ? [...predList] : [];
		for (const tv of truthList ?? []) {
			const optional = isOptional(tv);
			const want = optional ? tv.optional : tv;
			const i = p.findIndex((pv) => stringMatches(want, pv));
			if (i >= 0) {
				fields[field].tp++;
				p.splice(i, 1);
			} else if (!optional) {
				fields[field].fn++;
				log.push(`${where} ${field}: missing ${JSON.stringify(tv)}`);
			}
		}
		for (const pv of p) {
			fields[field].fp++;
			log.push(`${where} ${field}: extra ${JSON.stringify(pv)}`);
		}
	};
	const scorePair = (truth: Json, pred: Json, where: string) => {
		for (const f of SCORED_FIELDS) {
			let tv = truth ? truth[f] : undefined;
			const pv = pred ? pred[f] : undefined;
			// An alias is another accepted spelling of the title, for the title field too.
			if (f === 'title' && truth?.aliases?.length && typeof tv === 'string') tv = { anyOf: [tv, ...truth.aliases] };
			if (LIST_FIELDS.has(f)) {
				scoreList(f, tv, pv, where);
				continue;
			}
			if (isOptional(tv)) {
				if (isEmpty(pv)) continue;
				tv = tv.optional;
			}
			if (isEmpty(tv)) {
				if (!isEmpty(pv)) {
					fields[f].fp++;
					log.push(`${where} ${f}: extra ${JSON.stringify(pv)}`);
				}
			} else if (isEmpty(pv)) {
				fields[f].fn++;
				log.push(`${where} ${f}: missing ${JSON.stringify(tv)}`);
			} else if (valueMatches(f, tv, pv)) {
				fields[f].tp++;
			} else {
				fields[f].fp++;
				fields[f].fn++;
				log.push(`${where} ${f}: got ${JSON.stringify(pv)}, want ${JSON.stringify(tv)}`);
			}
		}
	};

	for (const truth of truthDocs) {
		const preds = predicted.get(truth.document) ?? [];
		const truths = truth.records ?? [];
		const pairs: [number, number, number][] = [];
		truths.forEach((t, i) =>
			preds.forEach((p, j) => {
				const s = titleSimilarity(t, p);
				if (s >= 0.5) pairs.push([s, i, j]);
			})
		);
		pairs.sort((a, b) => b[0] - a[0]);
		const usedT = new Set<number>();
		const usedP = new Set<number>();
		for (const [, i, j] of pairs) {
			if (usedT.has(i) || usedP.has(j)) continue;
			usedT.add(i);
			usedP.add(j);
			records.tp++;
			scorePair(truths[i], preds[j], `${truth.document} [${truths[i].title}]`);
		}
		truths.forEach((t, i) => {
			if (usedT.has(i)) return;
			records.fn++;
			log.push(`${truth.document}: record not found: ${t.title}`);
			scorePair(t, null, `${truth.document} [${t.title}]`);
		});
		preds.forEach((p, j) => {
			if (usedP.has(j)) return;
			records.fp++;
			log.push(`${truth.document}: extra record: ${JSON.stringify(p?.title)}`);
			scorePair(null, p, `${truth.document} [extra]`);
		});
	}
	const overall = Object.values(fields).reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
	return { records, fields, overall, log };
}

export function f1({ tp, fp, fn }: Counts): number {
	const p = tp + fp ? tp / (tp + fp) : 0;
	const r = tp + fn ? tp / (tp + fn) : 0;
	return p + r ? (2 * p * r) / (p + r) : 0;
}
