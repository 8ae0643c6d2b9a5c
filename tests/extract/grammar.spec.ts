import { describe, expect, it } from 'vitest';
import { findAmounts, labelMoney, parseNumber, type CurrencyContext } from '../../src/lib/server/ingest/extract/amounts';
import { findDates, findRanges } from '../../src/lib/server/ingest/extract/dates';
import { detectLanguage } from '../../src/lib/server/ingest/extract/language';
import { readName } from '../../src/lib/server/ingest/extract/names';
import { parseRate } from '../../src/lib/server/ingest/extract/rates';
import { segment } from '../../src/lib/server/ingest/extract/text';
import { extractDocument } from '../../src/lib/server/ingest/extract';

const sv: CurrencyContext = { lang: 'sv', country: 'SE' };
const no: CurrencyContext = { lang: 'no', country: 'NO' };
const da: CurrencyContext = { lang: 'da', country: 'DK' };
const en: CurrencyContext = { lang: 'en', country: null };

function money(text: string, ctx: CurrencyContext) {
	return findAmounts(text, ctx).map((a) => [text.slice(a.start, a.end), a.value, a.currency]);
}

function only(text: string) {
	const x = extractDocument(text);
	expect(x.records).toHaveLength(1);
	return x.records[0].record;
}

describe('amounts', () => {
	it.each([
		['Projektet får 32 miljoner kronor.', sv, '32 miljoner kronor', 32_000_000, 'SEK'],
		['MITC får 8,8 miljoner till projektet.', sv, '8,8 miljoner', 8_800_000, 'SEK'],
		['Budgeten är 82 500 000 kronor.', sv, '82 500 000 kronor', 82_500_000, 'SEK'],
		['Kommunen får 6,5 mkr.', sv, '6,5 mkr', 6_500_000, 'SEK'],
		['Stödet uppgår till MSEK 4,2.', sv, 'MSEK 4,2', 4_200_000, 'SEK'],
		['Prosjektet får NOK 3 mill. i støtte.', no, 'NOK 3 mill.', 3_000_000, 'NOK'],
		['Tildelingen er 3 mill. kr til prosjektet.', no, '3 mill. kr', 3_000_000, 'NOK'],
		['Rammen er 1,2 milliarder kroner.', no, '1,2 milliarder kroner', 1_200_000_000, 'NOK'],
		['Tilskuddet er 12.126.264 kr i år.', no, '12.126.264 kr', 12_126_264, 'NOK'],
		['The project receives EUR 1.2 million.', en, 'EUR 1.2 million', 1_200_000, 'EUR'],
		['A grant of €450,000 was awarded.', en, '€450,000', 450_000, 'EUR'],
		['Projektet beviljas 4,4 miljoner euro.', sv, '4,4 miljoner euro', 4_400_000, 'EUR'],
		['They won 2 million pounds.', en, '2 million pounds', 2_000_000, 'GBP'],
		['Bevillingen er DKK 5 mio. til projektet.', da, 'DKK 5 mio.', 5_000_000, 'DKK'],
		['Projektet får 7,3 mio. kr. fra fonden.', da, '7,3 mio. kr.', 7_300_000, 'DKK'],
		['Bevilget: 600.000 kroner.', da, '600.000 kroner', 600_000, 'DKK'],
		['Fylket gir kr 750 000 til prosjektet.', no, 'kr 750 000', 750_000, 'NOK'],
		['Hon fick £620,000 for the project.', en, '£620,000', 620_000, 'GBP']
	])('%s', (text, ctx, snippet, value, currency) => {
		expect(money(text, ctx)).toContainEqual([snippet, value, currency]);
	});

	it('resolves a bare "kr" by the language: SEK in Swedish, NOK in Norwegian, DKK in Danish', () => {
		expect(money('Totalt 5 000 kr.', sv)[0][2]).toBe('SEK');
		expect(money('Totalt 5 000 kr.', no)[0][2]).toBe('NOK');
		expect(money('Totalt 5 000 kr.', da)[0][2]).toBe('DKK');
	});

	it('gives an amount without a currency word the currency of the document, euro in Finland', () => {
		expect(money('Projektet beviljades 2 miljoner till utbildning.', { lang: 'sv', country: 'FI' })).toEqual([
			['2 miljoner', 2_000_000, 'EUR']
		]);
	});

	it('does not read counts, years or measures as money', () => {
		expect(money('Projektet har 2 miljoner invånare i sitt område och startade 2020.', sv)).toEqual([]);
		expect(money('Banan är 5 m lång och 22 projekt deltar.', sv)).toEqual([]);
	});

	it('reads thousands separators and decimal marks', () => {
		expect(parseNumber('82 500 000', false)).toBe(82_500_000);
		expect(parseNumber('12.126.264', false)).toBe(12_126_264);
		expect(parseNumber('450,000', false)).toBe(450_000);
		expect(parseNumber('8,8', true)).toBe(8.8);
		expect(parseNumber('1,234.56', false)).toBe(1234.56);
	});
});

describe('amounts written in words and scaled by a column label', () => {
	it('reads a number word only before a scale word', () => {
		expect(money('Kommunen får sju miljoner kronor.', sv)).toEqual([['sju miljoner kronor', 7_000_000, 'SEK']]);
		expect(money('The council received two million euros.', en)).toEqual([['two million euros', 2_000_000, 'EUR']]);
		expect(money('Fem kommuner deltar med tre personer var.', sv)).toEqual([]);
	});

	it('takes scale and currency from a table column label', () => {
		expect(labelMoney('Belopp (tkr)', sv)).toEqual({ currency: 'SEK', scale: 1e3 });
		expect(labelMoney('Tilskudd (kNOK)', no)).toEqual({ currency: 'NOK', scale: 1e3 });
		expect(labelMoney('Tilskud (mio. kr.)', da)).toEqual({ currency: 'DKK', scale: 1e6 });
		expect(labelMoney('Budget (x1000)', sv)).toEqual({ currency: null, scale: 1e3 });
		expect(labelMoney('ERDF (MEUR)', en)).toEqual({ currency: 'EUR', scale: 1e6 });
		expect(labelMoney('Beviljat belopp', sv)).toEqual({ currency: null, scale: 1 });
	});
});

describe('dates', () => {
	const iso = (text: string) => findDates(text).map((d) => d.iso);
	it.each([
		['Start 2024-09-01.', '2024-09-01'],
		['Fra 01.01.2016 og utover.', '2016-01-01'],
		['Starts 1/9/2020.', '2020-09-01'],
		['Den 1 september 2020 startar vi.', '2020-09-01'],
		['Oppstart 1. september 2020.', '2020-09-01'],
		['It began on September 1, 2020.', '2020-09-01'],
		['Projektperiode 01-02-2023 til 2026.', '2023-02-01'],
		['It starts on the 3rd of March 2021.', '2021-03-03']
	])('%s', (text, want) => {
		expect(iso(text)).toEqual([want]);
	});

	it('reads only full dates: a lone year or month is no date', () => {
		expect(iso('Projektet pågår under 2024 och avslutas i september 2025.')).toEqual([]);
		expect(iso('Mötet hölls den 29 maj.')).toEqual([]);
		expect(iso('Ogiltigt: 2023-02-30 och 32.01.2020.')).toEqual([]);
	});

	it('pairs ranges written with a dash or with till/til/to', () => {
		for (const text of [
			'Prosjektperiode 01.01.2016 - 31.12.2020',
			'Projektet pågår från den 1 januari 2016 till den 31 december 2020.',
			'The project runs from 1 January 2016 to 31 December 2020.',
			'Period: 2016-01-01–2020-12-31'
		]) {
			const ranges = findRanges(text, findDates(text));
			expect(ranges.map((r) => [r.from.iso, r.to.iso])).toEqual([['2016-01-01', '2020-12-31']]);
		}
	});

	it('decides start and end from the words around a date', () => {
		const r = only(
			'Projektet Lyft Norr startar den 1 mars 2023\n\nSvenska ESF-rådet har beviljat projektet Lyft Norr 3 miljoner kronor. Projektet startar den 1 mars 2023 och pågår till den 28 februari 2025.'
		);
		expect([r.startDate, r.endDate]).toEqual(['2023-03-01', '2025-02-28']);
	});

	it('does not take the date of the press release or of an application deadline', () => {
		const r = only(
			'Pressmeddelande 2023-05-02\n\nTillväxtverket har beviljat projektet Smart Skog 4 miljoner kronor. Sista dag att ansöka till nästa utlysning är den 15 september 2023.'
		);
		expect([r.startDate, r.endDate]).toEqual([null, null]);
	});
});

