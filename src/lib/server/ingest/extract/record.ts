import type { Contact, Money, ProjectRecord } from '../../../records/fields';
import type { ExtractedRecord, Provenance } from '../../../records/provenance';
import { aggregateClues, judgeAmount } from './aggregates';
import type { AmountMention } from './amounts';
import type { KeyValue } from './keyvalue';
import { inKeyValue, sentenceOf, withinScope, type Doc } from './doc';
import { best, foundBy, found, type Found } from './found';
import { RULES } from './rules';
import {
	CLAUSE_WORDS,
	FUNCTION_WORDS,
	LEGAL_FORMS,
	GRANT_VERBS,
	PROJECT_PLURALS,
	RECEIVE_VERBS,
	REGION_PARTS,
	REGIONAL_AUTHORITIES,
	SAY_VERBS
} from './lexicon';
import { firstValue, kvAmount, kvDates, kvEntries, kvList, kvNumber, kvNuts, kvRegions, kvString, money } from './kvfields';
import { findFunders, findOwners, findPartners, findProgrammes, siteFunder } from './organisations';
import { findContacts, holdsContactDetail } from './people';
import { readName } from './names';
import { proseDates, sharedDates } from './periods';
import {
	COUNTRY_CODES,
	COUNTRY_NAMES,
	countryOfNameOrCode,
	distinctRegions,
	findListedPlaces,
	findNamedRegions,
	NUTS_CODE,
	type PlaceMention
} from './places';
import type { Unit } from './shapes';
import { findCofinancingRate, parseRate } from './rates';
import { memoized } from './memo';
import { mayMatch } from './prefilter';
import { findTargetValues } from './targets';
import { alternation, collapse, isSpace, norm, testNotAfterLetter, wordMatches, type Span } from './text';
import { chooseTitle, findTitleMentions, headlineTitle } from './titles';

/** One project's values, each with where it was read. */
export interface Draft {
	title: Found<string>;
	reference: Found<string> | null;
	owner: Found<string> | null;
	funder: Found<string> | null;
	programme: Found<string> | null;
	amount: Found<Money> | null;
	cofinancingRate: Found<number> | null;
	startDate: Found<string> | null;
	endDate: Found<string> | null;
	country: Found<string> | null;
	regions: Found<string>[];
	partners: Found<string>[];
	participants: Found<number> | null;
	companies: Found<number> | null;
	summary: Found<string> | null;
	nuts: Found<string> | null;
	contacts: Found<Contact>[];
}

/** What every project of a document shares: who pays, from which programme, in which country, when. */
export interface Shared {
	funder: Found<string> | null;
	programme: Found<string> | null;
	country: Found<string> | null;
	startDate: Found<string> | null;
	endDate: Found<string> | null;
	/** Contact persons of a list of projects, read once for all of them. */
	contacts: Found<Contact>[];
	/** Regions the text before a list or table names: where its projects run unless a line says otherwise. */
	regions: Found<string>[];
	/** "… två projekt där Region Jönköpings län är projektägare": the owner the text before the list gives them all. */
	owner: Found<string> | null;
	/** "Regionalfonden finansierar 60 procent av projektens kostnader" before a list: the rate of every project in it. */
	rate: Found<number> | null;
}

const WHOLE = (doc: Doc): Span => ({ start: 0, end: doc.text.length });

export function sharedContext(doc: Doc, units: Unit[]): Shared {
	const scope = WHOLE(doc);
	const kvFunder = kvString(doc, doc.kv, 'funder', 'funder.kv');
	const kvProgramme = kvString(doc, doc.kv, 'programme', 'programme.kv');
	const programme = kvProgramme ?? best(findProgrammes({ doc, scope }));
	// A list of grants on a regional authority's page is the authority's own (not one project's page on it).
	const funder = kvFunder ?? best(findFunders({ doc, scope })) ?? (units.length >= 2 ? siteFunder(doc) : null);
	const dates = sharedDates(doc);
	const listed = units.flatMap((u) => (u.kind === 'item' && u.owner ? [u.owner.value] : []));
	const contacts = listed.length ? findContacts(doc.text, doc.seg.lines, [...(funder ? [funder.value] : []), ...listed]) : [];
	const firstItem = units.reduce((min, u) => (u.kind === 'item' ? Math.min(min, u.span.start) : min), doc.text.length);
	const regions = firstItem < doc.text.length ? regionsIn(doc, { start: 0, end: firstItem }, doc.masked) : [];
	const owner = firstItem < doc.text.length ? ownerOfAll(doc, { start: 0, end: firstItem }) : null;
	const rate = firstItem < doc.text.length ? findCofinancingRate(doc, { start: 0, end: firstItem }) : null;
	return { funder, programme, country: doc.country, startDate: dates.start, endDate: dates.end, contacts, regions, owner, rate };
}

