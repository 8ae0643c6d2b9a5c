import { aggregateClues } from './aggregates';
import { sentenceOf, type Doc } from './doc';
import { found, type Found } from './found';
import { RULES } from './rules';
import { holdsNotAfterLetter } from './lowered';
import { mayMatch } from './prefilter';
import { norm, type Span } from './text';

/** Target numbers of participants and companies: "600 personer på 60 företag", "200 deltakere", "30 SMEs". */

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

const NUM = String.raw`\d{1,3}(?:[ \u00a0.,]\d{3})+(?!\d)|\d+`;
const ADJ = String.raw`nya|nye|unga|unge|små|och|og|and|&|medelstora|mellomstore|mellemstore|mellanstora|small|medium-sized|medium|sized|lokala|lokale|local|regionala|regionale|regional|deltagande|deltakende|deltagende|participating|olika|ulike|forskellige|different|tillverkande|industriella|new|young|unemployed|arbetslösa|arbeidsledige|ledige|långtidsarbetslösa|nyanlända|kvinnliga|female|enskilda|yngre|äldre|varslade|permitterade|sysselsatta|ytterligare|ytterligere|additional|further|fler|flere|innovative|innovativa|private|privata|offentliga|digitale|digitala|lokala|svenska|norske|danske|unika|unike|aktive|aktiva|active`;
const STRONG_PEOPLE = String.raw`\p{L}*(?:deltagare|deltakere|deltagere)|deltagare|deltagarna|deltakere|deltakerne|deltakarar|deltakarane|deltagere|deltagerne|participants|trainees|learners|kursdeltagare|kursdeltakere|elever|studenter|students|lärlingar|lærlinger|lærlingar|apprentices`;
// Compounds count too: "helsefagarbeidere", "langtidsledige", "kursdeltagare".
const WEAK_PEOPLE = String.raw`\p{L}*(?:arbeidere|arbetare|arbejdere|ledige|arbetslösa|workers)|vuxna|voksne|vaksne|adults|young people|youths|unga vuxna|unga|unge|ungdomar|ungdommer|personer|individer|people|persons|individuals|families|households|medarbetare|anställda|ansatte|tilsette|medarbeidere|medarbejdere|employees|workers|arbetstagare|ungdomar|ungdommer|kvinnor|kvinner|kvinder|jobbsökande|arbetssökande|arbeidssøkere|jobsøgende|job seekers|jobseekers|långtidsarbetslösa|nyanlända|vårdare|sjuksköterskor|undersköterskor|sykepleiere|sygeplejersker|lärare|lærere|lærarar|teachers|nurses|ingenjörer|ingeniører|ingeniørar|engineers|tekniker|teknikere|teknikerar|technicians|chefer|ledare|ledere|leiarar|managers|entreprenörer|gründere|iværksættere|entrepreneurs`;
const COMPANIES = String.raw`företag|bedrifter|bedrifta|verksemder|virksomheter|virksomheder|companies|firms|enterprises|businesses|smes|sme:er|smf|smb|smb-er|smb’er|smb'er|smv'er|smv’er|smv-er|arbetsgivare|arbeidsgivere|arbejdsgivere|employers|providers|mikroföretag|småföretag|småbedrifter|producenter|produsenter|producers|manufacturers|tillverkare`;

// Up to two other describing words ("150 care workers", "300 utrikes födda kvinnor"), but no
// unit or preposition: "60 procent av deltagarna" is no count of participants.
const OTHER_WORD = String.raw`(?!(?:av|af|of|i|in|på|on|per|procent|prosent|percent|år|years|months|månader|kr|kronor|kroner|miljoner|millioner|million|till|til|to|for|för|from|från|fra)\s)[\p{Ll}-]+`;
// Compounds of a company noun ("detailvirksomheder", "landbrugsvirksomheder", "industriföretag")
// and further people a project may aim at ("150 invandrare", "120 borgere").
const COMPANY_COMPOUNDS = String.raw`\p{L}+(?:företag|virksomheder|virksomheter|verksemder|bedrifter|producenter|produsenter)`;
const MORE_PEOPLE = String.raw`invandrare|innvandrere|innvandrarar|indvandrere|immigrants|migrants|flyktingar|flyktninger|flygtninge|refugees|borgere|borgare|innbyggere|innbyggjarar|indbyggere|invånare`;
// The look-behind (no letter, digit, point or comma before the number) is checked before a
// try (notAfterNumber): at the pattern's start the engine would try it at every position.
// Sticky: it is tried only where a run of digits starts (findTargets).
const TARGET = new RegExp(
	String.raw`(?<num>${NUM})\s+(?:(?:${ADJ})\s+){0,4}(?:${OTHER_WORD}\s+){0,2}(?:(?<strong>${STRONG_PEOPLE})|(?<weak>${WEAK_PEOPLE}|${MORE_PEOPLE})|(?<company>${COMPANIES}|${COMPANY_COMPOUNDS}))(?![\p{L}])`,
	'uy'
);
const DIGIT_RUN = /\d+/g;