describe('co-financing rates', () => {
	it('reads "40%", "40 %" and "40 procent" as fractions', () => {
		expect(parseRate('40%')).toBe(0.4);
		expect(parseRate('50 %')).toBe(0.5);
		expect(parseRate('60 prosent')).toBe(0.6);
		expect(parseRate('abc')).toBeNull();
	});

	it('takes a percentage only where the text is about co-financing', () => {
		const withRate = only(
			'Tillväxtverket har beviljat projektet Grön Logistik 5 miljoner kronor. Projektet medfinansieras till 50 procent av Europeiska regionala utvecklingsfonden.'
		);
		expect(withRate.cofinancingRate).toBe(0.5);
		const without = only(
			'Tillväxtverket har beviljat projektet Grön Logistik 5 miljoner kronor. Målet är att 30 procent av deltagarna ska få jobb.'
		);
		expect(without.cofinancingRate).toBeNull();
	});
});

describe('targets', () => {
	it('reads participants and companies, also with spaces as thousands separators', () => {
		const r = only(
			'Svenska ESF-rådet har beviljat projektet Kompetens Väst 6 miljoner kronor. Målet är att kompetensutveckla 1 200 personer på 60 företag i regionen.'
		);
		expect([r.participants, r.companies]).toEqual([1200, 60]);
	});

	it('reads Norwegian and English nouns', () => {
		expect(
			only(
				'Innovasjon Norge har innvilget 2 millioner kroner til prosjektet Havløft. Prosjektet skal samle 200 deltakere fra 50 bedrifter.'
			).participants
		).toBe(200);
		const en = only('The project Blue Growth has been awarded EUR 800,000. It will train 100 participants in 30 SMEs.');
		expect([en.participants, en.companies]).toEqual([100, 30]);
	});

	it('ignores totals that belong to several projects or to another sum', () => {
		const r = only(
			'Svenska ESF-rådet har beviljat projektet Nya Vägar 4 miljoner kronor. Projektet ska nå 300 deltagare. Totalt fördelas 40 miljoner kronor till 9 projekt som tillsammans ska nå över 2000 personer och 140 företag.'
		);
		expect([r.participants, r.companies]).toEqual([300, null]);
	});

	it('does not count weak nouns without a goal ("personer" in passing)', () => {
		expect(
			only('Tillväxtverket har beviljat projektet Fjällen Runt 2 miljoner kronor. Regionen har 250 000 personer.').participants
		).toBeNull();
	});
});

describe('amounts of a project versus a programme or a call', () => {
	it('skips the total of a call and the sum shared by several projects', () => {
		const r = only(
			'I en snabb process fördelar Svenska ESF-rådet 300 miljoner kronor till 22 projekt. I Västsverige får projektet Omställning Väst 12 miljoner kronor.'
		);
		expect(r.amount).toEqual({ value: 12_000_000, currency: 'SEK' });
	});

	it('skips a yearly budget', () => {
		const r = only(
			'Årlig settes det av inntil 20 millioner kroner til ordningen. Innovasjon Norge har innvilget prosjektet Kystløft 1,5 millioner kroner.'
		);
		expect(r.amount).toEqual({ value: 1_500_000, currency: 'NOK' });
	});

	it('takes the part after "varav" rather than the total before it', () => {
		const r = only(
			'Region Halland startar projektet Havsnära. Projektets totala budget är 20 000 000 kronor, varav 8 mkr kommer från Europeiska regionala utvecklingsfonden.'
		);
		expect(r.amount).toEqual({ value: 8_000_000, currency: 'SEK' });
	});
});

describe('organisations', () => {
	const name = (text: string, at = 0) => readName(text, at)?.value ?? null;
	it('reads names up to punctuation or a verb, with kind words and connectors', () => {
		expect(name('Sør-Trøndelag fylkeskommune allerede hadde')).toBe('Sør-Trøndelag fylkeskommune');
		expect(name('Luleå tekniska universitet beviljas')).toBe('Luleå tekniska universitet');
		expect(name('Bulgarian Chamber of Commerce and Industry (BCCI) is')).toBe('Bulgarian Chamber of Commerce and Industry (BCCI)');
		expect(name('University of the Highlands and Islands receives')).toBe('University of the Highlands and Islands');
		expect(name('Maritim forening Sogn og Fjordane: Prosjekt')).toBe('Maritim forening Sogn og Fjordane');
		expect(name('Kommunal- og moderniseringsdepartementet.')).toBe('Kommunal- og moderniseringsdepartementet');
		expect(name('projektet')).toBeNull();
	});

	it('splits "A och B" into two names after a complete name', () => {
		expect(name('Blue Science Park och Blekinge Business Incubator')).toBe('Blue Science Park');
		expect(name('Region Skåne och Region Blekinge')).toBe('Region Skåne');
	});

	it('finds owner, partners and funder from the grammar around names', () => {
		const r = only(
			'Svenska ESF-rådet har beviljat projektet Jobbvägen 7 miljoner kronor. Projektägare är Borlänge kommun, som driver projektet i samarbete med Högskolan Dalarna, Falu kommun och Arbetsförmedlingen.'
		);
		expect(r.owner).toBe('Borlänge kommun');
		expect(r.partners).toEqual(['Högskolan Dalarna', 'Falu kommun', 'Arbetsförmedlingen']);
		expect(r.funder).toBe('Svenska ESF-rådet');
	});

	it('takes the owner from "ägs och drivs av" over the recipient of "X får"', () => {
		const r = only(
			'MITC får 8,8 miljoner till projektet CompCor\n\nProjektet ägs och drivs av Mälardalen Industrial Technology Center (MITC).'
		);
		expect(r.owner).toBe('Mälardalen Industrial Technology Center (MITC)');
	});

	it('does not take people for organisations', () => {
		const r = only(
			'Tillväxtverket har beviljat projektet Solkraft 2 miljoner kronor. Projektet drivs av Energikontoret Syd tillsammans med Anna Svensson och Solkompaniet AB.\n\nKontakt: Anna Svensson, projektledare, 070-123 45 67'
		);
		expect(r.partners).not.toContain('Anna Svensson');
		expect(r.contacts.map((c) => c.name)).toEqual(['Anna Svensson']);
		expect(r.contacts[0].public).toBe(false);
	});

	it('reads a named scheme as the programme', () => {
		const r = extractDocument(
			'Innovasjon Norge gir støtte gjennom tjenesten Kompetanseløft for klynger.\n\n• Klynge A AS: Prosjekt Første prosjekt\n• Klynge B AS: Prosjekt Andre prosjekt'
		);
		expect(r.records.map((x) => x.record.programme)).toEqual(['Kompetanseløft for klynger', 'Kompetanseløft for klynger']);
	});
});

describe('several projects in one document', () => {
	it('splits "X kommun får N till projektet Y" sentences and applies the shared funder', () => {
		const x = extractDocument(
			'Tre projekt får stöd\n\nTillväxtverket har beviljat totalt 12 miljoner kronor till tre projekt.\n\nUmeå kommun får 6,5 miljoner kronor till projektet Digital Skola. Skellefteå kommun får 3 miljoner kronor till projektet Grön Industri. Lycksele kommun får 2,5 miljoner kronor till projektet Turism Året Runt.'
		);
		expect(x.records.map((r) => [r.record.title, r.record.owner, r.record.amount?.value, r.record.funder])).toEqual([
			['Digital Skola', 'Umeå kommun', 6_500_000, 'Tillväxtverket'],
			['Grön Industri', 'Skellefteå kommun', 3_000_000, 'Tillväxtverket'],
			['Turism Året Runt', 'Lycksele kommun', 2_500_000, 'Tillväxtverket']
		]);
	});

	it('splits "Owner: Prosjekt Name" bullets, dropping the word "Prosjekt"', () => {
		const x = extractDocument(
			'Innovasjon Norge har tildelt støtte til to klynger:\n\n• Klynge Nord AS: Prosjekt Digital fiskeri\n• Agder Energi: Prosjekt Grønn kraft i Agder'
		);
		expect(x.records.map((r) => [r.record.title, r.record.owner, r.record.regions])).toEqual([
			['Digital fiskeri', 'Klynge Nord AS', []],
			['Grønn kraft i Agder', 'Agder Energi', ['Agder']]
		]);
	});

	it('reads a tab-separated table by its header', () => {
		const x = extractDocument(
			'Beviljade projekt inom Regionalfonden\n\nProjektnamn\tProjektägare\tBelopp (kr)\nSkog i Väst\tRegion Värmland\t1 200 000\nFiber Nu\tKarlstads kommun\t800 000'
		);
		expect(x.records.map((r) => [r.record.title, r.record.owner, r.record.amount])).toEqual([
			['Skog i Väst', 'Region Värmland', { value: 1_200_000, currency: 'SEK' }],
			['Fiber Nu', 'Karlstads kommun', { value: 800_000, currency: 'SEK' }]
		]);
	});

	it('reads repeated key:value entries as one project each', () => {
		const x = extractDocument(
			'Project: Alpha Skills\nLead partner: University of Oulu\nBudget: EUR 100,000\n\nProject: Beta Skills\nLead partner: Umeå University\nBudget: EUR 200,000'
		);
		expect(x.records.map((r) => [r.record.title, r.record.owner, r.record.amount?.value])).toEqual([
			['Alpha Skills', 'University of Oulu', 100_000],
			['Beta Skills', 'Umeå University', 200_000]
		]);
	});
});

