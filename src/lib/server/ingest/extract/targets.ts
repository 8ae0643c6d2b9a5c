import { aggregateClues, sentenceOf } from './aggregates';
import type { Doc } from './doc';
import { found, type Found } from './found';
import type { Span } from './text';

/** Target numbers of participants and companies ("600 personer på 60 företag"), and co-financing rates. */

export type TargetKind = 'participants' | 'companies';

interface TargetMention {
	start: number;
	end: number;
	value: number;
	kind: TargetKind;
	/** Weak nouns ("personer", "employees") only count where the sentence states a goal. */
	weak: boolean;
	noun: string;
}

const NUM = String.raw`\d{1,3}(?:[ \u00a0.]\d{3})+(?!\d)|\d+`;
const ADJ = String.raw`nya|nye|unga|unge|små|och|og|and|&|medelstora|mellomstore|mellemstore|mellanstora|small|medium-sized|medium|sized|lokala|lokale|local|regionala|regionale|regional|deltagande|deltakende|deltagende|participating|olika|ulike|forskellige|different|tillverkande|industriella|new|young|unemployed|arbetslösa|arbeidsledige|ledige|långtidsarbetslösa|nyanlända|kvinnliga|female|enskilda|yngre|äldre|varslade|permitterade|sysselsatta|ytterligare|ytterligere|additional|further|fler|flere|innovative|innovativa|private|privata|offentliga|digitale|digitala|lokala|svenska|norske|danske|unika|unike|aktive|aktiva|active`;
const STRONG_PEOPLE = String.raw`deltagare|deltagarna|deltakere|deltakerne|deltakarar|deltakarane|deltagere|deltagerne|participants|trainees|kursdeltagare|kursdeltakere|elever|studenter|students|lärlingar|lærlinger|lærlingar|apprentices`;
const WEAK_PEOPLE = String.raw`vuxna|voksne|vaksne|adults|young people|youths|unga vuxna|personer|individer|people|persons|individuals|medarbetare|anställda|ansatte|tilsette|medarbeidere|medarbejdere|employees|workers|arbetstagare|ungdomar|ungdommer|kvinnor|kvinner|kvinder|jobbsökande|arbetssökande|arbeidssøkere|jobsøgende|job seekers|jobseekers|långtidsarbetslösa|nyanlända`;
const COMPANIES = String.raw`företag|bedrifter|bedrifta|verksemder|virksomheter|virksomheder|companies|firms|enterprises|businesses|SMEs|SME:er|SMF|SMB|SMB-er|SMB’er|SMB'er|SMV'er|SMV’er|SMV-er|arbetsgivare|arbeidsgivere|arbejdsgivere|employers|mikroföretag|småföretag|småbedrifter`;

const TARGET = new RegExp(
	String.raw`(?<![\p{L}\d.,])(?<num>${NUM})\s+(?:(?:${ADJ})\s+){0,4}(?:(?<strong>${STRONG_PEOPLE})|(?<weak>${WEAK_PEOPLE})|(?<company>${COMPANIES}))(?![\p{L}])`,
	'giu'
);

const GOAL =
	/(?<![\p{L}])(?:nå|når|reach\p{L}*|samla|kompetensutveckl\p{L}*|utbild\p{L}*|utdann\p{L}*|uddann\p{L}*|train\p{L}*|involvera|involvere|involve|engagera|delta|deltar|ta del|omfatta|omfatte|erbjud\p{L}*|tilby\p{L}*|mål\p{L}*|goal|aim\p{L}*|target\p{L}*|ska|skal|will|planerar|planlegger|beräknas|forventes|forventer|expected|räknar med|regner med|rekryter\p{L}*|rekrutter\p{L}*|stötta|støtte|hjälpa|hjelpe|hjælpe|coach\p{L}*|matcha|benefit|gynna)(?![\p{L}])/iu;
const PROJECT_WORD = /(?<![\p{L}])(?:projektet|prosjektet|projekt|prosjekt|project|satsningen|satsingen)(?![\p{L}])/iu;

function findTargets(text: string, scope: Span): TargetMention[] {
	const out: TargetMention[] = [];
	for (const m of text.slice(scope.start, scope.end).matchAll(TARGET)) {
		const g = m.groups ?? {};
		const value = Number(g.num.replace(/[ \u00a0.]/g, ''));
		if (!value) continue;
		const noun = g.strong ?? g.weak ?? g.company ?? '';
		out.push({
			start: scope.start + m.index,
			end: scope.start + m.index + m[0].length,
			value,
			kind: g.company ? 'companies' : 'participants',
			weak: !!g.weak,
			noun: noun.toLowerCase()
		});
	}
	return out;
}

