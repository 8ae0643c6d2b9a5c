import { trimSpan, type Line, type Span } from './text';

/**
 * "Key: value" entries of project banks and project pages. The key may share its line
 * with the value, end a line whose value follows on the next lines, or stand alone as a
 * heading above its value ("Norsk prosjekteier" / blank line / "Sør-Trøndelag fylkeskommune").
 */

export type KvField =
	| 'reference'
	| 'title'
	| 'acronym'
	| 'owner'
	| 'partners'
	| 'funder'
	| 'programme'
	| 'grant'
	| 'budget'
	| 'rate'
	| 'start'
	| 'end'
	| 'period'
	| 'country'
	| 'regions'
	| 'nuts'
	| 'participants'
	| 'companies'
	| 'summary';

export interface KeyValue {
	field: KvField;
	key: string;
	keyStart: number;
	keyEnd: number;
	/** One span per value line, trimmed. */
	values: Span[];
	start: number;
	end: number;
}

const KEYS: Record<KvField, string[]> = {
	reference: [
		'diarienummer', 'diarienr', 'dnr', 'ärendenummer', 'projektnummer', 'projektnr', 'prosjektnummer',
		'prosjektnr', 'saksnummer', 'saksnr', 'journalnummer', 'journalnr', 'sagsnummer', 'sagsnr',
		'referensnummer', 'referencenummer', 'referanse', 'referansenummer', 'reference', 'reference number',
		'project number', 'project id', 'project code', 'projekt-id', 'projektid', 'prosjekt-id', 'id',
		'ansökningsnummer', 'søknadsnummer', 'ref', 'ref.', 'ref. nr.', 'ref.nr.'
	],
	title: [
		'namn', 'projektnamn', 'projektets namn', 'prosjektnavn', 'prosjektnamn', 'prosjektets navn', 'navn',
		'projektnavn', 'projektets navn', 'project name', 'project title', 'title', 'titel', 'tittel',
		'projekttitel', 'prosjekttittel', 'name', 'projekt', 'prosjekt', 'project', 'projektets titel',
		'name of the project', 'full name'
	],
	acronym: ['akronym', 'project acronym', 'acronym', 'förkortning', 'kortnamn', 'kortnavn', 'short name'],
	owner: [
		'projektägare', 'stödmottagare', 'huvudman', 'huvudsökande', 'sökande', 'prosjekteier', 'prosjekteigar',
		'prosjektansvarlig', 'prosjektansvarleg', 'søker', 'tilskuddsmottaker', 'støttemottaker', 'projektejer',
		'ansøger', 'tilskudsmodtager', 'tilsagnsmodtager', 'tilskuddsmottakar', 'støttemodtager', 'lead partner', 'lead applicant', 'lead beneficiary', 'project owner',
		'project lead', 'beneficiary', 'coordinator', 'koordinator', 'projektansvarig organisation',
		'ansvarlig organisasjon', 'lead organisation', 'lead organization', 'projektansvarig',
		'project coordinator', 'ansvarig organisation', 'organisation', 'organisasjon', 'organization'
	],
	partners: [
		'partner', 'partners', 'partnere', 'partnerne', 'andre partnere', 'other partners', 'project partners',
		'partnership', 'samarbetspartner', 'samarbetspartners', 'samarbetsparter', 'samverkanspartner',
		'samverkanspartners', 'samarbeidspartnere', 'samarbeidspartner', 'samarbeidspartnarar',
		'samarbejdspartnere', 'medverkande organisationer', 'deltagande organisationer',
		'deltakende organisasjoner', 'partnerorganisationer', 'projektpartner', 'projektpartners',
		'prosjektpartnere', 'medsökande', 'medsøkere', 'co-applicants', 'övriga partner', 'övriga partners',
		'andra partner', 'andra partners', 'partnere i prosjektet', 'partners in the project'
	],
	funder: [
		'finansiär', 'finansiärer', 'finansiør', 'finansiører', 'funder', 'funders', 'funding body',
		'funded by', 'bevilgende myndighet', 'beviljande myndighet', 'tilskudsgiver', 'bidragsgivare',
		'støttegiver', 'beviljat av', 'finansieras av', 'finansiert av', 'finansieret af'
	],
	programme: [
		'program', 'programme', 'programmet', 'berörd fond', 'fond', 'fund', 'funding programme',
		'funding program', 'finansieringsprogram', 'støtteordning', 'ordning', 'stödprogram',
		'programme name', 'program name', 'eu-program', 'eu programme', 'eu-fond', 'strukturfond'
	],
	grant: [
		'beviljat belopp', 'beviljat stöd', 'beviljat esf-stöd', 'beviljat eu-stöd', 'esf-stöd', 'eu-stöd',
		'stöd', 'stödbelopp', 'beviljade medel', 'tilskudd', 'tilskott', 'støtte', 'bevilget beløp',
		'bevilget tilskudd', 'innvilget beløp', 'innvilget tilskudd', 'tildelt beløp', 'tildeling', 'tilskud',
		'bevilling', 'bevilget tilskud', 'støttebeløb', 'grant', 'grant amount', 'amount granted', 'amount',
		'eu funding', 'eu contribution', 'erdf', 'erdf contribution', 'esf contribution', 'esf+ contribution',
		'eu-støtte', 'eu-finansiering', 'interreg funding', 'interreg-stöd', 'interreg-midler',
		'beviljat eu-bidrag', 'eu-bidrag', 'eruf', 'eruf-stöd', 'beløp', 'belopp', 'bevilget', 'beviljat',
		'innvilget', 'tildelt', 'tilsagn', 'tilsagnsbeløb', 'tilskudsbeløb', 'bevilget beløb', 'eu-midler', 'eu-midlar', 'eu-medel', 'eu-støtte', 'programme co-financing', 'eu co-financing', 'erdf co-financing'
	],
	budget: [
		'budget', 'total budget', 'totalbudget', 'total budsjett', 'totalbudsjett', 'budsjett',
		'project budget', 'projektets budget', 'total project budget', 'total eligible budget',
		'total kostnad', 'totala kostnader', 'kostnad', 'projektbudget', 'prosjektbudsjett',
		'samlet budget', 'total cost', 'total costs', 'totalkostnad', 'total omsättning',
		'projektets totala budget', 'samlet budsjett', 'kostnadsramme'
	],
	rate: [
		'unionens medfinansieringsgrad', 'medfinansieringsgrad', 'eu-medfinansieringsgrad', 'co-financing rate',
		'cofinancing rate', 'co-funding rate', 'erdf rate', 'eu co-financing rate', 'støttegrad', 'stödandel',
		'stödnivå', 'eu-andel', 'tilskudsprocent', 'tilskuddsandel', 'støtteandel', 'eu-finansieringsgrad',
		'finansieringsgrad', 'esf-andel', 'co-financing', 'erdf co-financing rate', 'eu-støtteandel'
	],
	start: [
		'startdatum', 'startdato', 'start date', 'projektstart', 'prosjektstart', 'project start', 'start',
		'starttidspunkt', 'oppstart', 'begins', 'projektets start', 'startdag', 'fra dato', 'från datum'
	],
	end: [
		'slutdatum', 'sluttdato', 'slutdato', 'end date', 'projektslut', 'prosjektslutt', 'project end', 'slut',
		'end', 'sluttidspunkt', 'ends', 'avslutas', 'projektets slut', 'slutdag', 'til dato', 'till datum'
	],
	period: [
		'projektperiod', 'projektperiode', 'prosjektperiode', 'prosjektperiod', 'project period', 'period',
		'periode', 'projekttid', 'löptid', 'varighet', 'duration', 'project duration', 'genomförandeperiod',
		'gjennomføringsperiode', 'tidsperiode', 'tidsperiod', 'tidsram', 'tidsramme', 'timeframe',
		'projektperiod och budget', 'project dates', 'dates'
	],
	country: [
		'land', 'land som berörs', 'länder', 'country', 'countries', 'land som omfattas', 'berørte land',
		'land som berøres', 'lande'
	],
	regions: [
		'region', 'regioner', 'regions', 'län', 'fylke', 'fylker', 'berörda län', 'berörd region',
		'berörda regioner', 'geografiskt område', 'geografisk område', 'location', 'område',
		'regions covered', 'region(er)', 'berört län', 'landsdel'
	],
	nuts: [
		'nuts', 'nuts-kod', 'nuts-2 kod', 'nuts-2-kod', 'nuts 2 kod', 'nuts-2', 'nuts-2 code', 'nuts code',
		'nuts-3 kod', 'nuts-3', 'nuts region', 'nuts-region', 'nuts-kode', 'nuts 2', 'nuts 3'
	],
	participants: [
		'antal deltagare', 'planerat antal deltagare', 'antall deltakere', 'antal deltagere',
		'number of participants', 'deltagare', 'deltakere', 'participants', 'planned participants',
		'antal individer'
	],
	companies: [
		'antal företag', 'antall bedrifter', 'antal virksomheder', 'number of companies', 'number of smes',
		'number of enterprises', 'planerat antal företag', 'antall virksomheter'
	],
	summary: [
		'sammanfattning', 'beskrivning', 'projektbeskrivning', 'summary', 'description', 'project description',
		'om projektet', 'about the project', 'sammendrag', 'prosjektbeskrivelse', 'beskrivelse', 'kort om projektet',
		'projektbeskrivelse', 'abstract', 'kort beskrivning', 'kort om prosjektet', 'om prosjektet',
		'project summary', 'projektets syfte', 'prosjektets formål', 'syfte', 'formål'
	]
};