describe('key:value entries', () => {
	it('reads keys and values on the same line or on consecutive lines', () => {
		const r = only(
			'Diarienummer:\n2023-00012\nNamn: Vård i Norr\nProjektägare:\nRegion Jämtland Härjedalen\nStartdatum: 2023-01-01\nSlutdatum:\n2025-12-31\nBerörd fond: ESF+\nUnionens medfinansieringsgrad: 40%\nRegion:\nMellersta Norrland\nNUTS-2 kod: SE32'
		);
		expect([r.reference, r.title, r.owner, r.startDate, r.endDate, r.programme, r.cofinancingRate, r.regions, r.nuts]).toEqual([
			'2023-00012',
			'Vård i Norr',
			'Region Jämtland Härjedalen',
			'2023-01-01',
			'2025-12-31',
			'ESF+',
			0.4,
			['Mellersta Norrland'],
			'SE32'
		]);
	});

	it('reads partner lists one per line and strips the country in parentheses', () => {
		const r = only(
			'HealthNet\n\nLead partner\n\nAalborg University (Denmark)\n\nProject period\n\n01.01.2020 - 31.12.2022\n\nPartners\n\nUniversity of Latvia (Latvia)\nTechnical University of Ostrava (Tsjekkia)\nTECLA – Association for local and European trans-regional Cooperation (Italia)'
		);
		expect(r.owner).toBe('Aalborg University');
		expect(r.partners).toEqual([
			'University of Latvia',
			'Technical University of Ostrava',
			'TECLA – Association for local and European trans-regional Cooperation'
		]);
		expect([r.startDate, r.endDate]).toEqual(['2020-01-01', '2022-12-31']);
	});
});

describe('language and country', () => {
	it.each([
		['Projektet ska hjälpa företag i regionen att utveckla sin kompetens och öka sin konkurrenskraft.', 'sv'],
		['Prosjektet skal hjelpe bedrifter i regionen med å utvikle kompetanse gjennom nye tilbud.', 'no'],
		['Prosjektet skal gje verksemder i regionen betre kompetanse, og dei skal ikkje betale for det.', 'no'],
		['Projektet skal hjælpe virksomheder i regionen med at udvikle kompetencer gennem nye forløb.', 'da'],
		['The project will help companies in the region to develop the skills of their employees.', 'en'],
		['Hankkeen tavoitteena on parantaa pienten yritysten osaamista alueella.', 'unknown'],
		['Das Projekt soll kleinen Unternehmen in der Region helfen, ihre Kompetenzen zu entwickeln.', 'unknown']
	])('%s → %s', (text, lang) => {
		expect(detectLanguage(text).language).toBe(lang);
	});

	it('places a Swedish text about Finnish regions in Finland, with euro as currency', () => {
		const r = only(
			'NTM-centralen i Österbotten har beviljat projektet Vasa Växer 300 000 euro. Projektet drivs av Vasa stad och pågår i Österbotten.'
		);
		expect([r.country, r.regions, r.amount]).toEqual(['FI', ['Österbotten'], { value: 300_000, currency: 'EUR' }]);
	});

	it('keeps a county and leaves out the programme area that contains it', () => {
		const r = only(
			'Svenska ESF-rådet har beviljat projektet Lyft Syd 5 miljoner kronor. I Sydsverige ska projektet nå företag i Skåne och Blekinge.'
		);
		expect(r.regions).toEqual(['Skåne', 'Blekinge']);
	});
});

describe('segmentation', () => {
	it('does not end sentences at abbreviations or ordinal dates', () => {
		const text = 'Prosjektet får 3 mill. kr i støtte fra 1. januar 2024. Det er bra.';
		const { sentences } = segment(text);
		expect(sentences.map((s) => text.slice(s.start, s.end))).toEqual([
			'Prosjektet får 3 mill. kr i støtte fra 1. januar 2024.',
			'Det er bra.'
		]);
	});
});

describe('currency words from the lexicons', () => {
	it('reads a currency word with two neighbouring letters swapped', () => {
		expect(money('Kommunen får 2,6 miljoner kronro.', sv)).toEqual([['2,6 miljoner kronro', 2_600_000, 'SEK']]);
		expect(money('Byen får 2 millioner kroenr.', no)).toEqual([['2 millioner kroenr', 2_000_000, 'NOK']]);
	});

	it('reads "kroner" as the Danish krone in Denmark and the Norwegian elsewhere', () => {
		expect(money('Kommunen får 2 millioner kroner.', { lang: 'no', country: 'DK' })[0][2]).toBe('DKK');
		expect(money('Kommunen får 2 millioner kroner.', { lang: 'no', country: 'NO' })[0][2]).toBe('NOK');
		expect(money('The town receives 2 million kroner.', en)[0][2]).toBe('NOK');
	});
});

describe('fact boxes with a programme label', () => {
	it('takes a sum under a programme label as the grant, a year range as the programme', () => {
		const sum = only(
			'Digital skola\n\nProjektet ska ge lärarna i Umeå nya verktyg för att undervisa.\n\nProjektägare: Umeå kommunFinansiering: 1 200 000 kr\n'
		);
		expect(sum.amount).toEqual({ value: 1_200_000, currency: 'SEK' });
		expect(sum.owner).toBe('Umeå kommun');
		const years = only('Digital skola\n\nProjektägare: Umeå kommun\nProgram: 2014–2020\nBeviljat stöd: 1 200 000 kr\n');
		expect(years.amount).toEqual({ value: 1_200_000, currency: 'SEK' });
	});
});

describe('summary', () => {
	// The summary is public; contact persons are personal data and are not.
	it('stops before a contact line that follows the prose without a blank line', () => {
		const r = only(
			[
				'Pressmeddelande 2024-03-12',
				'',
				'Socialfonden beviljar 4 200 000 kronor till projektet Gröna Jobb Norrland.',
				'Projektägare är Umeå kommun. Projektet pågår 2024-04-01 till 2026-12-31.',
				'I samarbete med Skellefteå kommun och Norrlands Yrkesakademi AB.',
				'Kontaktperson: Anna Svensson, 070-123 45 67, anna.svensson@umea.se'
			].join('\n')
		);
		expect(r.summary).toBe(
			'Socialfonden beviljar 4 200 000 kronor till projektet Gröna Jobb Norrland. Projektägare är Umeå kommun. Projektet pågår 2024-04-01 till 2026-12-31. I samarbete med Skellefteå kommun och Norrlands Yrkesakademi AB.'
		);
		expect(r.contacts.map((c) => [c.name, c.phone, c.email])).toEqual([['Anna Svensson', '070-123 45 67', 'anna.svensson@umea.se']]);
	});
});

describe('shapes of the unseen batch (tests/extract/unseen)', () => {
	it('reads the name between a grant verb and the sum as the owner', () => {
		const sv5 = only('Svenska ESF-rådet har beviljat Kiruna kommun 3,1 miljoner kronor till projektet Malmvägen.');
		expect(sv5.owner).toBe('Kiruna kommun');
		expect(sv5.funder).toBe('Svenska ESF-rådet');
		const en5 = only('The fund has awarded Devon County Council £1.2 million for the project Coastal Careers.');
		expect(en5.owner).toBe('Devon County Council');
		// No name between verb and sum: nobody is made the owner.
		expect(only('Tillväxtverket har beviljat 9 miljoner kronor till projektet Malmvägen.').owner).toBeNull();
	});

	it('takes a name with a led-by apposition as the project', () => {
		const r = only('FJORDLINK, led by Western Norway University, receives EUR 1.1 million from Interreg North Sea.');
		expect(r.title).toBe('FJORDLINK');
		expect(r.owner).toBe('Western Norway University');
	});

	it('reads ordinary-word labels stacked over their values only beside other labels', () => {
		const r = only(
			'Harbour Skills\n\nBeneficiary\nEsbjerg Municipality\n\nTotal budget\nDKK 6 200 000\n\nPeriod\n2024-02-01 to 2026-12-31\n'
		);
		expect(r.owner).toBe('Esbjerg Municipality');
		expect(r.endDate).toBe('2026-12-31');
	});

	it('reads a share under a grant label as no sum', () => {
		const r = only(
			'Fjord Data Lab\n\nLead partner: University of Bergen\nERDF co-financing: 60%\nProject duration: 01.01.2024 - 31.12.2026\n'
		);
		expect(r.amount).toBeNull();
	});

	it('splits list items whose parts read alike the way their siblings split', () => {
		const x = extractDocument(
			'Tre nya projekt i Västerbotten\n\nSvenska ESF-rådet har beviljat stöd från ESF+ till tre projekt:\n\n- Nya vägar, Umeå kommun, 4 miljoner kronor\n- Digital vård, Region Västerbotten, 3 miljoner kronor\n- Skogslyftet Norr, SLU, 2 miljoner kronor\n'
		);
		expect(x.records.map((r) => [r.record.title, r.record.owner])).toEqual([
			['Nya vägar', 'Umeå kommun'],
			['Digital vård', 'Region Västerbotten'],
			['Skogslyftet Norr', 'SLU']
		]);
	});

	it('takes a sum whose sentence has the grant as its subject', () => {
		const sv5 = only('Region Gävleborg har fått stöd från Europeiska socialfonden för projektet Vårdsteget. Stödet uppgår till 2 400 tkr.');
		expect(sv5.amount).toEqual({ value: 2_400_000, currency: 'SEK' });
		const no5 = only('Nordland fylkeskommune har fått støtte til prosjektet Kystløftet. Tilskuddet er på 1,5 millioner kroner.');
		expect(no5.amount).toEqual({ value: 1_500_000, currency: 'NOK' });
		// The subject that received support for the project owns it.
		expect(sv5.owner).toBe('Region Gävleborg');
		expect(no5.owner).toBe('Nordland fylkeskommune');
	});

	it('votes the United Kingdom for a page in pounds', () => {
		expect(only('Skills Hub\n\nLead organisation: Tees Valley College\nESF allocation: £1,480,000\n').country).toBe('GB');
	});
});