/** An owner named by its role in a sentence about several projects, before the list of them. */
function ownerOfAll(doc: Doc, scope: Span): Found<string> | null {
	return best(
		findOwners({ doc, scope }).filter(
			(o) => (o.rule === 'owner.is-owner' || o.rule === 'owner.cue') && aggregateClues(doc, sentenceOf(doc, o.start)).plural
		)
	);
}

const HEADLINE_EVENT = new RegExp(String.raw`(?:${GRANT_VERBS}|${RECEIVE_VERBS}|${PROJECT_PLURALS})(?![\p{L}])`, 'giu');

/**
 * A news headline tells what happened ("Departementet gjev 4,4 mill til …", "Nye prosjekt i …"):
 * a grant verb, a sum or a plural "projects" — it is no project's name.
 */
function isNewsHeadline(doc: Doc, h: Span): boolean {
	const text = doc.text.slice(h.start, h.end);
	return (
		(mayMatch(HEADLINE_EVENT, doc.grams) && testNotAfterLetter(HEADLINE_EVENT, text)) ||
		/\d/.test(text) ||
		doc.amounts.some((a) => a.start >= h.start && a.end <= h.end)
	);
}

/** The amount that best reads as this project's grant; none when every sum belongs to something larger. */
function proseAmount(doc: Doc, scope: Span, title: string | null): Found<Money> | null {
	let top: { a: AmountMention; score: number } | null = null;
	for (const a of doc.amounts) {
		if (a.start < scope.start || a.end > scope.end || inKeyValue(doc, a.start)) continue;
		const { score, aggregate } = judgeAmount(doc, a, title);
		if (aggregate || score < 2) continue;
		if (!top || score > top.score) top = { a, score };
	}
	return top
		? money(top.a, top.a.rule, Math.min(RULES['amount.prose.max'], RULES['amount.prose.base'] + RULES['amount.prose.step'] * top.score))
		: null;
}

/**
 * A fact box's total budget ("Projektets totala budget: 3 400 000 kr") is not the grant where
 * the text grants the project a smaller sum ("beslutat att bevilja 1,5 miljoner kronor till projektet X").
 */
function grantOverBudget(kv: Found<Money> | null, prose: Found<Money> | null): Found<Money> | null {
	if (!kv || !prose) return kv ?? prose;
	const budget = kv.confidence <= RULES['amount.kv.budget'];
	return budget && prose.value.currency === kv.value.currency && prose.value.value < kv.value.value ? prose : kv;
}

function regionsIn(doc: Doc, scope: Span, exclude: Span[]): Found<string>[] {
	const named = withinScope(doc, 'named-regions', scope, () => [
		...findNamedRegions(doc.text, doc.lower, doc.grams, doc.index),
		...findListedPlaces(doc.text, doc.lower, doc.country?.value ?? null, doc.grams)
	]);
	// Filtered before sorted (a stable sort keeps the same order): each project of a list sorts only its own places.
	const inScope: PlaceMention[] = [...doc.places, ...named]
		.filter(
			(p) =>
				p.start >= scope.start &&
				p.end <= scope.end &&
				!exclude.some((x) => p.start >= x.start && p.end <= x.end) &&
				!placeOfOthers(doc, p) &&
				!opensCompanyName(doc, p)
		)
		.sort((a, b) => a.start - b.start);
	return distinctRegions(inScope).map((p) => foundBy(p.name, p.start, p.end, 'region.gazetteer'));
}

