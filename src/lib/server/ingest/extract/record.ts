import type { Contact, Money, ProjectRecord } from '../../../records/fields';
import type { ExtractedRecord, Provenance } from '../../../records/provenance';
import { judgeAmount } from './aggregates';
import { currencyIn, defaultCurrency, parseNumber, type AmountMention } from './amounts';
import { findDates } from './dates';
import type { Doc } from './doc';
import { best, found, type Found } from './found';
import type { KeyValue, KvField } from './keyvalue';
import { FUNDER_OF_PROGRAMME } from './lexicon';
import { orgScore } from './names';
import { findFunders, findOwners, findPartners, findProgrammes } from './organisations';
import { findContacts } from './people';
import { COUNTRY_NAMES, countryCode, distinctRegions, NUTS_CODE, type PlaceMention } from './places';
import { findCofinancingRate, findTargetValues, parseRate } from './targets';
import { collapse, norm, spanIndexAt, trimSpan, type Span } from './text';
import { chooseTitle, findTitleMentions, headlineTitle } from './titles';
import type { Unit } from './shapes';

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
}

const ALL_PROJECTS =
	/(?<![\p{L}])(?:projekten|prosjektene|prosjekta|projekterne|the projects|all projects|each project|alla projekt|samtliga projekt|alle prosjekter|alle projekter|hvert prosjekt|hvert projekt|varje projekt)(?![\p{L}])/iu;

/** Dates stated for all projects at once ("Projekten pågår till och med den 31 december 2026"). */
function sharedDates(doc: Doc): { start: Found<string> | null; end: Found<string> | null } {
	for (const s of doc.seg.sentences) {
		if (!ALL_PROJECTS.test(doc.text.slice(s.start, s.end))) continue;
		const d = proseDates(doc, s);
		if (d.start || d.end) return d;
	}
	return { start: null, end: null };
}

const WHOLE = (doc: Doc): Span => ({ start: 0, end: doc.text.length });

export function sharedContext(doc: Doc): Shared {
	const scope = WHOLE(doc);
	const kvFunder = kvString(doc, doc.kv, 'funder', 'funder.kv');
	const kvProgramme = kvString(doc, doc.kv, 'programme', 'programme.kv');
	const programme = kvProgramme ?? best(findProgrammes({ doc, scope }));
	let funder = kvFunder ?? best(findFunders({ doc, scope }));
	if (!funder && programme) funder = funderOfProgramme(doc, programme);
	const dates = sharedDates(doc);
	return { funder, programme, country: doc.country, startDate: dates.start, endDate: dates.end };
}

/** Bodies that administer a programme in a country stand in for an unnamed funder, with low confidence. */
function funderOfProgramme(doc: Doc, programme: Found<string>): Found<string> | null {
	const country = doc.country?.value;
	for (const { programme: re, country: c, funder } of FUNDER_OF_PROGRAMME) {
		if (c === country && re.test(programme.value)) {
			return found(funder, programme.start, programme.end, `funder.programme.${c}`, 0.35);
		}
	}
	return null;
}

function firstValue(e: KeyValue): Span | null {
	return e.values[0] ?? null;
}

function kvEntries(entries: KeyValue[], field: KvField): KeyValue[] {
	return entries.filter((e) => e.field === field);
}

function kvString(doc: Doc, entries: KeyValue[], field: KvField, rule: string): Found<string> | null {
	for (const e of kvEntries(entries, field)) {
		const v = firstValue(e);
		if (!v) continue;
		const value = collapse(doc.text.slice(v.start, v.end));
		if (value && !/^(?:-|–|nej|nei|no|ingen|none|n\/a)$/i.test(value)) return found(value, v.start, v.end, rule, 0.95);
	}
	return null;
}