describe('shapes of the second unseen batch (tests/extract/unseen, *6_)', () => {
	it('reads a name in apposition after "programme," as the project', () => {
		const r = only(
			'Exeter College will lead a new £2 million programme, Skills Bridge Devon, after securing funding from the European Social Fund.'
		);
		expect(r.title).toBe('Skills Bridge Devon');
		// No name after the comma: no project is read from it.
		expect(extractDocument('Under the programme, the council has set aside £2 million for skills.').records).toEqual([]);
	});

	it('keeps a name read after "projektet" that opens with a preposition', () => {
		const r = only('Erhvervsstyrelsen har givet 3,1 mio. kr. til projektet Fra ledig til lærling. Projektet ledes af Vejle Kommune.');
		expect(r.title).toBe('Fra ledig til lærling');
	});

	it('reads the subject of "har beviljats" as the owner', () => {
		const r = only('Region Dalarna har beviljats 5,2 miljoner kronor från Europeiska socialfonden för projektet Vägen in.');
		expect(r.owner).toBe('Region Dalarna');
	});

	it('reads a target number with a comma between thousands', () => {
		const r = only(
			'Hull College has been awarded £1.9 million for the project Skills Forward. It aims to support 1,250 people across Hull.'
		);
		expect(r.participants).toBe(1250);
	});

	it('reads an English managing authority whose name holds commas whole', () => {
		const r = only(
			'The Ministry of Housing, Communities and Local Government has awarded £2 million from the ERDF to the project Coastal Growth Hub.'
		);
		expect(r.funder).toBe('Ministry of Housing, Communities and Local Government');
	});
});

describe('the page heading and where records begin (issue 12)', () => {
	it('passes over the site name, skip link, menu, breadcrumb and cookie notice to the heading', () => {
		const page = [
			'Vestland fylkeskommune',
			'Hopp til hovudinnhald',
			'Tjenester  Nyheter  Om oss',
			'Forside › Prosjekter',
			'Vi bruker informasjonskapsler for å forbedre nettstedet.',
			'',
			'Sjøsterk',
			'',
			'Prosjektfakta',
			'Prosjekteier: Bremnes Fiskeriforum',
			'Tilskudd: NOK 420 000',
			'Prosjektperiode: 01.01.2025–31.12.2026'
		].join('\n');
		const x = extractDocument(page);
		expect(x.title).toBe('Sjøsterk');
		expect(only(page).title).toBe('Sjøsterk');
	});

	it('takes the heading under a portal header and a fact box, not the portal or a fact value', () => {
		const page = [
			'Kohesio: discover EU projects in your region',
			'',
			'Home',
			'Projects',
			'',
			'beneficiary',
			'Malmö stad',
			'Start date: 1 June 2024',
			'EU contribution: 400 000,00 € (40%)',
			'',
			'Green Roofs Malmö',
			'',
			'The project trains roofers to build green roofs on public buildings in Malmö.'
		].join('\n');
		expect(only(page).title).toBe('Green Roofs Malmö');
	});

	it("passes over a first line that names the fact box's owner: the site is the owner's", () => {
		const page =
			'Senja Næringsforum\n\nFisketurisme Senja\n\nProsjekteier: Senja Næringsforum\nTilskudd: NOK 300 000\nProsjektperiode: 01.01.2025–31.12.2025';
		expect([only(page).title, only(page).owner]).toEqual(['Fisketurisme Senja', 'Senja Næringsforum']);
	});

	it("passes over the site's tagline under its name", () => {
		const page =
			'Interreg Aurora\nCooperation in the north\n\nSnowSkills\n\nLead partner: Umeå University\nProject start: 1 May 2024\nEU funding: € 500,000';
		expect(only(page).title).toBe('SnowSkills');
	});

	it("drops the site's name after the page title", () => {
		const page =
			'TideLink | Interreg North Sea\n\nLead beneficiary: Port of Esbjerg\nERDF co-financing: € 900,000\nProject start: 1 May 2024';
		expect(extractDocument(page).title).toBe('TideLink');
		expect(only(page).title).toBe('TideLink');
	});

	it('skips a line of the date it was published', () => {
		const x = extractDocument(
			'Published: 3 May 2024\n\nBlue Harbours gets EUR 2 million\n\nThe project Blue Harbours receives EUR 2 million.'
		);
		expect(x.title).toBe('Blue Harbours gets EUR 2 million');
	});

	it('gives no record for a table total row', () => {
		const table = [
			'Bevilgede prosjekter 2024',
			'',
			'Prosjekt | Prosjekteier | Tilskudd (kr)',
			'Kystlos | Bodø kommune | 1 200 000',
			'Fjellmat | Røros kommune | 800 000',
			'Totalt | | 2 000 000'
		].join('\n');
		expect(extractDocument(table).records.map((r) => r.record.title)).toEqual(['Kystlos', 'Fjellmat']);
	});

	it('does not name a project after the date line of a release', () => {
		const text = [
			'Two projects approved',
			'',
			'2 October 2024',
			'',
			'The committee approved two projects. Together they receive EUR 2.5 million from the programme.',
			'',
			'Fjord Skills',
			'',
			'Led by Molde University College, Fjord Skills will train 200 workers. EU funding: EUR 1,500,000.',
			'',
			'Coast Care',
			'',
			'The project owner is Nordland Hospital Trust. The project receives EUR 1 million.'
		].join('\n');
		expect(extractDocument(text).records.map((r) => r.record.title)).toEqual(['Fjord Skills', 'Coast Care']);
	});

	it('gives one record per bullet "Name – owner. Amount." under a site name, reading the owner from a role or a clause', () => {
		const text = [
			'Interreg Sverige-Norge',
			'Nyheter',
			'',
			'Tre nye prosjekter',
			'',
			' • Kystkultur – prosjekteier: Nord universitet. EU-midler: 200 000 euro. Prosjektet varer i to år.',
			' • Fjordbarn – Høgskolen i Molde leder prosjektet. Prosjektet får 300 000 euro fra EU.',
			' • Isfiske – prosjekteier er Tana kommune, som får 100 000 euro i EU-støtte.'
		].join('\n');
		const records = extractDocument(text).records.map((r) => [r.record.title, r.record.owner, r.record.amount?.value]);
		expect(records).toEqual([
			['Kystkultur', 'Nord universitet', 200000],
			['Fjordbarn', 'Høgskolen i Molde', 300000],
			['Isfiske', 'Tana kommune', 100000]
		]);
	});

	it('takes a business network that receives the grant as the project and whoever leads it as the owner', () => {
		const r = only(
			'Företagsnätverket Skogsvärme Norr har beviljats 800 000 kronor från Tillväxtverket.\n\nSkellefteå Science City leder nätverket.'
		);
		expect([r.title, r.owner]).toEqual(['Skogsvärme Norr', 'Skellefteå Science City']);
	});

	it('names the project from the body when the headline is a sentence about money', () => {
		const text = [
			'£900,000 for digital skills in Gwynedd',
			'',
			'A two-year scheme to teach older workers digital skills has secured £900,000 from the European Social Fund.',
			'',
			'Digital Bridges Gwynedd will be delivered by Menai Training Ltd, working with local libraries.'
		].join('\n');
		expect([only(text).title, only(text).owner]).toEqual(['Digital Bridges Gwynedd', 'Menai Training Ltd']);
	});

	it('does not read a programme name on over a line break', () => {
		const page = 'Interreg North Sea\nProjects\nApply\n\nTideLink\n\nLead beneficiary: Port of Esbjerg\nERDF co-financing: € 900,000';
		expect(only(page).programme).toBe('Interreg North Sea');
	});
});