/** "Sunnfjord Plast AS", "Nord-Trøndelag Stål AS": a place that opens a company's name says where the company is. */
function opensCompanyName(doc: Doc, p: Span): boolean {
	// Only a capitalised word after the place can go on into a company's name.
	if (!/^[ \u00a0]\p{Lu}/u.test(doc.text.slice(p.end, p.end + 2))) return false;
	const n = readName(doc.text, p.start);
	if (!n || n.start !== p.start || n.end <= p.end) return false;
	return doc.text
		.slice(p.end, n.end)
		.split(/\s+/)
		.some((t) => LEGAL_FORMS.has(t));
}

/**
 * Every place where a body of the record is named within scope: a place inside a body's name
 * ("Foreningen Hedmarks bygdekvinner", "Länsstyrelsen i Norrbottens län") says where the body
 * is, not where the project runs.
 */
function namedSpans(doc: Doc, scope: Span, bodies: (Found<string> | null)[], partners: Found<string>[]): Span[] {
	const out: Span[] = [];
	for (const b of [...bodies, ...partners]) {
		if (!b) continue;
		const name = doc.text.slice(b.start, b.end);
		// A partner abroad ("Region Skåne" in a Danish project) does not move the project there.
		if (!name || (isRegionalAuthority(doc, b) && !(partners.includes(b) && isAbroad(doc, b)))) continue;
		for (let at = doc.text.indexOf(name, scope.start); at >= 0 && at + name.length <= scope.end; at = doc.text.indexOf(name, at + 1)) {
			out.push({ start: at, end: at + name.length });
		}
	}
	return out;
}

/** Whether the places in a body's name lie outside the document's country. */
function isAbroad(doc: Doc, body: Span): boolean {
	const own = doc.country?.value;
	return !!own && doc.places.some((p) => p.start >= body.start && p.end <= body.end && p.country !== own);
}

const AUTHORITY_WORD = new RegExp(alternation(REGIONAL_AUTHORITIES));

/** "Region Sörmland", "Vestland fylkeskommune": nothing but a place and an authority word. */
function isRegionalAuthority(doc: Doc, body: Span): boolean {
	let rest = doc.lower.slice(body.start, body.end);
	const places = doc.places.filter((p) => p.start >= body.start && p.end <= body.end);
	if (!places.length) return false;
	for (const p of places.sort((a, b) => b.start - a.start))
		rest = rest.slice(0, p.start - body.start) + ' ' + rest.slice(p.end - body.start);
	return onlyAuthorityWords(rest);
}

/** Whether what is left of a body's name without its places is authority words and function words only; names recur in a source. */
const onlyAuthorityWords = memoized((rest: string): boolean => {
	// Most bodies hold none of the authority words, which one pattern tells: only those they hold are cut out.
	if (AUTHORITY_WORD.test(rest)) for (const w of REGIONAL_AUTHORITIES) if (rest.includes(w)) rest = rest.split(w).join(' ');
	return rest.split(/[\s,()-]+/).every((w) => !w || FUNCTION_WORDS.has(w));
});

/**
 * "Totalt fördelades 84 miljoner kronor till olika satsningar i Skåne och Blekinge": where a
 * sentence spreads a sum over many projects or a region's pool, its places are the programme's.
 */
const SAY_AT = new RegExp(String.raw`(?:${SAY_VERBS})\s+\p{L}`, 'gu');

const REGION_BEFORE = new RegExp(String.raw`(?:${REGIONAL_AUTHORITIES.join('|')})(?![\p{L}])`, 'gu');
const RELATIVES = [...CLAUSE_WORDS].map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|');
/** ", som omfattar …", ", which covers …": a relative clause that lists a region's parts. */
const PARTS_BEFORE = new RegExp(String.raw`,\s*(?:${RELATIVES})\s+(?:${REGION_PARTS})(?![\p{L}])[^.;:!?\n]*$`, 'u');