const COUNTRY_SUFFIX = new RegExp(String.raw`\s*(?:\((?:${COUNTRY_NAMES})\)|,\s*(?:${COUNTRY_NAMES}))\s*$`, 'u');
const BULLET = /^(?:[•·▪○◦‣∙*]|[-–—](?=\s)|\d{1,2}[.)](?=\s))\s*/u;
const INLINE_LIST = /\s*;\s*|\s*,\s*(?:(?:och|og|and|samt)\s+)?|\s+(?:och|og|and|samt|&)\s+/g;

/** An organisation written in a list line: bullet and "(Country)" removed; the country is kept apart. */
function listName(doc: Doc, span: Span): { span: Span; country: string | null } | null {
	let { start, end } = span;
	const text = doc.text;
	const bullet = BULLET.exec(text.slice(start, end));
	if (bullet) start += bullet[0].length;
	const suffix = COUNTRY_SUFFIX.exec(text.slice(start, end));
	let country: string | null = null;
	if (suffix) {
		country = countryCode(suffix[0].replace(/[\s(),]/g, ' ').trim());
		end = start + suffix.index;
	}
	const t = trimSpan(text, start, end);
	return t.end > t.start ? { span: t, country } : null;
}

function kvList(doc: Doc, entries: KeyValue[], field: KvField, rule: string): Found<string>[] {
	const out: Found<string>[] = [];
	for (const e of kvEntries(entries, field)) {
		for (const v of e.values) {
			const pieces =
				e.values.length === 1 ? splitInline(doc, v) : [v];
			for (const p of pieces) {
				const item = listName(doc, p);
				if (item) out.push(found(collapse(doc.text.slice(item.span.start, item.span.end)), item.span.start, item.span.end, rule, 0.9));
			}
		}
	}
	return out;
}

/** "A, B och C" on one line: split only if every piece could be a name on its own. */
function splitInline(doc: Doc, v: Span): Span[] {
	const text = doc.text.slice(v.start, v.end);
	const pieces: Span[] = [];
	let from = 0;
	for (const m of text.matchAll(INLINE_LIST)) {
		pieces.push({ start: v.start + from, end: v.start + m.index });
		from = m.index + m[0].length;
	}
	pieces.push({ start: v.start + from, end: v.end });
	const judge = { people: doc.people };
	const ok = pieces.every((p) => {
		const s = doc.text.slice(p.start, p.end).trim();
		return /^[\p{Lu}\d]/u.test(s) && (orgScore(s, judge) > 0 || countryCode(s) === null);
	});
	return ok ? pieces : [v];
}