/** One-word keys that are also ordinary words or menu items: only trusted when followed by a colon. */
const COLON_ONLY = new Set([
	'start', 'end', 'slut', 'project', 'projekt', 'prosjekt', 'name', 'namn', 'navn', 'title', 'titel', 'tittel',
	'land', 'region', 'fond', 'fund', 'program', 'programme', 'programmet', 'id', 'amount', 'stöd', 'støtte',
	'period', 'periode', 'område', 'deltagare', 'deltakere', 'participants', 'description', 'beskrivning',
	'summary', 'syfte', 'formål', 'location', 'budget', 'budsjett', 'ordning', 'ref', 'ref.', 'tilskudd',
	'tilskud', 'grant', 'beløp', 'belopp', 'kostnad', 'countries', 'regions', 'län', 'fylke', 'dates',
	'organisation', 'organisasjon', 'organization', 'beviljat', 'bevilget', 'innvilget', 'tildelt', 'partner',
	'coordinator', 'koordinator', 'beneficiary', 'sökande', 'søker', 'ansøger', 'ends', 'begins', 'abstract',
	'erdf', 'eruf', 'nuts', 'lande', 'länder', 'land som berörs', 'tilsagn'
]);

const LIST_FIELDS = new Set<KvField>(['partners', 'regions']);