export interface TargetContext {
	doc: Doc;
	scope: Span;
	title: string | null;
	/** Where the project's own amount is, if known: figures next to another sum belong to that sum. */
	projectAmount: Span | null;
}

/** The best-supported target of each kind in scope. */
export function findTargetValues(ctx: TargetContext): Record<TargetKind, Found<number> | null> {
	const { doc } = ctx;
	const bestOf: Record<TargetKind, { f: Found<number>; score: number } | null> = { participants: null, companies: null };
	for (const t of findTargets(doc.text, ctx.scope)) {
		const s = sentenceOf(doc, t.start);
		const sentence = doc.text.slice(s.start, s.end);
		const goal = GOAL.test(sentence);
		if (t.weak && !goal) continue;
		const clues = aggregateClues(sentence);
		let score = 1;
		if (goal) score += 1;
		if ((ctx.title && sentence.includes(ctx.title)) || PROJECT_WORD.test(sentence)) score += 1;
		if (clues.plural || clues.pool) score -= 3;
		const otherSum = doc.amounts.some(
			(a) => a.start >= s.start && a.end <= s.end && !(ctx.projectAmount && a.start === ctx.projectAmount.start)
		);
		if (otherSum) score -= 2;
		if (score < 1) continue;
		const rule = `${t.kind}.${doc.lang}.${t.noun.replace(/[^\p{L}]/gu, '')}`;
		const f = found(t.value, t.start, t.end, rule, Math.min(0.9, 0.5 + 0.1 * score));
		const current = bestOf[t.kind];
		if (!current || score > current.score) bestOf[t.kind] = { f, score };
	}
	return { participants: bestOf.participants?.f ?? null, companies: bestOf.companies?.f ?? null };
}

const PERCENT = /(?<![\d.,])(\d{1,3}(?:[.,]\d+)?)\s?(?:%|procent|prosent|percent|per cent|pct\.?)(?![\p{L}])/giu;
const COFINANCING =
	/(?:medfinansier\p{L}*|co-?financ\p{L}*|cofinanc\p{L}*|co-?fund\p{L}*|støttegrad\p{L}*|stödandel\p{L}*|stödnivå\p{L}*|støtteandel\p{L}*|tilskudsprocent\p{L}*|tilskuddsandel\p{L}*|eu-stöd\p{L}*|eu-støtte\p{L}*|eu-andel\p{L}*|eu-finansier\p{L}*|esf-stöd\p{L}*|erdf rate|eu contribution|eu-bidrag\p{L}*|aid intensity|støttesats\p{L}*|stödsats\p{L}*|finansieras till|finansieres med|finansiert med|finansieret med)/iu;
const NATIONAL_COFINANCING = /(?:offentlig|nationell|national|kommunal|privat|egen|own|private)\p{L}*\s+(?:med)?finansiering/iu;
const EU_WORD = /(?<![\p{L}])(?:EU|union\p{L}*|ESF\+?|ERUF|ERDF|Interreg|socialfond\p{L}*|regionalfond\p{L}*)(?![\p{L}])/iu;

/** A percentage in a sentence about EU co-financing, as a fraction. */
export function findCofinancingRate(doc: Doc, scope: Span): Found<number> | null {
	for (const s of doc.seg.sentences) {
		if (s.end <= scope.start || s.start >= scope.end) continue;
		const sentence = doc.text.slice(s.start, s.end);
		if (!COFINANCING.test(sentence)) continue;
		if (NATIONAL_COFINANCING.test(sentence) && !EU_WORD.test(sentence)) continue;
		for (const m of sentence.matchAll(PERCENT)) {
			const v = Number(m[1].replace(',', '.')) / 100;
			if (v > 0 && v <= 1) return found(v, s.start + m.index, s.start + m.index + m[0].length, `rate.${doc.lang}.cofinancing`, 0.75);
		}
	}
	return null;
}

export function parseRate(value: string): number | null {
	const m = /(\d{1,3}(?:[.,]\d+)?)\s?(?:%|procent|prosent|percent|per cent|pct\.?)?/iu.exec(value);
	if (!m) return null;
	const v = Number(m[1].replace(',', '.'));
	const fraction = /%|pro|per|pct/i.test(m[0]) || v > 1 ? v / 100 : v;
	return fraction > 0 && fraction <= 1 ? fraction : null;
}