function placeOfOthers(doc: Doc, p: Span): boolean {
	const s = sentenceOf(doc, p.start);
	// "i regionen Småland och Öarna, som omfattar Kalmar, Jönköpings … län": the parts of a larger region.
	const before = doc.lower.slice(s.start, p.start);
	const parts = mayMatch(PARTS_BEFORE, doc.grams) ? PARTS_BEFORE.exec(before) : null;
	// The relative clause must follow the region it describes, not the project ("Projektet, som drivs av Region X, omfattar …").
	const head = Math.max(0, parts ? parts.index - 60 : 0);
	if (
		parts &&
		((mayMatch(REGION_BEFORE, doc.grams) && testNotAfterLetter(REGION_BEFORE, before.slice(head, parts.index))) ||
			doc.places.some((q) => q.end <= s.start + parts.index && q.start >= s.start + head))
	)
		return true;
	// "…, säger Per-Åke Fredriksson, Regionchef Norra Mellansverige": the speaker's office.
	if (mayMatch(SAY_AT, doc.grams) && testNotAfterLetter(SAY_AT, before)) return true;
	// "Leif Einarsson, chef för Svenska ESF-rådet i Småland och Öarna.": a caption's office.
	const from = Math.max(s.start, doc.text.lastIndexOf('\n', p.start) + 1);
	const opening = /^\s*([^,\n]{3,60}),/u.exec(doc.text.slice(from, p.start));
	if (opening && doc.people.has(opening[1].trim())) return true;
	if (!doc.amounts.some((a) => a.start >= s.start && a.end <= s.end)) return false;
	const clues = aggregateClues(doc, s);
	return clues.plural || clues.total || clues.pool;
}

const NUTS_PROSE = /NUTS[-\s]?\d?[^\n]{0,20}?/g;

function proseNuts(doc: Doc, scope: Span): Found<string> | null {
	for (const m of doc.text.slice(scope.start, scope.end).matchAll(NUTS_PROSE)) {
		const at = scope.start + m.index + m[0].length;
		const code = NUTS_CODE.exec(doc.text.slice(at, at + 30));
		if (code) return foundBy(code[0], at + code.index, at + code.index + code[0].length, 'nuts.prose');
	}
	return null;
}

/** The first paragraph of running text about the project, up to a few sentences. */
function summaryOf(doc: Doc, scope: Span, title: string | null): Found<string> | null {
	const paragraphs = doc.seg.paragraphs.filter(
		(p) =>
			p.start >= scope.start &&
			p.end <= scope.end &&
			!(doc.headline && p.start <= doc.headline.start && p.end >= doc.headline.end && p.end - p.start < 200) &&
			!inKeyValue(doc, p.start) &&
			p.end - p.start >= MIN_PROSE &&
			isProse(doc.text, p.start, p.end)
	);
	const about = (p: Span, within: number) => !!title && doc.text.slice(p.start, p.start + within).includes(title);
	const pick = paragraphs.find((p) => about(p, 80)) ?? paragraphs.find((p) => about(p, p.end - p.start)) ?? paragraphs[0];
	if (!pick) return null;
	let end = pick.end;
	let kept = pick.start;
	for (const s of doc.seg.sentences) {
		if (s.start < pick.start || s.end > pick.end) continue;
		// The summary is public; a contact person's phone or e-mail is personal data and is not.
		if (holdsContactDetail(doc.text.slice(s.start, s.end))) {
			end = kept;
			break;
		}
		end = kept = s.end;
		if (s.end - pick.start >= 300) break;
	}
	if (end <= pick.start) return null;
	return foundBy(collapse(doc.text.slice(pick.start, end)), pick.start, end, 'summary.paragraph');
}

/** Characters of the shortest paragraph of running text: shorter ones are not cut out of the text to be read. */
const MIN_PROSE = 80;

/** Words a paragraph of running text has at least (as countParts counts them). */
const MIN_PROSE_WORDS = 12;
const SENTENCE_STOP = /[.!?]/;

function isProse(text: string, start: number, end: number): boolean {
	return end - start >= MIN_PROSE && hasParts(text, start, end, MIN_PROSE_WORDS) && SENTENCE_STOP.test(text.slice(start, end));
}