describe('English prose and structure (issue 12, en12_*)', () => {
	it('reads the subject of "will lead a new … project" as the owner', () => {
		const r = only('Moray Council will lead a new £1.1 million project, Rural Routes, with funding from the ERDF.');
		expect(r.owner).toBe('Moray Council');
		// Leading something that is no project makes no owner.
		expect(only('Moray Council will lead a review of bus routes. The project Rural Routes receives £1.1 million.').owner).toBeNull();
	});

	it('reads a list that is the subject of "are delivery partners" as partners', () => {
		const r = only(
			'Moray Council will lead a new £1.1 million project, Rural Routes. Elgin Academy and Speyside Trust are delivery partners.'
		);
		expect(r.partners).toEqual(['Elgin Academy', 'Speyside Trust']);
	});

	it('reads "A and B College" as one body named for two places, not two', () => {
		const r = only(
			'The project Rural Routes receives £1.1 million. It is delivered in partnership with Nelson and Colne College and Moray Council.'
		);
		expect(r.partners).toEqual(['Nelson and Colne College', 'Moray Council']);
		const t = only('The project Rural Routes receives £1.1 million. It is delivered in partnership with NTNU and Nord University.');
		expect(t.partners).toEqual(['NTNU', 'Nord University']);
	});

	it('reads "N% of the costs" as the co-financing rate and the share beside a grant label', () => {
		expect(only('The project Rural Routes receives £1.1 million. The ERDF covers 60 % of eligible costs.').cofinancingRate).toBe(0.6);
		const kv = only('Rural Routes\n\nBeneficiary\nMoray Council\n\nEU contribution\nEUR 900 000 (40 %)\n\nFund\nERDF\n');
		expect(kv.cofinancingRate).toBe(0.4);
		expect(kv.amount).toEqual({ value: 900_000, currency: 'EUR' });
	});

	it('reads a name that opens a paragraph as the project: the subject of a verb of doing, or before a colon', () => {
		expect(
			only('Harbour news\n\nTideWorks will train 300 workers. The lead partner is Orkney College and the project receives €2.1m.').title
		).toBe('TideWorks');
		expect(only('Harbour news\n\nHARBOURLOOP: a project to reuse sediment. It is led by Delft University, which gets €1.4m.').title).toBe(
			'HARBOURLOOP'
		);
		// An ordinary word, a body or a label opening a paragraph is no project's name.
		const x = extractDocument('Harbour news\n\nTraining will start in May. Orkney College will host it.\n\nFunding: €2.1m in total.');
		expect(x.records.map((r) => r.record.title)).not.toContain('Training');
		expect(x.records.map((r) => r.record.title)).not.toContain('Orkney College');
	});

	it('reads "delivered by" as the owner, "working alongside" as partners, and no scheme ceiling as the rate', () => {
		const r = only(
			'Jobs news\n\nFamily Works will be delivered by Kingdom Trust, working alongside Fife College and the Gingerbread Network. It has secured £940,000 from the European Social Fund.'
		);
		expect(r.owner).toBe('Kingdom Trust');
		expect(r.partners).toEqual(['Fife College', 'Gingerbread Network']);
		expect(r.amount).toEqual({ value: 940_000, currency: 'GBP' });
		expect(only('The project Family Works receives £940,000. The ESF can cover up to 50% of eligible costs.').cofinancingRate).toBeNull();
	});

	it('ends a name before "as managing authority"', () => {
		const r = only(
			'The project Family Works receives £940,000, awarded through the Department for Work and Pensions as managing authority.'
		);
		expect(r.funder).toBe('Department for Work and Pensions');
	});

	it('reads partners without their country: "(NL)", "in Sweden", and ends a bullet list at a heading', () => {
		const kv = only(
			'PortSkills\n\nLead partner: Seaport Authority (LT)\nTotal budget: € 2,950,000\n\nPartners\n\n • Tallinn University (EE)\n • HHLA Academy GmbH (DE)\n\nContact\nRasa Petrauskienė, project manager\n'
		);
		expect(kv.partners).toEqual(['Tallinn University', 'HHLA Academy GmbH']);
		expect([kv.owner, kv.country]).toEqual(['Seaport Authority', 'LT']);
		const prose = only('The project PortSkills receives €2m. It works with Trelleborg Hamn AB in Sweden and Aarhus Havn in Denmark.');
		expect(prose.partners).toEqual(['Trelleborg Hamn AB', 'Aarhus Havn']);
		// A body named for its task keeps its country.
		expect(only('The project PortSkills receives €2m together with the Directorate of Labour in Iceland.').partners).toEqual([
			'Directorate of Labour in Iceland'
		]);
	});

	it('keeps a currency after a Nordic number word ("to EUR" is no "two")', () => {
		expect(money('The ERDF grant amounts to EUR 1.55 million.', { lang: 'en', country: 'DK' })).toEqual([
			['EUR 1.55 million', 1_550_000, 'EUR']
		]);
		expect(money('Prosjektet får to millioner kroner.', no)).toEqual([['to millioner kroner', 2_000_000, 'NOK']]);
	});

	it('counts targets in a sentence that calls the project "the programme" when it names no sum', () => {
		const r = only(
			'Care news\n\nCare Skills will be delivered by Furness Trust. It has secured £1.38 million from the European Social Fund. The programme runs until 2022 and aims to support 850 employees in at least 140 care providers.'
		);
		expect([r.participants, r.companies]).toEqual([850, 140]);
	});

	it('reads the body a sum goes "to" as the owner and what it is "for" as the project', () => {
		const r = only(
			'The National Lottery Community Fund has awarded £480,000 to Moray Youth Trust for Open Doors, a drop-in for young people.'
		);
		expect([r.title, r.owner]).toEqual(['Open Doors', 'Moray Youth Trust']);
		// A sum to a programme or to "the project" names no owner.
		expect(only('The council has granted £48,000 to the project Open Doors.').owner).toBeNull();
	});

	it("reads a capitalised scheme word as part of the programme's name", () => {
		const r = only('The project KelpMeal receives NOK 3.2 million from the Bioeconomy Pilot Scheme 2024-2027, which supports pilots.');
		expect(r.programme).toBe('Bioeconomy Pilot Scheme 2024-2027');
	});

	it('takes a sum the prose grants over a larger total budget in a fact box, a grant label over both', () => {
		const text = 'The panel has decided to grant £1.5 million to the project Cell Skills.\n\nTotal project budget: £3,400,000\n';
		expect(only(text).amount).toEqual({ value: 1_500_000, currency: 'GBP' });
		expect(only(text + 'Grant: £1,200,000\n').amount).toEqual({ value: 1_200_000, currency: 'GBP' });
	});

	it('reads a reference number in the paragraph of one of several projects', () => {
		const x = extractDocument(
			'Two new projects\n\nBlueFood, led by Campus Varberg, receives EUR 1.9 million. Reference number: 20356001.\n\nGreenPort, led by Halden Havn, receives EUR 1.5 million.'
		);
		expect(x.records.map((r) => [r.record.title, r.record.reference])).toEqual([
			['BlueFood', '20356001'],
			['GreenPort', null]
		]);
	});

	it('reads places listed after "across" as regions, the gazetteer aside, but no list of bodies', () => {
		const r = only('The project Care Skills receives £1.38 million and works across Allerdale, Copeland and Barrow-in-Furness.');
		expect(r.regions).toEqual(['Allerdale', 'Copeland', 'Barrow-in-Furness']);
		expect(only('The project Care Skills receives £1.38 million across Carlisle College and Kendal College.').regions).toEqual([]);
	});

	it('reads a partner introduced by a described kind of body ("the vocational school X") by its name', () => {
		const r = only(
			'The project Funen Robots receives €760,000. It is carried out together with the vocational school Syddansk Erhvervsskole.'
		);
		expect(r.partners).toEqual(['Syddansk Erhvervsskole']);
	});

	it('reads what a received sum is "for" as one of several projects, and its owner elsewhere in its paragraph', () => {
		const x = extractDocument(
			'Two projects funded\n\nBuckie Works will receive £1.9 million to rebuild the net store. The project is led by Buckie Harbour Trust.\n\nThe University of Aberdeen receives £1.6 million for Speyside Skills, which will train technicians.'
		);
		expect(x.records.map((r) => [r.record.title, r.record.owner])).toEqual([
			['Buckie Works', 'Buckie Harbour Trust'],
			['Speyside Skills', 'University of Aberdeen']
		]);
		// A sum for something that is no name makes no project.
		const roads = extractDocument('Moray news\n\nThe council receives £1.6 million for Highland roads.');
		expect(roads.records.map((r) => r.record.title)).not.toContain('Highland roads');
	});

	it('reads a name after "to deliver" and one in apposition to "a programme"', () => {
		expect(only('Kirklees College has been awarded £1.4 million to deliver Next Steps, a course for adults.').title).toBe('Next Steps');
		expect(only('Next Steps, a programme for adults, receives £1.4 million.').title).toBe('Next Steps');
	});

	it('reads a body that opens with a first name whole, and no sentence\'s "The" as part of a name', () => {
		const r = only('Aberdeen, 3 May 2023 – Robert Gordon University has been granted €1.9m for the project Energy Pathways.');
		expect(r.owner).toBe('Robert Gordon University');
		const x = extractDocument(
			'Projects in Fife\n\nThe UK Government has approved these projects:\n\n• Fife Works – Fife Council – £840,000\n• Green Fife – Fife College – £620,000\n'
		);
		expect(x.records.map((r) => r.record.funder)).toEqual(['UK Government', 'UK Government']);
	});

	it('reads "the X Fund" as a programme unless it is a known fund or funder', () => {
		expect(only('The project Angus Works receives £760,000 under the Community Renewal Fund.').programme).toBe('Community Renewal Fund');
		expect(only('The project Angus Works receives £760,000 from the European Social Fund.').programme).toBe('European Social Fund');
	});

	it('reads a stacked fact box down to its last label, and the country that ends a location', () => {
		const r = only(
			'Smart Ports\n\nBeneficiary\nPort Authority of Liepāja\n\nStart date\n1 March 2023\n\nEnd date\n28 February 2026\n\nFund\nERDF\n\nProgramme\nLatvia Cohesion Programme\n\nLocation\nKurzeme, Latvia\n'
		);
		expect(r.country).toBe('LV');
		expect(r.regions).toEqual(['Kurzeme']);
	});

	it('reads a known funder before a possessive "\'s" as the funder', () => {
		const r = only("The project Energy Pathways has been granted €1.9m by the European Commission's Just Transition Fund.");
		expect([r.funder, r.programme]).toEqual(['European Commission', 'Just Transition Fund']);
	});

	it('takes no co-financer ("match funding from") as the funder', () => {
		const r = only('The project Warm Homes receives £2.6 million from the ERDF, with match funding from Devon County Council.');
		expect(r.funder).not.toBe('Devon County Council');
	});

	it('takes the programme, not its committee, as the funder', () => {
		const r = only('The monitoring committee of Interreg Baltic Sea Region approved the project SmartHeat, which receives €3.4m.');
		expect(r.funder).toBe('Interreg Baltic Sea Region');
	});

	it('reads two numeric dates glued by a hyphen as a range', () => {
		const text = 'Periode: 01.08.2022-31.07.2025';
		const dates = findDates(text);
		expect(dates.map((d) => d.iso)).toEqual(['2022-08-01', '2025-07-31']);
		expect(findRanges(text, dates)).toHaveLength(1);
		// An ISO date stays one date.
		expect(findDates('Start 2022-08-01.').map((d) => d.iso)).toEqual(['2022-08-01']);
	});

	it('takes the grant column, not the total cost, and the start and end columns of a table row', () => {
		const x = extractDocument(
			'ESF projects\n\nProject | Lead applicant | ESF (£) | Total cost (£) | Start date | End date\nStep Up | Tees College | 742,000 | 1,236,000 | 01/06/2019 | 31/05/2022\nWorks | Hartlepool Borough Council | 515,400 | 859,000 | 15/07/2019 | 14/07/2021\n'
		);
		expect(x.records.map((r) => [r.record.amount?.value, r.record.startDate, r.record.endDate])).toEqual([
			[742_000, '2019-06-01', '2022-05-31'],
			[515_400, '2019-07-15', '2021-07-14']
		]);
	});

	it('reads the full dates of a table row as its period, a year range as none', () => {
		const x = extractDocument(
			'Approved projects\n\n| Project | Lead partner | ERDF (EUR) | Period |\n| Blue Harbours | Port of Aarhus | 1,250,000 | 2024-01-01 – 2026-12-31 |\n| Coastal Data | Tallinn University | 640,000 | 2023–2026 |\n'
		);
		expect(x.records.map((r) => [r.record.startDate, r.record.endDate, r.record.amount?.value])).toEqual([
			['2024-01-01', '2026-12-31', 1_250_000],
			[null, null, 640_000]
		]);
	});
});