function kvAmount(doc: Doc, entries: KeyValue[]): Found<Money> | null {
	for (const [field, confidence] of [['grant', 0.9], ['budget', 0.7]] as const) {
		for (const e of kvEntries(entries, field)) {
			const v = firstValue(e);
			if (!v) continue;
			const inText = doc.amounts.find((a) => a.start >= v.start && a.end <= v.end);
			if (inText) return money(inText, `${inText.rule}.kv`, confidence);
			const bare = /\d{1,3}(?:[ \u00a0.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?/.exec(doc.text.slice(v.start, v.end));
			if (!bare) continue;
			const key = doc.text.slice(e.keyStart, e.keyEnd);
			// EU programme budgets are kept in euro.
			const currency =
				currencyIn(key, doc.currency) ??
				(/erdf|eruf|interreg/i.test(key) && doc.lang === 'en' ? 'EUR' : defaultCurrency(doc.currency));
			const value = Math.round(parseNumber(bare[0], false));
			if (value > 0) {
				const start = v.start + bare.index;
				return found({ value, currency }, start, start + bare[0].length, `amount.${doc.lang}.kv.bare`, confidence - 0.1);
			}
		}
	}
	return null;
}

function money(a: AmountMention, rule: string, confidence: number): Found<Money> {
	return found({ value: a.value, currency: a.currency }, a.start, a.end, rule, confidence);
}

function kvDates(doc: Doc, entries: KeyValue[]): { start: Found<string> | null; end: Found<string> | null } {
	let start: Found<string> | null = null;
	let end: Found<string> | null = null;
	for (const e of entries) {
		if (e.field !== 'start' && e.field !== 'end' && e.field !== 'period') continue;
		const v = firstValue(e);
		if (!v) continue;
		const dates = findDates(doc.text, v.start, v.end);
		if (!dates.length) continue;
		if (e.field === 'start' && !start) start = found(dates[0].iso, dates[0].start, dates[0].end, `${dates[0].rule}.kv.start`, 0.95);
		if (e.field === 'end' && !end) end = found(dates[0].iso, dates[0].start, dates[0].end, `${dates[0].rule}.kv.end`, 0.95);
		if (e.field === 'period' && dates.length >= 2) {
			start ??= found(dates[0].iso, dates[0].start, dates[0].end, `${dates[0].rule}.kv.period`, 0.9);
			end ??= found(dates[1].iso, dates[1].start, dates[1].end, `${dates[1].rule}.kv.period`, 0.9);
		}
	}
	return { start, end };
}

const START_CUE = /(?:frå|start\p{L}*|inleds|påbörja\p{L}*|begin\p{L}*|commenc\p{L}*|från och med|fr\.o\.m\.|f\.o\.m\.|oppstart|igång|i gang|kick\p{L}* off|genomförandefas\p{L}*|gjennomføringsfase\p{L}*|launch\p{L}*|fra og med|from|från|fra)\s+(?:\p{L}+\s+){0,3}$/iu;
const END_CUE = /(?:pågår (?:fram )?till|löper (?:ut )?till|avslutas|slutar|slut\p{L}*|ends?|ending|until|till och med|t\.o\.m\.|varar till|varer (?:frem )?til|avsluttes|slutter|pågår til|løper (?:frem )?til|frem til|fram till|through)\s+(?:\p{L}+\s+){0,3}$/iu;
const CALL_WORDS = /(?:ansök\p{L}*|søknad\p{L}*|søk\p{L}*|utlysning\p{L}*|deadline|frist\p{L}*|application\p{L}*|call|sista dag|senast|publicer\p{L}*|pressmeddelande|pressemelding)/iu;
const PERIOD_WORDS = /(?:projekt|prosjekt|project|period|pågår|løper|löper|varer|runs|lasts|from|från|fra|genomför|gjennomfør)/iu;

function proseDates(doc: Doc, scope: Span): { start: Found<string> | null; end: Found<string> | null } {
	let start: Found<string> | null = null;
	let end: Found<string> | null = null;
	for (const r of doc.ranges) {
		if (r.from.start < scope.start || r.to.end > scope.end || inKv(doc, r.from.start)) continue;
		const s = sentenceSpan(doc, r.from.start);
		const sentence = doc.text.slice(s.start, s.end);
		if (CALL_WORDS.test(sentence) || !PERIOD_WORDS.test(sentence)) continue;
		start ??= found(r.from.iso, r.from.start, r.from.end, `${r.from.rule}.range`, 0.75);
		end ??= found(r.to.iso, r.to.start, r.to.end, `${r.to.rule}.range`, 0.75);
	}
	for (const d of doc.dates) {
		if (d.start < scope.start || d.end > scope.end || inKv(doc, d.start)) continue;
		const s = sentenceSpan(doc, d.start);
		const before = doc.text.slice(Math.max(s.start, d.start - 60), d.start);
		if (CALL_WORDS.test(doc.text.slice(s.start, d.start))) continue;
		if (!end && END_CUE.test(before)) end = found(d.iso, d.start, d.end, `${d.rule}.end`, 0.65);
		else if (!start && START_CUE.test(before)) start = found(d.iso, d.start, d.end, `${d.rule}.start`, 0.65);
	}
	return { start, end };
}

function inKv(doc: Doc, pos: number): boolean {
	return doc.kv.some((e) => e.start <= pos && pos < e.end);
}

function sentenceSpan(doc: Doc, pos: number): Span {
	const i = spanIndexAt(doc.seg.sentences, pos);
	return i >= 0 ? doc.seg.sentences[i] : { start: pos, end: pos };
}

/** The amount that best reads as this project's grant; none when every sum belongs to something larger. */
function proseAmount(doc: Doc, scope: Span, title: string | null): Found<Money> | null {
	let top: { a: AmountMention; score: number } | null = null;
	for (const a of doc.amounts) {
		if (a.start < scope.start || a.end > scope.end || inKv(doc, a.start)) continue;
		const { score, aggregate } = judgeAmount(doc, a, title);
		if (aggregate || score < 2) continue;
		if (!top || score > top.score) top = { a, score };
	}
	return top ? money(top.a, top.a.rule, Math.min(0.9, 0.4 + 0.08 * top.score)) : null;
}

function regionsIn(doc: Doc, scope: Span, exclude: Span[]): Found<string>[] {
	const inScope: PlaceMention[] = doc.places.filter(
		(p) => p.start >= scope.start && p.end <= scope.end && !exclude.some((x) => p.start >= x.start && p.end <= x.end)
	);
	return distinctRegions(inScope).map((p) => found(p.name, p.start, p.end, 'region.gazetteer', 0.7));
}

function kvRegions(doc: Doc, entries: KeyValue[]): Found<string>[] {
	return kvList(doc, entries, 'regions', 'region.kv').filter((r) => countryCode(r.value) === null);
}

function kvNumber(doc: Doc, entries: KeyValue[], field: KvField): Found<number> | null {
	for (const e of kvEntries(entries, field)) {
		const v = firstValue(e);
		if (!v) continue;
		const m = /\d{1,3}(?:[ \u00a0.]\d{3})+(?!\d)|\d+/.exec(doc.text.slice(v.start, v.end));
		if (m) return found(Number(m[0].replace(/\D/g, '')), v.start + m.index, v.start + m.index + m[0].length, `${field}.kv`, 0.9);
	}
	return null;
}

function kvNuts(doc: Doc, entries: KeyValue[]): Found<string> | null {
	for (const e of kvEntries(entries, 'nuts')) {
		for (const v of e.values) {
			const m = NUTS_CODE.exec(doc.text.slice(v.start, v.end));
			if (m) return found(m[0], v.start + m.index, v.start + m.index + m[0].length, 'nuts.kv', 0.95);
		}
	}
	return null;
}

const NUTS_PROSE = /NUTS[-\s]?\d?[^\n]{0,20}?/g;

function proseNuts(doc: Doc, scope: Span): Found<string> | null {
	for (const m of doc.text.slice(scope.start, scope.end).matchAll(NUTS_PROSE)) {
		const at = scope.start + m.index + m[0].length;
		const code = NUTS_CODE.exec(doc.text.slice(at, at + 30));
		if (code) return found(code[0], at + code.index, at + code.index + code[0].length, 'nuts.prose', 0.7);
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
			!inKv(doc, p.start) &&
			isProse(doc.text.slice(p.start, p.end))
	);
	const about = (p: Span, within: number) => !!title && doc.text.slice(p.start, p.start + within).includes(title);
	const pick = paragraphs.find((p) => about(p, 80)) ?? paragraphs.find((p) => about(p, p.end - p.start)) ?? paragraphs[0];
	if (!pick) return null;
	let end = pick.end;
	for (const s of doc.seg.sentences) {
		if (s.start < pick.start || s.end > pick.end) continue;
		end = s.end;
		if (s.end - pick.start >= 300) break;
	}
	return found(collapse(doc.text.slice(pick.start, end)), pick.start, end, 'summary.paragraph', 0.5);
}

function isProse(p: string): boolean {
	return p.length >= 80 && p.split(/\s+/).length >= 12 && /[.!?]/.test(p);
}

function samePlayer(a: string, b: string): boolean {
	const x = norm(a);
	const y = norm(b);
	if (!x || !y) return false;
	return x === y || (x.length >= 4 && y.length >= 4 && (x.includes(y) || y.includes(x)));
}

function dedupe(items: Found<string>[], exclude: (string | undefined)[]): Found<string>[] {
	const out: Found<string>[] = [];
	for (const item of items) {
		if (exclude.some((x) => x && samePlayer(x, item.value))) continue;
		if (out.some((o) => norm(o.value) === norm(item.value))) continue;
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
	const kvTitle = kvString(doc, entries, 'title', 'title.kv') ?? kvString(doc, entries, 'acronym', 'title.kv.acronym');
	const kvOwner = kvString(doc, entries, 'owner', 'owner.kv');
	const isPage = entries.length >= 2;
	const mentions = findTitleMentions({ doc, scope });
	const headline = unit.kind === 'single' ? headlineTitle(doc, isPage ? 0.2 : 0) : null;
	const heading = unit.kind === 'entry' ? unit.heading : null;
	let title = kvTitle ?? heading ?? chooseTitle(doc, headline ? [...mentions, headline] : mentions);
	const amount = kvAmount(doc, entries) ?? proseAmount(doc, scope, title?.value ?? null);
	const owners = [kvOwner ? ownerWithoutCountry(doc, kvOwner) : null, ...findOwners({ doc, scope })];
	const partnerFinding = findPartners({ doc, scope });
	owners.push(...partnerFinding.owners);
	const owner = best(owners);
	if (!title) {
		// A grant to a named owner without a project name: the headline names the project.
		if (!(amount && owner) || !doc.headline) return null;
		title = found(doc.text.slice(doc.headline.start, doc.headline.end), doc.headline.start, doc.headline.end, 'title.headline.fallback', 0.3);
	}

	const draft = blank(title, shared);
	draft.owner = owner;
	draft.amount = amount;
	draft.reference = kvString(doc, entries, 'reference', 'reference.kv') ?? proseReference(doc, scope);
	const kvFunder = kvString(doc, entries, 'funder', 'funder.kv');
	const kvProgramme = kvString(doc, entries, 'programme', 'programme.kv');
	if (kvProgramme) draft.programme = kvProgramme;
	if (kvFunder) draft.funder = kvFunder;
	else if (!draft.funder && draft.programme) draft.funder = funderOfProgramme(doc, draft.programme);

	const kvPartnerList = kvList(doc, entries, 'partners', 'partner.kv');
	const otherOwners = kvEntries(entries, 'owner')
		.slice(1)
		.flatMap((e) => kvList(doc, [e], 'owner', 'partner.kv.co-owner'));
	draft.partners = dedupe([...(kvPartnerList.length ? kvPartnerList : partnerFinding.partners), ...otherOwners], [
		owner?.value,
		draft.funder?.value,
		title.value
	]);

	const rateEntry = kvEntries(entries, 'rate')[0];
	const rateSpan = rateEntry ? firstValue(rateEntry) : null;
	const rate = rateSpan ? parseRate(doc.text.slice(rateSpan.start, rateSpan.end)) : null;
	draft.cofinancingRate =
		rate !== null && rateSpan ? found(rate, rateSpan.start, rateSpan.end, 'rate.kv', 0.95) : findCofinancingRate(doc, scope);

	const kvD = kvDates(doc, entries);
	const proseD = proseDates(doc, scope);
	draft.startDate = kvD.start ?? proseD.start;
	draft.endDate = kvD.end ?? proseD.end;

	const keyedRegions = kvRegions(doc, entries);
	const partnerSpans = kvEntries(entries, 'partners').flatMap((e) => e.values);
	draft.regions = keyedRegions.length ? keyedRegions : regionsIn(doc, scope, [...partnerSpans, ...doc.masked]);
	draft.nuts = kvNuts(doc, entries) ?? proseNuts(doc, scope);

	const projectAmount = amount && !inKv(doc, amount.start) ? amount : null;
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
				0.9
			)
		: summaryOf(doc, scope, title.value);
	if (!draft.country && kvOwner) draft.country = ownerCountry(doc, kvOwner);
	draft.contacts = contactsFor(doc, scope, draft);
	return draft;
}

/** A project named in one line of a list or one grant sentence; the document's shared values apply. */
export function listedProject(doc: Doc, unit: Extract<Unit, { kind: 'item' }>, shared: Shared): Draft {
	const draft = blank(unit.title, shared);
	draft.owner = unit.owner ? ownerWithoutCountry(doc, unit.owner) : null;
	if (unit.amount) draft.amount = money(unit.amount, unit.amount.rule, 0.8);
	draft.regions = regionsIn(doc, unit.span, []);
	draft.partners = dedupe(findPartners({ doc, scope: unit.span }).partners, [
		draft.owner?.value,
		draft.funder?.value,
		unit.title.value
	]);
	const dates = proseDates(doc, unit.span);
	draft.startDate = dates.start ?? shared.startDate;
	draft.endDate = dates.end ?? shared.endDate;
	const targets = findTargetValues({ doc, scope: unit.span, title: unit.title.value, projectAmount: unit.amount });
	draft.participants = targets.participants;
	draft.companies = targets.companies;
	draft.contacts = contactsFor(doc, WHOLE(doc), draft);
	return draft;
}

const REFERENCE_PROSE = /(?<![\p{L}])(?:diarienummer|diarienr\.?|dnr\.?|ärendenummer|saksnummer|saksnr\.?|journalnummer|journalnr\.?|sagsnummer|sagsnr\.?|project number|reference number|ref\.? nr\.?|projektnummer|prosjektnummer)[\s:.]*([A-Z0-9][A-Z0-9./-]*\d[A-Z0-9./-]*)/giu;

function proseReference(doc: Doc, scope: Span): Found<string> | null {
	for (const m of doc.text.slice(scope.start, scope.end).matchAll(REFERENCE_PROSE)) {
		const value = m[1].replace(/[.,]$/, '');
		const at = scope.start + m.index + m[0].length - m[1].length;
		return found(value, at, at + value.length, 'reference.prose', 0.8);
	}
	return null;
}

const OWNER_COUNTRY = new RegExp(String.raw`\s*\((${COUNTRY_NAMES})\)\s*$`, 'u');

function ownerWithoutCountry(doc: Doc, owner: Found<string>): Found<string> {
	const m = OWNER_COUNTRY.exec(doc.text.slice(owner.start, owner.end));
	if (!m) return owner;
	const end = owner.start + m.index;
	return { ...owner, value: collapse(doc.text.slice(owner.start, end)), end };
}

function ownerCountry(doc: Doc, owner: Found<string>): Found<string> | null {
	const m = OWNER_COUNTRY.exec(doc.text.slice(owner.start, owner.end));
	const code = m ? countryCode(m[1]) : null;
	if (!m || !code) return null;
	const start = owner.start + m.index + m[0].indexOf(m[1]);
	return found(code, start, start + m[1].length, 'country.owner', 0.5);
}

function contactsFor(doc: Doc, scope: Span, draft: Draft): Found<Contact>[] {
	const orgs = [draft.owner?.value, draft.funder?.value, ...draft.partners.map((p) => p.value)].filter(
		(x): x is string => !!x
	);
	const acronyms = orgs.flatMap((o) => /\(([^)]+)\)/.exec(o)?.[1] ?? []);
	return findContacts(doc.text.slice(0, scope.end), doc.seg.lines, [...orgs, ...acronyms]).filter((c) => c.start >= scope.start);
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
			confidence: Math.max(0, Math.min(1, Number(f.confidence.toFixed(3))))
		});
	};
	const single = ['title', 'reference', 'owner', 'funder', 'programme', 'amount', 'cofinancingRate', 'startDate', 'endDate', 'country', 'participants', 'companies', 'summary', 'nuts'] as const;
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