/**
 * Whether countParts(text.slice(start, end)) >= min, read in place and only as far as the
 * min-th part: summaries test every paragraph of a document, most of them long.
 */
function hasParts(text: string, start: number, end: number, min: number): boolean {
	let parts = 1;
	for (let i = start; i < end && parts < min; i++) {
		if (isSpace(text.charCodeAt(i)) && (i === start || !isSpace(text.charCodeAt(i - 1)))) parts++;
	}
	return parts >= min;
}

function samePlayer(x: string, y: string): boolean {
	if (!x || !y) return false;
	return x === y || (x.length >= 4 && y.length >= 4 && (x.includes(y) || y.includes(x)));
}

/** Each organisation once, leaving out the owner, the funder and the project itself. */
function dedupe(items: Found<string>[], exclude: (string | undefined)[]): Found<string>[] {
	const out: Found<string>[] = [];
	const excluded = exclude.filter((x): x is string => !!x).map(norm);
	const seen = new Set<string>();
	for (const item of items) {
		const key = norm(item.value);
		if (seen.has(key) || excluded.some((x) => samePlayer(x, key))) continue;
		seen.add(key);
		out.push(item);
	}
	return out;
}

function blank(title: Found<string>, shared: Shared): Draft {
	return {
		title,
		reference: null,
		owner: null,
		funder: shared.funder,
		programme: shared.programme,
		amount: null,
		cofinancingRate: null,
		startDate: null,
		endDate: null,
		country: shared.country,
		regions: [],
		partners: [],
		participants: null,
		companies: null,
		summary: null,
		nuts: null,
		contacts: []
	};
}

/**
 * A project described by a whole document or by one of its key:value entries: key:value
 * values first, running text for the rest.
 */