const FIELD_OF = new Map<string, KvField>();
for (const [field, keys] of Object.entries(KEYS) as [KvField, string[]][]) {
	for (const k of keys) FIELD_OF.set(k, field);
}

/** Nationality in front of a key ("Norsk prosjekteier", "Swedish lead partner") does not change its meaning. */
const NATIONALITY = /^(?:norsk|norske|svensk|svenska|svenske|dansk|danske|finsk|finska|finske|swedish|norwegian|danish|finnish)\s+/;

export function fieldOfKey(key: string): KvField | null {
	const k = key.toLowerCase().replace(/\s+/g, ' ').replace(/\s*:$/, '').trim();
	// "EU funding (ERDF)", "Beviljat belopp (kr)": the qualifier does not change the key.
	const bare = k.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
	return FIELD_OF.get(k) ?? FIELD_OF.get(k.replace(NATIONALITY, '')) ?? FIELD_OF.get(bare) ?? FIELD_OF.get(bare.replace(NATIONALITY, '')) ?? null;
}

const COLON_LINE = /^[ \t]*([\p{L}][^:\n]{0,60}?)[ \t]*:(?!\/\/)[ \t]*(.*)$/u;
const TAB_LINE = /^[ \t]*([\p{L}][^\t\n]{0,60}?)\t+(.+)$/u;
const BULLET = /^[ \t]*(?:[•·▪○◦‣∙*]|[-–—](?=\s)|\d{1,2}[.)](?=\s))/u;