describe('Nordic misses (issue 12): Danish, Norwegian and Swedish grammar', () => {
	function records(text: string) {
		return extractDocument(text).records.map((r) => r.record);
	}

	it('keeps a place after "i"/"på" in a name read after a cue', () => {
		expect(only('Erhvervsstyrelsen giver 3,2 mio. kr. til projektet Digitale kompetencer på Fyn.').title).toBe(
			'Digitale kompetencer på Fyn'
		);
	});

	it('reads the owner a grant sentence leaves out from the next sentence of its paragraph', () => {
		const [first] = records(
			'Erhvervsstyrelsen giver 2,5 mio. kr. til projektet Lærling i Lolland. Projektet ledes af Lolland Kommune.\n\nErhvervsstyrelsen giver 1,8 mio. kr. til projektet Voksne i job.'
		);
		expect(first.owner).toBe('Lolland Kommune');
	});

	it.each([
		['Desuden får Guldborgsund Kommune 1,8 mio. kr. til projektet Voksne i job.', 'Guldborgsund Kommune'],
		['I tillegg får Bodø kommune NOK 2 500 000 til prosjektet Havnebyen Bodø.', 'Bodø kommune'],
		['Dessutom får Kiruna kommun 2,1 mnkr till projektet Nya Kiruna centrum.', 'Kiruna kommun']
	])('reads the subject after the verb of "%s" as the owner of the second project', (second, owner) => {
		const [, r] = records(`Tillväxtverket ger 3 mnkr till projektet Första steget. Projektet leds av Umeå kommun.\n\n${second}`);
		expect(r.owner).toBe(owner);
	});
});

describe('Nordic misses (issue 12): programmes, partners and places', () => {
	it('names a programme by its full name where the text also writes it short ("Interreg-prosjekt")', () => {
		const r = only('Nytt Interreg-prosjekt\n\nInterreg Sverige-Norge har innvilget 850 000 euro til prosjektet Pendlerbro Halden.');
		expect(r.programme).toBe('Interreg Sverige-Norge');
	});

	it('reads a grant whose sentence names a fund with "fondet" as the project\'s, not a pool', () => {
		const r = only(
			'Interreg Aurora har innvilget 850 000 euro fra Det europeiske fondet for regional utvikling til prosjektet Samisk reiseliv.'
		);
		expect(r.amount).toEqual({ value: 850_000, currency: 'EUR' });
	});

	it('reads every name of a subject that takes part, and partners on the other side of a border', () => {
		expect(
			only('Erhvervsstyrelsen giver 2 mio. kr. til projektet Grønne Havne. Region Skåne og Göteborgs Hamn AB deltager som partnere.')
				.partners
		).toEqual(['Region Skåne', 'Göteborgs Hamn AB']);
		expect(
			only('Interreg Sverige-Norge gir 1 mill. kr til prosjektet Grensebro. Strömstads kommun deltar på svensk side.').partners
		).toEqual(['Strömstads kommun']);
	});

	it('reads partners named after "partnere i <country>:"', () => {
		const r = only(
			'Projektet Grønne Havne får 2 mio. kr. fra Socialfonden. Projektet har partnere i Norge: Larvik Havn KF og Vestfold fylkeskommune.'
		);
		expect(r.partners).toEqual(['Larvik Havn KF', 'Vestfold fylkeskommune']);
	});

	it('does not place a project in a partner region abroad', () => {
		const r = only(
			'Projektet Grønne Havne får 2 mio. kr. fra Socialfonden. Projektet ledes af Aalborg Kommune i samarbejde med Region Skåne.'
		);
		expect(r.regions).not.toContain('Skåne');
	});
});

describe('Nordic misses (issue 12): funders and programmes of each project', () => {
	it('gives each grant sentence the fund it names', () => {
		const [a, b] = extractDocument(
			'Projektet Grøn produktion, der ledes af Herning Kommune, får 6,5 mio. kr. fra Regionalfonden.\n\nProjektet Faglært i fremtiden, der ledes af Viden Djurs, får 4 mio. kr. fra Socialfonden.'
		).records.map((r) => r.record);
		expect([a.programme, b.programme]).toEqual(['Regionalfonden', 'Socialfonden']);
	});

	it("gives each grant sentence the body that grants in it, and no other body's fund as programme", () => {
		const [a, b] = extractDocument(
			'Regionalt forskningsfond Vestland har tildelt 1,5 millioner kroner til prosjektet Grønn fiskeflåte.\n\nInnovasjon Norge har også innvilget kr 1 200 000 til prosjektet Smart kai.'
		).records.map((r) => r.record);
		expect([a.funder, b.funder]).toEqual(['Regionalt forskningsfond Vestland', 'Innovasjon Norge']);
		expect(b.programme).toBeNull();
	});

	it('reads the fund of "Tildeling fra …" as the funder', () => {
		const r = only(
			'Tildeling fra Regionalt forskningsfond Agder\n\nUniversitetet i Agder får 1,8 millioner kroner til prosjektet «Havvind i sør».'
		);
		expect(r.funder).toBe('Regionalt forskningsfond Agder');
	});
});