export function describedProject(doc: Doc, unit: Unit, shared: Shared): Draft | null {
	const scope = unit.kind === 'entry' ? unit.span : WHOLE(doc);
	const entries = unit.kind === 'entry' ? unit.entries : doc.kv;
	const kvTitle = kvString(doc, entries, 'title', 'title.kv');
	const kvAcronym = kvString(doc, entries, 'acronym', 'title.kv.acronym');
	const kvOwner = kvString(doc, entries, 'owner', 'owner.kv');
	const isPage = entries.length >= 2;
	const heading = unit.kind === 'entry' ? unit.heading : null;
	// The names the text gives are read only where no key:value title or entry heading names the project.
	const named = (): Found<string>[] => {
		const headline = unit.kind === 'single' ? headlineTitle(doc, isPage ? 0.2 : 0) : null;
		// A page's own heading names the project better than its acronym.
		return [
			...findTitleMentions({ doc, scope }),
			...(headline ? [headline] : []),
			...(kvAcronym ? [{ ...kvAcronym, confidence: RULES['title.kv.acronym'] }] : [])
		];
	};
	let title = kvTitle ?? heading ?? chooseTitle(doc, named());
	// A grant label wins (no prose sum is read for it); a total budget in a fact box loses to a smaller sum the prose grants.
	const kvSum = kvAmount(doc, entries);
	const proseSum = kvSum && kvSum.confidence > RULES['amount.kv.budget'] ? null : proseAmount(doc, scope, title?.value ?? null);
	const amount = grantOverBudget(kvSum, proseSum);
	const owners = [kvOwner ? ownerWithoutCountry(doc, kvOwner) : null, ...findOwners({ doc, scope })];
	const partnerFinding = findPartners({ doc, scope });
	owners.push(...partnerFinding.owners);
	// "Projektet Karriärväxling får 4,2 mnkr", "Bedriftsnettverket X har fått …": the project that receives is not its own owner.
	const owner = best(owners.filter((o) => !o || !title || !norm(o.value).endsWith(norm(title.value))));
	// "Utlysningen är en satsning …": a subject said to be a project, with no owner, partner or
	// sum of its own, is as likely a call or a scheme; calls give no record.
	if (title?.rule === 'title.subject' && !owner && !amount && !partnerFinding.partners.length) return null;
	if (!title) {
		// A grant to a named owner without a project name: the headline names the project.
		// One entry of several is not named by the page's headline.
		if (!(amount && owner) || !doc.headline || isNewsHeadline(doc, doc.headline) || doc.headline.end <= scope.start) return null;
		title = foundBy(doc.text.slice(doc.headline.start, doc.headline.end), doc.headline.start, doc.headline.end, 'title.headline.fallback');
	}

	const draft = blank(title, shared);
	draft.owner = owner;
	draft.amount = amount;
	draft.reference = kvString(doc, entries, 'reference', 'reference.kv') ?? proseReference(doc, scope);
	const kvFunder = kvString(doc, entries, 'funder', 'funder.kv');
	const kvProgramme = kvString(doc, entries, 'programme', 'programme.kv');
	if (kvProgramme) draft.programme = kvProgramme;
	if (kvFunder) draft.funder = kvFunder;

	const kvPartnerList = kvList(doc, entries, 'partners', 'partner.kv');
	const otherOwners = kvEntries(entries, 'owner')
		.slice(1)
		.flatMap((e) => kvList(doc, [e], 'owner', 'partner.kv.co-owner'));
	draft.partners = dedupe(
		[...(kvPartnerList.length ? kvPartnerList : partnerFinding.partners), ...otherOwners],
		[owner?.value, draft.funder?.value, title.value]
	);

	const rateEntry = kvEntries(entries, 'rate')[0];
	const rateSpan = rateEntry ? firstValue(rateEntry) : null;
	const rate = rateSpan ? parseRate(doc.text.slice(rateSpan.start, rateSpan.end)) : null;
	draft.cofinancingRate =
		rate !== null && rateSpan
			? foundBy(rate, rateSpan.start, rateSpan.end, 'rate.kv')
			: (grantShare(doc, entries) ?? findCofinancingRate(doc, scope));

	const kvD = kvDates(doc, entries);
	const proseD = proseDates(doc, scope);
	draft.startDate = kvD.start ?? proseD.start;
	draft.endDate = kvD.end ?? proseD.end;

	const keyedRegions = kvRegions(doc, entries);
	const partnerSpans = kvEntries(entries, 'partners').flatMap((e) => e.values);
	const bodies = namedSpans(doc, scope, [draft.owner, draft.funder], draft.partners);
	draft.regions = keyedRegions.length ? keyedRegions : regionsIn(doc, scope, [...partnerSpans, ...doc.masked, ...bodies]);
	draft.nuts = kvNuts(doc, entries) ?? proseNuts(doc, scope);

	const projectAmount = amount && !inKeyValue(doc, amount.start) ? amount : null;
	const targets = findTargetValues({ doc, scope, title: title.value, projectAmount });
	draft.participants = kvNumber(doc, entries, 'participants') ?? targets.participants;
	draft.companies = kvNumber(doc, entries, 'companies') ?? targets.companies;

	const kvSummary = kvEntries(entries, 'summary')[0];
	draft.summary = kvSummary?.values.length
		? found(
				collapse(doc.text.slice(kvSummary.values[0].start, kvSummary.values[kvSummary.values.length - 1].end)),
				kvSummary.values[0].start,
				kvSummary.values[kvSummary.values.length - 1].end,
				'summary.kv',
				RULES['summary.kv']
			)
		: summaryOf(doc, scope, title.value);
	// A page in English says where the project is through its lead partner's country.
	const leadCountry = kvOwner ? ownerCountry(doc, kvOwner) : null;
	if (leadCountry && (!draft.country || (doc.lang === 'en' && draft.country.rule !== 'country.kv'))) draft.country = leadCountry;
	draft.contacts = contactsFor(doc, scope, draft);
	return draft;
}

/** Rules by which a line of a list or a grant sentence names the body that grants its own money. */
const OWN_FUNDER_RULES = new Set(['funder.known.grant', 'funder.learned.grant', 'funder.grants', 'funder.grants.fund']);

/** Whether a body named `name` grants money in the text outside span. */
function grantsElsewhere(doc: Doc, name: string, span: Span): boolean {
	const key = norm(name);
	return findFunders({ doc, scope: WHOLE(doc) }).some(
		(f) => OWN_FUNDER_RULES.has(f.rule) && norm(f.value) === key && (f.end <= span.start || f.start >= span.end)
	);
}