interface KeyLine {
	field: KvField | null;
	keyStart: number;
	keyEnd: number;
	inline: Span | null;
	header: boolean;
}

function keyLine(line: Line): KeyLine | null {
	if (line.blank || BULLET.test(line.text)) return null;
	const colon = COLON_LINE.exec(line.text);
	if (colon && colon[1].trim().split(/\s+/).length <= 6 && !/[.!?]\s/.test(colon[1])) {
		const keyStart = line.start + colon.index + colon[0].indexOf(colon[1]);
		const valueText = colon[2];
		const inline = valueText.trim()
			? trimSpan(line.text, colon[0].length - valueText.length, colon[0].length)
			: null;
		return {
			field: fieldOfKey(colon[1]),
			keyStart,
			keyEnd: keyStart + colon[1].length,
			inline: inline ? { start: line.start + inline.start, end: line.start + inline.end } : null,
			header: false
		};
	}
	const tab = TAB_LINE.exec(line.text);
	if (tab) {
		const field = fieldOfKey(tab[1]);
		if (!field) return null;
		const keyStart = line.start + line.text.indexOf(tab[1]);
		const valueOffset = line.text.length - tab[2].length;
		const v = trimSpan(line.text, valueOffset, line.text.length);
		return {
			field,
			keyStart,
			keyEnd: keyStart + tab[1].length,
			inline: { start: line.start + v.start, end: line.start + v.end },
			header: false
		};
	}
	const whole = line.text.trim();
	if (whole.length > 60) return null;
	const field = fieldOfKey(whole);
	if (!field || COLON_ONLY.has(whole.toLowerCase())) return null;
	const keyStart = line.start + line.text.indexOf(whole);
	return { field, keyStart, keyEnd: keyStart + whole.length, inline: null, header: true };
}

function looksLikeListLine(line: Line): boolean {
	const t = line.text.trim();
	return t.length > 0 && t.length <= 200 && !/[.!?]$/.test(t.replace(/\b(?:Ltd|Inc|Co|S\.A|a\.s)\.$/i, 'x')) && !/^\p{Ll}/u.test(t);
}

/** Every recognised key with its value lines. Unrecognised "Key:" lines only end a value. */
export function parseKeyValues(lines: Line[]): KeyValue[] {
	const keys = lines.map(keyLine);
	const out: KeyValue[] = [];
	for (let i = 0; i < lines.length; i++) {
		const k = keys[i];
		if (!k || !k.field) continue;
		const values: Span[] = [];
		let end = k.keyEnd;
		if (k.inline) {
			values.push(k.inline);
			end = k.inline.end;
		} else {
			let j = i + 1;
			let blanks = 0;
			const list = LIST_FIELDS.has(k.field);
			for (; j < lines.length; j++) {
				const line = lines[j];
				// An unknown "Key:" line ends a value, but can itself be the value ("Namn:" / "X: Subtitle").
				if (keys[j] && (keys[j]!.field || values.length)) break;
				if (line.blank) {
					blanks++;
					// Values sit right below their key or after one blank line; a list may be spaced out.
					if (values.length && !list && k.field !== 'summary') break;
					if (blanks > 2 && !values.length) break;
					continue;
				}
				if (values.length && blanks && list && !looksLikeListLine(line)) break;
				if (values.length && blanks && k.field === 'summary') break;
				if (values.length && !list && k.field !== 'summary') break;
				const v = trimSpan(line.text, 0, line.text.length);
				values.push({ start: line.start + v.start, end: line.start + v.end });
				end = line.end;
				blanks = 0;
			}
			if (!values.length) continue;
		}
		out.push({
			field: k.field,
			key: lines[i].text.slice(k.keyStart - lines[i].start, k.keyEnd - lines[i].start),
			keyStart: k.keyStart,
			keyEnd: k.keyEnd,
			values,
			start: k.keyStart,
			end
		});
	}
	return out;
}