const GOAL =
	/(?:nå|når|reach\p{L}*|samla|kompetensutveckl\p{L}*|utbild\p{L}*|utdann\p{L}*|uddann\p{L}*|train\p{L}*|involvera|involvere|involve|engagera|delta|deltar|ta del|omfatta|omfatte|erbjud\p{L}*|tilby\p{L}*|mål\p{L}*|goal|aim\p{L}*|target\p{L}*|ska|skal|will|planerar|planlegger|beräknas|forventes|forventer|expected|räknar med|regner med|rekryter\p{L}*|rekrutter\p{L}*|stötta|støtte|hjälpa|hjelpe|hjælpe|help\p{L}*|support\p{L}*|assist\p{L}*|coach\p{L}*|matcha|benefit|gynna|take part|participate)(?![\p{L}])/giu;
const PROJECT_WORD = /(?:projektet|prosjektet|projekt|prosjekt|project|satsningen|satsingen)(?![\p{L}])/giu;

/** lower: the document's lower-cased text (doc.lower). */
function findTargets(lower: string, scope: Span): TargetMention[] {
	const out: TargetMention[] = [];
	const text = lower.slice(scope.start, scope.end);
	// A match opens with a digit that follows no digit (notAfterNumber), so only the first digit
	// of a run can open one: trying there alone finds what a scan of every position would, in
	// the same order, at far fewer tries (most numbers in a text are dates and sums).
	DIGIT_RUN.lastIndex = 0;
	for (let run: RegExpExecArray | null; (run = DIGIT_RUN.exec(text));) {
		if (!notAfterNumber(text, run.index)) continue;
		TARGET.lastIndex = run.index;
		const m = TARGET.exec(text);
		if (!m) continue;
		DIGIT_RUN.lastIndex = TARGET.lastIndex;
		const g = m.groups ?? {};
		const value = Number(g.num.replace(/[ \u00a0.,]/g, ''));
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

const PART_OF_NUMBER_LAST = /[\p{L}\d.,]$/u;

/** What (?<![\p{L}\d.,]) asks at index: a number starts no figure inside a word or another number. */
function notAfterNumber(text: string, index: number): boolean {
	if (index === 0) return true;
	const c = text.charCodeAt(index - 1);
	if (c < 0x80) return !(((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2c);
	return !PART_OF_NUMBER_LAST.test(text.slice(Math.max(0, index - 2), index));
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
	for (const t of mayMatch(TARGET, doc.grams) ? findTargets(doc.lower, ctx.scope) : []) {
		const s = sentenceOf(doc, t.start);
		const sentence = doc.text.slice(s.start, s.end);
		const goal = mayMatch(GOAL, doc.grams) && holdsNotAfterLetter(GOAL, doc.text, doc.lower, s.start, s.end);
		if (t.weak && !goal) continue;
		const clues = aggregateClues(doc, s);
		let score = 1;
		if (goal) score += 1;
		if (
			(ctx.title && sentence.includes(ctx.title)) ||
			(mayMatch(PROJECT_WORD, doc.grams) && holdsNotAfterLetter(PROJECT_WORD, doc.text, doc.lower, s.start, s.end))
		)
			score += 1;
		const sums = doc.amounts.filter((a) => a.start >= s.start && a.end <= s.end);
		// A pool word ("the programme") says a figure is many projects' only beside a sum.
		if (clues.plural || (clues.pool && sums.length)) score -= 3;
		const otherSum = sums.some((a) => !(ctx.projectAmount && a.start === ctx.projectAmount.start));
		if (otherSum) score -= 2;
		if (score < 1) continue;
		const rule = `${t.kind}.${doc.lang}.${norm(t.noun).replace(/\s/g, '-')}`;
		const f = found(
			t.value,
			t.start,
			t.end,
			rule,
			Math.min(RULES['target.prose.max'], RULES['target.prose.base'] + RULES['target.prose.step'] * score)
		);
		const current = bestOf[t.kind];
		if (!current || score > current.score) bestOf[t.kind] = { f, score };
	}
	return { participants: bestOf.participants?.f ?? null, companies: bestOf.companies?.f ?? null };
}