/** A project named in one line of a list or one grant sentence; the document's shared values apply. */
export function listedProject(doc: Doc, unit: Extract<Unit, { kind: 'item' }>, shared: Shared): Draft {
	const draft = blank(unit.title, shared);
	// "… får 12,5 mio. kr. fra Regionalfonden", "Innovasjon Norge har også innvilget …": a line's own source.
	const programme = best(findProgrammes({ doc, scope: unit.span }).filter((p) => p.rule.endsWith('.clause')));
	if (programme) draft.programme = programme;
	const funder = best(findFunders({ doc, scope: unit.span }).filter((f) => OWN_FUNDER_RULES.has(f.rule)));
	if (funder) draft.funder = funder;
	// A fund that grants another line's money ("Regionalt forskningsfond Vestland har tildelt …") is not this line's programme.
	const sharedProgramme = draft.programme;
	if (
		funder &&
		!programme &&
		sharedProgramme &&
		norm(sharedProgramme.value) !== norm(funder.value) &&
		grantsElsewhere(doc, sharedProgramme.value, unit.span)
	)
		draft.programme = null;
	draft.owner = unit.owner && norm(unit.owner.value) !== norm(unit.title.value) ? ownerWithoutCountry(doc, unit.owner) : shared.owner;
	if (unit.country) draft.country = unit.country;
	if (unit.amount) draft.amount = money(unit.amount, unit.amount.rule, RULES['amount.list']);
	draft.reference = proseReference(doc, unit.span);
	draft.partners = dedupe(
		[...(unit.partners ?? []), ...findPartners({ doc, scope: unit.span }).partners],
		[draft.owner?.value, draft.funder?.value, unit.title.value]
	);
	const own = regionsIn(doc, unit.span, namedSpans(doc, unit.span, [draft.owner, draft.funder], draft.partners));
	draft.regions = own.length ? own : shared.regions;
	const dates = proseDates(doc, unit.span, true);
	draft.startDate = dates.start ?? shared.startDate;
	draft.endDate = dates.end ?? shared.endDate;
	draft.cofinancingRate = findCofinancingRate(doc, unit.span) ?? shared.rate;
	const targets = findTargetValues({ doc, scope: unit.span, title: unit.title.value, projectAmount: unit.amount });
	draft.participants = targets.participants;
	draft.companies = targets.companies;
	draft.contacts = shared.contacts;
	return draft;
}

const SHARE_IN_PARENTHESES = /\(\s*(\d{1,3}(?:[.,]\d+)?)\s?%\s*\)/u;

/** "EU contribution: SEK 11 360 000 (40 %)": the share beside the grant is the rate. */
function grantShare(doc: Doc, entries: KeyValue[]): Found<number> | null {
	for (const e of kvEntries(entries, 'grant')) {
		const v = firstValue(e);
		const m = v ? SHARE_IN_PARENTHESES.exec(doc.text.slice(v.start, v.end)) : null;
		const rate = m ? parseRate(m[1] + '%') : null;
		if (v && m && rate !== null) return foundBy(rate, v.start + m.index + 1, v.start + m.index + m[0].length - 1, 'rate.kv');
	}
	return null;
}

const REFERENCE_PROSE =
	/(?:diarienummer|diarienr\.?|dnr\.?|ärendenummer|saksnummer|saksnr\.?|journalnummer|journalnr\.?|sagsnummer|sagsnr\.?|project number|reference number|ref\.? nr\.?|projektnummer|prosjektnummer)[\s:.]*([a-z0-9][a-z0-9./-]*\d[a-z0-9./-]*)/gu;

function proseReference(doc: Doc, scope: Span): Found<string> | null {
	if (!mayMatch(REFERENCE_PROSE, doc.grams)) return null;
	for (const m of wordMatches(REFERENCE_PROSE, doc.lower.slice(scope.start, scope.end))) {
		const at = scope.start + m.index + m[0].length - m[1].length;
		const value = doc.text.slice(at, at + m[1].length).replace(/[.,]$/, '');
		return foundBy(value, at, at + value.length, 'reference.prose');
	}
	return null;
}