describe('Nordic misses (issue 12): announcements and tables', () => {
	it.each([
		[
			'Trøndelag fylkeskommune har fått tilsagn om 3,2 millioner kroner til prosjektet Grønn landbruksomstilling.',
			'Trøndelag fylkeskommune'
		],
		['Vejle Kommune har fået tilsagn om 2,1 mio. kr. til projektet Grøn Vejle.', 'Vejle Kommune'],
		['Prosjektet «Havrobot» får 2 millioner kroner. Prosjektansvarlig er SINTEF Ocean AS.', 'SINTEF Ocean AS'],
		['Projektet Grøn Vejle får 2,1 mio. kr. Projektholder er Vejle Kommune.', 'Vejle Kommune']
	])('reads the owner of "%s"', (text, owner) => {
		expect(only(text).owner).toBe(owner);
	});
});

describe('Nordic misses of the third blind batch (issue 12): owners and partners in prose', () => {
	it.each([
		['Projektet Byggelærling Fyn får 5,6 mio. kr. Bag projektet står Svendborg Erhvervsskole.', 'Svendborg Erhvervsskole'],
		['Prosjektet Tarefôr får 2 mill. kr. Bak prosjektet står Lofoten Tare AS.', 'Lofoten Tare AS'],
		['Regionalt forskningsfond Nordland har tildelt 2,4 mill. kr til Lofoten Tare AS for prosjektet Tarefôr.', 'Lofoten Tare AS']
	])('reads the owner of "%s"', (text, owner) => {
		expect(only(text).owner).toBe(owner);
	});

	it.each([
		[
			'Projektet Byggelærling Fyn får 5,6 mio. kr. Skolen samarbejder med Byggeriets Uddannelser og Dansk Byggeri Fyn.',
			['Byggeriets Uddannelser', 'Dansk Byggeri Fyn']
		],
		[
			'Projektet Byggelærling Fyn får 5,6 mio. kr. Odense Tekniske Gymnasium og Fynsk Byggecenter er partnere.',
			['Odense Tekniske Gymnasium', 'Fynsk Byggecenter']
		],
		[
			'Prosjektet Tarefôr får 2 mill. kr. Bedriften skal, sammen med forskere fra Nofima og Nord universitet, teste tang.',
			['Nofima', 'Nord universitet']
		],
		[
			'Prosjektet Tarefôr får 2 mill. kr. Nord universitet leder prosjektet, med Nofima og Bodø kommune som partnere.',
			['Nofima', 'Bodø kommune']
		]
	])('reads the partners of "%s"', (text, partners) => {
		expect(only(text).partners).toEqual(partners);
	});
});

describe('Nordic misses of the third blind batch (issue 12): owner-first grant sentences', () => {
	it('reads the name a sum is "för" as the project and the receiver before it as the owner', () => {
		const r = only('Mittuniversitetet tar emot 5 200 000 kronor för Digital vård Norr, som genomförs tillsammans med Sundsvalls kommun.');
		expect([r.title, r.owner, r.partners]).toEqual(['Digital vård Norr', 'Mittuniversitetet', ['Sundsvalls kommun']]);
		// An organisation after "för" is no project.
		expect(extractDocument('Tillväxtverket beviljar 5 mnkr för Region Gotland.').records).toEqual([]);
	});

	it('reads the receiver of "Till X går N" and a name after "Projektet heter" in a bullet', () => {
		const [, r] = extractDocument(
			' • Örnsköldsviks kommun får 2,8 mnkr för projektet Grön industripark.\n • Till Härnösands kommun går 3,4 miljoner kronor. Projektet heter Jobbsteget och ska nå 120 deltagare.'
		).records.map((x) => x.record);
		expect([r.title, r.owner, r.amount?.value]).toEqual(['Jobbsteget', 'Härnösands kommun', 3_400_000]);
	});
});

describe('Nordic misses of the third blind batch (issue 12): a project named in the sentence beside its sum', () => {
	it('reads "Det andet projekt hedder X. Her er Y projektejer, og tilskuddet er på N" as a project of its own', () => {
		const [, r] = extractDocument(
			'Det første projekt, Fremtidens Værksted, drives af Odense Kommune og modtager 2,6 mio. kr.\n\nDet andet projekt hedder Kystlinjen Fyn. Her er Visit Fyn projektejer, og tilskuddet er på 1,9 millioner kroner. Projektet løber til og med 31. marts 2026.'
		).records.map((x) => x.record);
		expect([r.title, r.owner, r.amount?.value, r.endDate]).toEqual(['Kystlinjen Fyn', 'Visit Fyn', 1_900_000, '2026-03-31']);
	});
});

describe('Nordic misses of the third blind batch (issue 12): a bullet of a name, a dash and sentences', () => {
	it('reads "Name – prosjekteier: X. EU-midler: N." and "Name – X leder prosjektet … Prosjektet får N" as projects', () => {
		const [a, b] = extractDocument(
			' • Grønn grense – prosjekteier: Nord universitet. EU-midler: 640 000 euro. Svensk partner: Umeå universitet.\n • Skog og tre i skolen – Mosjøen kommune leder prosjektet, med Hattfjelldal kommune og Storumans kommun som partnere. Prosjektet får 580 000 euro fra EU.'
		).records.map((x) => x.record);
		expect([a.title, a.owner, a.amount?.value, a.partners]).toEqual(['Grønn grense', 'Nord universitet', 640_000, ['Umeå universitet']]);
		expect([b.title, b.owner, b.amount?.value, b.partners]).toEqual([
			'Skog og tre i skolen',
			'Mosjøen kommune',
			580_000,
			['Hattfjelldal kommune', 'Storumans kommun']
		]);
	});
});

describe('Nordic misses of the third blind batch (issue 12): rates and targets in prose', () => {
	it.each([
		['Projektet Smag af Vestkysten får 1,6 mio. kr. EU betaler 40 procent af udgifterne.', 0.4],
		['Prosjektet Kystmat får 2 mill. kr. EU dekker 50 prosent av kostnadene.', 0.5],
		['Projektet Språkstegen får 2 mnkr. EU står för 60 procent av kostnaderna.', 0.6]
	])('reads the rate of "%s"', (text, rate) => {
		expect(only(text).cofinancingRate).toBe(rate);
	});

	it('counts compounds of a company noun and immigrants as targets', () => {
		expect(only('Projektet Smag af Vestkysten får 1,6 mio. kr. og skal hjælpe 35 fødevare- og turismevirksomheder.').companies).toBe(35);
		expect(only('Projektet Språkstegen får 2 mnkr. Målet är att 90 invandrare ska få språkundervisning.').participants).toBe(90);
	});
});

describe('Nordic misses of the third blind batch (issue 12): the grant over a total budget', () => {
	it('takes the sum granted in prose over a smaller fact line of the total budget', () => {
		const r = only(
			'Nämnden har beslutat att bevilja 2,2 miljoner kronor till projektet Vätgas Gävleborg.\n\nProjekttid: 2025-03-01 – 2027-02-28\nProjektets totala budget: 4 800 000 kr'
		);
		expect(r.amount).toEqual({ value: 2_200_000, currency: 'SEK' });
	});
});

describe('Nordic misses of the third blind batch (issue 12): a business network as the project', () => {
	it('reads "Bedriftsnettverket X" as the project, who leads the network as its owner, and "Med er blant andre …" as partners', () => {
		const r = only(
			'Bedriftsnettverket Vesterålen Sjømat har fått innvilget kr 950 000 fra Innovasjon Norge. Vesterålen Næringsforum leder nettverket. Med er blant andre Andøy Fisk AS og Sortland Sjømat AS.'
		);
		expect([r.title, r.owner, r.partners]).toEqual([
			'Vesterålen Sjømat',
			'Vesterålen Næringsforum',
			['Andøy Fisk AS', 'Sortland Sjømat AS']
		]);
	});

	it('reads a one-word scheme after "programmet" where the clause ends with it', () => {
		expect(
			only('Prosjektet Fjordmat får 1 mill. kr. Tilskuddet gis gjennom programmet Bedriftsnettverk, der bedriftene samarbeider.').programme
		).toBe('Bedriftsnettverk');
	});
});

describe('Nordic misses (issue 12): an adverb before the receiver', () => {
	it.each([
		['Også Vejle Kommune får 2 mio. kr. til projektet Grøn Vejle.', 'Vejle Kommune'],
		['Även Umeå kommun får 2 mnkr till projektet Nya steg.', 'Umeå kommun'],
		['Derudover modtager Vejle Kommune 2 mio. kr. til projektet Grøn Vejle.', 'Vejle Kommune'],
		['EU Socialfond støtter projektet Grøn Vejle med 2 mio. kr. Projektet ledes af Vejle Kommune.', 'Vejle Kommune']
	])('reads the owner of "%s" without the adverb', (text, owner) => {
		expect(only(text).owner).toBe(owner);
	});
});