const OWNER_COUNTRY = new RegExp(String.raw`\s*(?:\((${COUNTRY_NAMES}|${COUNTRY_CODES})\)|,\s*(${COUNTRY_NAMES}))\s*$`, 'u');

function ownerWithoutCountry(doc: Doc, owner: Found<string>): Found<string> {
	const m = OWNER_COUNTRY.exec(doc.text.slice(owner.start, owner.end));
	if (!m) return owner;
	const end = owner.start + m.index;
	return { ...owner, value: collapse(doc.text.slice(owner.start, end)), end };
}

function ownerCountry(doc: Doc, owner: Found<string>): Found<string> | null {
	const m = OWNER_COUNTRY.exec(doc.text.slice(owner.start, owner.end));
	const name = m?.[1] ?? m?.[2];
	const code = name ? countryOfNameOrCode(name) : null;
	if (!m || !name || !code) return null;
	const start = owner.start + m.index + m[0].indexOf(name);
	return foundBy(code, start, start + name.length, 'country.owner');
}

const PARENTHESISED = /\(([^)]+)\)/;

function contactsFor(doc: Doc, scope: Span, draft: Draft): Found<Contact>[] {
	const orgs = [draft.owner?.value, draft.funder?.value, ...draft.partners.map((p) => p.value)].filter((x): x is string => !!x);
	const acronyms: string[] = [];
	for (const o of orgs) {
		const acronym = o.includes('(') ? PARENTHESISED.exec(o)?.[1] : undefined;
		if (acronym) acronyms.push(acronym);
	}
	return findContacts(doc.text.slice(0, scope.end), doc.seg.lines, [...orgs, ...acronyms]).filter((c) => c.start >= scope.start);
}

/**
 * Number(x.toFixed(3)), remembered: a record notes some twenty values, their confidences take few
 * distinct values, and toFixed costs ten times a look-up. Cleared when full, so it stays small.
 */
const rounded = new Map<number, number>();
function threeDecimals(x: number): number {
	let r = rounded.get(x);
	if (r === undefined) {
		if (rounded.size >= 4096) rounded.clear();
		rounded.set(x, (r = Number(x.toFixed(3))));
	}
	return r;
}

export function toExtracted(doc: Doc, d: Draft): ExtractedRecord {
	const provenance: Provenance[] = [];
	const text = doc.text;
	const note = (field: keyof ProjectRecord, f: Found<unknown> | null, index: number | null = null) => {
		if (!f) return;
		provenance.push({
			field,
			index,
			start: f.start,
			end: f.end,
			snippet: text.slice(f.start, f.end),
			rule: f.rule,
			confidence: Math.max(0, Math.min(1, threeDecimals(f.confidence)))
		});
	};
	const single = [
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
		'participants',
		'companies',
		'summary',
		'nuts'
	] as const;
	for (const k of single) note(k, d[k]);
	d.regions.forEach((r, i) => note('regions', r, i));
	d.partners.forEach((p, i) => note('partners', p, i));
	d.contacts.forEach((c, i) => note('contacts', c, i));
	const record: ProjectRecord = {
		title: d.title.value,
		reference: d.reference?.value ?? null,
		owner: d.owner?.value ?? null,
		funder: d.funder?.value ?? null,
		programme: d.programme?.value ?? null,
		amount: d.amount ? { ...d.amount.value } : null,
		cofinancingRate: d.cofinancingRate?.value ?? null,
		startDate: d.startDate?.value ?? null,
		endDate: d.endDate?.value ?? null,
		country: d.country?.value ?? null,
		regions: d.regions.map((r) => r.value),
		partners: d.partners.map((p) => p.value),
		participants: d.participants?.value ?? null,
		companies: d.companies?.value ?? null,
		summary: d.summary?.value ?? null,
		themes: [],
		nuts: d.nuts?.value ?? null,
		contacts: d.contacts.map((c) => ({ ...c.value }))
	};
	return { record, provenance };
}