describe('Nordic misses (issue 12): one owner for the projects of a release', () => {
	it('gives every project the owner the sentence about all of them names', () => {
		const owners = extractDocument(
			'Tillväxtverket beviljar stöd till två projekt där Region Värmland är projektägare.\n\nProjektet Skogsnäring 4.0 får 6,1 miljoner kronor.\n\nProjektet Besöksnäring året runt får 2,7 miljoner kronor.'
		).records.map((r) => r.record.owner);
		expect(owners).toEqual(['Region Värmland', 'Region Värmland']);
	});
});

describe('Nordic misses (issue 12): Finland-Swedish texts and places in company names', () => {
	it('places a Swedish text that names an ELY centre in Finland', () => {
		const r = only('ELY-centralen i Nyland har beviljat Sibbo kommun 180 000 euro för projektet Jobbtorget Sibbo.');
		expect([r.country, r.funder, r.owner]).toEqual(['FI', 'ELY-centralen i Nyland', 'Sibbo kommun']);
	});

	it("does not take the place that opens a company's name as the project's region", () => {
		const r = only('Prosjektet ReGarn får 1,8 mill. kr. Prosjektet gjennomføres i samarbeid med Sunnfjord Plast AS.');
		expect(r.regions).not.toContain('Sunnfjord');
	});
});

describe('Nordic misses (issue 12): a project named around its grant', () => {
	it('takes a sum the next sentence spends on the project ("Pengene skal brukes i prosjektet X")', () => {
		const r = only(
			'Innovasjon Norge har gitt tilsagn om 4 millioner kroner til Glomfjord Energi AS. Pengene skal brukes i prosjektet Grønn Hydrogen Glomfjord.'
		);
		expect([r.amount?.value, r.owner]).toEqual([4_000_000, 'Glomfjord Energi AS']);
	});

	it('reads "Det heter X" after a sentence about the project', () => {
		expect(
			only('Projektet, som drivs av Sundsvalls kommun, har fått 2,3 miljoner kronor. Det heter Unga i arbete och ska nå 150 ungdomar.')
				.title
		).toBe('Unga i arbete');
	});

	it('reads the subject of "som X står bag" about the project as its owner', () => {
		expect(only('Erhvervsstyrelsen giver 3 mio. kr. til projektet Vejen til Vækst, som Vejle Kommune står bag.').owner).toBe(
			'Vejle Kommune'
		);
	});
});

describe('Nordic misses (issue 12): grant labels and passive participles', () => {
	it('reads "Tilskudd fra <body>:" as the grant label beside a total budget', () => {
		const r = only(
			'Prosjektnavn: Kystskogbruket 2.0\nProsjekteier: Kystskogbruket SA\nTotalbudsjett: 6 400 000 kr\nTilskudd fra Innovasjon Norge: 2 100 000 kr'
		);
		expect(r.amount).toEqual({ value: 2_100_000, currency: 'NOK' });
	});

	it('does not take the subject of a passive participle ("Projekter støttet af …") as the funder', () => {
		const x = extractDocument(
			'Projekter støttet af Regionalfonden\n\nProjekt | Projektholder | EU-midler (kr.)\nGrøn Havn Esbjerg | Port Esbjerg | 4.960.000\nFynsk Robotforløb | Odense Robotics | 3.280.000'
		);
		expect(x.records.map((r) => r.record.funder)).not.toContain('Projekter');
	});
});

describe('Nordic misses (issue 12): more ways to name the owner and partners', () => {
	it.each([
		['Projektet Grøn Skole får 2,1 mio. kr. Projektet er forankret i Herning Kommune.', 'Herning Kommune'],
		['Projektet Grøn Skole får 2,1 mio. kr. Herning Kommune har ansvaret for projektet.', 'Herning Kommune'],
		['Prosjektet Grønn skole får 2,1 millioner kroner. Prosjektet er forankret hos Nord universitet.', 'Nord universitet'],
		['Projektet Grön skola får 2,1 miljoner kronor. Ansvarig för projektet är Umeå universitet.', 'Umeå universitet'],
		['Projektet Grön skola får 2,1 miljoner kronor. Umeå universitet ansvarar för projektet.', 'Umeå universitet'],
		['Projektet Grön skola får 2,1 miljoner kronor. Huvudman för projektet är Umeå universitet.', 'Umeå universitet'],
		['Projektet Grøn Skole, som Vejle Kommune og UCL Erhvervsakademi står bag, har fået 2,1 mio. kr.', 'Vejle Kommune']
	])('reads the owner of "%s"', (text, owner) => {
		expect(only(text).owner).toBe(owner);
	});

	it('reads the bodies of "i et partnerskab mellem A, B og C" as partners', () => {
		expect(
			only(
				'Projektet Grøn Skole gennemføres i et partnerskab mellem Aarhus Universitet, VIA University College og Region Midtjylland og får 2,1 mio. kr.'
			).partners
		).toEqual(['Aarhus Universitet', 'VIA University College', 'Region Midtjylland']);
	});
});

describe('Nordic misses (issue 12): fact-box labels and a fact box without marker words', () => {
	it.each([
		[
			'Fossilfri Mälardalen\n\nProjektägare: Mälardalens universitet\nSamverkansparter: Västerås stad, Eskilstuna kommun',
			['Västerås stad', 'Eskilstuna kommun']
		],
		[
			'Fremtidens Lager\n\nAnsøger: Aarhus Business College\nMedansøgere: Dansk Erhverv og Aarhus Kommune',
			['Dansk Erhverv', 'Aarhus Kommune']
		]
	])('reads the partners of a fact box labelled "%s"', (text, partners) => {
		expect(only(text).partners).toEqual(partners);
	});

	it('gives a fact box with no marker word and no place the country of its language', () => {
		expect(
			only('Fremtidens Lager\n\nAnsøger: Aarhus Business College\nTilsagnsbeløb: 2.850.000 kr.\nMedansøgere: Dansk Erhverv').country
		).toBe('DK');
	});
});

describe('Nordic misses (issue 12): nynorsk', () => {
	it('reads "har fått løyvd … frå Regionalt forskingsfond X" with its funder', () => {
		expect(only('Prosjektet «Tare i sør» har fått løyvd 1,2 millionar kroner frå Regionalt forskingsfond Vestland.').funder).toBe(
			'Regionalt forskingsfond Vestland'
		);
	});
});

describe('Nordic misses (issue 12): a one-word owner in parentheses', () => {
	it('reads "Name (Owner) – sum" with a one-word owner, but not a place', () => {
		const [a, b] = extractDocument(
			'- Turisme hele året (VisitNordjylland) – 3,1 mio. kr.\n- Grøn Havn (Nordjylland) – 4,2 mio. kr.'
		).records.map((r) => r.record);
		expect([a.title, a.owner]).toEqual(['Turisme hele året', 'VisitNordjylland']);
		expect(b.owner).toBeNull();
	});
});

describe('the three issue 12 branches together', () => {
	it('reads the name that opens a heading too long to be a title, not a priority line after it', () => {
		const page = [
			'Interreg Sverige-Norge',
			'Prosjekter › Helse',
			'',
			'FjellHelse – felles opplæring av helsepersonell i fjellkommunene på begge sider av grensen',
			'',
			'Innsatsområde 2: Et sunnere grenseland',
			'',
			'Begge sider av grensen mangler sykepleiere. FjellHelse utvikler felles kurs i fjellkommunene. Målet er at 120 ansatte deltar.',
			'',
			'Prosjekteier: Nord universitet',
			'Prosjektperiode: 01.03.2024 – 28.02.2027',
			'Interreg-midler: 900.000 € (55 %)'
		].join('\n');
		expect(only(page).title).toBe('FjellHelse');
	});

	it('lists every partner of a subject, a name ending in a place not joined to the next body', () => {
		const r = only(
			'Projektet Havets Smag ledes af Nordsøen Oceanarium og modtager 2,4 mio. kr. Akvarium Hirtshals og Aarhus Universitet er partnere.'
		);
		expect(r.partners).toEqual(['Akvarium Hirtshals', 'Aarhus Universitet']);
		expect(readName('Truro and Penwith College will lead', 0)?.value).toBe('Truro and Penwith College');
	});

	it('reads no project from a sum for something lower-case, while a sentence-case name still counts', () => {
		const roads = extractDocument('Moray news\n\nThe council receives £1.6 million for Highland roads.');
		expect(roads.records.map((r) => r.record.title)).not.toContain('Highland roads');
		expect(only('Mittuniversitetet tar emot 5 200 000 kronor för Digital vård Norr, som genomförs med Sundsvalls kommun.').title).toBe(
			'Digital vård Norr'
		);
	});
});

describe('Nordic misses (issue 12): legal forms', () => {
	it.each([
		['Projektet Grøn Mejeri får 2 mio. kr. Projektet ledes af Thise Mejeri a.m.b.a. og Vejle Kommune.', 'Thise Mejeri a.m.b.a.'],
		['Projektet Grön hamn får 200 000 euro från Europeiska regionala utvecklingsfonden. Projektet leds av Vasa Hamn Abp.', 'Vasa Hamn Abp']
	])('reads the owner of "%s" with its legal form', (text, owner) => {
		expect(only(text).owner).toBe(owner);
	});
});
