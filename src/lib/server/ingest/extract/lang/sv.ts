import type { Lexicon } from './types';

/** Swedish, also as written in Finland. */
export const sv: Lexicon = {
	code: 'sv',
	country: 'SE',
	currency: 'SEK',
	markers: {
		och: 1.5, att: 1, är: 2, för: 1, som: 0.3, till: 1, av: 0.3, ett: 1.5, inte: 2, från: 2,
		också: 2, kommer: 1, ska: 1.5, kronor: 3, miljoner: 2.5, eller: 0.5, även: 2, sig: 1,
		deras: 1, vara: 1, samt: 2, hur: 1.5, vid: 1, där: 2, när: 1.5, utan: 1, mellan: 2,
		genom: 1.5, företag: 2.5, deltagare: 3, län: 2, projektet: 0.3, inom: 1.5, detta: 2,
		dessa: 2, sina: 1, skall: 1, kompetensutveckling: 1, öka: 2, stöd: 2, beviljat: 2, beviljade: 2,
		projektägare: 3, projektnamn: 3, belopp: 2, kommun: 2, diarienummer: 3, slutdatum: 3, namn: 2,
		ärendenummer: 3, projektperiod: 3, fond: 0.5, berörd: 3, dig: 1, senast: 2, kommande: 2, håller: 2,
		välkommen: 2, anmäl: 2, utlysning: 2, utlysningen: 2, utlysningar: 2, ansökan: 2, söka: 2
	},
	labels: {
		reference: ['diarienummer', 'diarienr', 'dnr', 'ärendenummer', 'projektnummer', 'projektnr', 'referensnummer', 'projekt-id', 'projektid', 'ansökningsnummer', 'id'],
		title: ['namn', 'projektnamn', 'projektets namn', 'titel', 'projekttitel', 'projekt', 'projektets titel'],
		acronym: ['akronym', 'förkortning', 'kortnamn'],
		owner: ['projektägare', 'stödmottagare', 'huvudman', 'huvudsökande', 'sökande', 'koordinator', 'projektansvarig organisation', 'projektansvarig', 'ansvarig organisation', 'organisation'],
		partners: ['partner', 'samarbetspartner', 'samarbetspartners', 'samarbetsparter', 'samverkanspartner', 'samverkanspartners', 'medverkande organisationer', 'deltagande organisationer', 'projektpartner', 'projektpartners', 'medsökande', 'övriga partner', 'övriga partners', 'andra partner', 'andra partners'],
		funder: ['finansiär', 'finansiärer', 'beviljande myndighet', 'bidragsgivare', 'beviljat av', 'finansieras av'],
		programme: ['program', 'programmet', 'berörd fond', 'fond', 'finansieringsprogram', 'stödprogram', 'eu-program', 'eu-fond', 'strukturfond'],
		grant: ['beviljat belopp', 'beviljat stöd', 'beviljat esf-stöd', 'beviljat eu-stöd', 'esf-stöd', 'eu-stöd', 'stöd', 'stödbelopp', 'beviljade medel', 'tilskott', 'interreg-stöd', 'beviljat eu-bidrag', 'eu-bidrag', 'eruf', 'eruf-stöd', 'belopp', 'beviljat', 'eu-medel'],
		budget: ['budget', 'totalbudget', 'projektets budget', 'total kostnad', 'totala kostnader', 'kostnad', 'projektbudget', 'totalkostnad', 'total omsättning', 'projektets totala budget'],
		rate: ['unionens medfinansieringsgrad', 'medfinansieringsgrad', 'eu-medfinansieringsgrad', 'stödandel', 'stödnivå', 'eu-andel', 'eu-finansieringsgrad', 'finansieringsgrad', 'esf-andel'],
		start: ['startdatum', 'projektstart', 'start', 'starttidspunkt', 'projektets start', 'startdag', 'från datum'],
		end: ['slutdatum', 'projektslut', 'slut', 'sluttidspunkt', 'avslutas', 'projektets slut', 'slutdag', 'till datum'],
		period: ['projektperiod', 'period', 'projekttid', 'löptid', 'genomförandeperiod', 'tidsperiod', 'tidsram', 'projektperiod och budget'],
		country: ['land', 'land som berörs', 'länder', 'land som omfattas'],
		regions: ['region', 'regioner', 'län', 'berörda län', 'berörd region', 'berörda regioner', 'geografiskt område', 'område', 'berört län'],
		nuts: ['nuts', 'nuts-kod', 'nuts-2 kod', 'nuts-2-kod', 'nuts 2 kod', 'nuts-2', 'nuts-3 kod', 'nuts-3', 'nuts-region', 'nuts 2', 'nuts 3'],
		participants: ['antal deltagare', 'planerat antal deltagare', 'deltagare', 'antal individer'],
		companies: ['antal företag', 'planerat antal företag'],
		summary: ['sammanfattning', 'beskrivning', 'projektbeskrivning', 'om projektet', 'kort om projektet', 'kort beskrivning', 'projektets syfte', 'syfte']
	},
	colonOnlyLabels: ['slut', 'projekt', 'namn', 'titel', 'land', 'region', 'fond', 'program', 'programmet', 'stöd', 'period', 'område', 'deltagare', 'beskrivning', 'syfte', 'budget', 'belopp', 'kostnad', 'län', 'organisation', 'beviljat', 'koordinator', 'sökande', 'eruf', 'länder', 'land som berörs', 'partner'],
	grantVerbs: ['delar ut', 'delade ut', 'delat ut', 'beviljat', 'beviljar', 'beviljade', 'bevilja', 'tilldelat', 'tilldelar', 'tilldela', 'fördelar', 'fördelat', 'ger', 'gett', 'gav'],
	receiveVerbs: ['får', 'fått', 'fick', 'beviljas', 'beviljats', 'beviljades', 'tilldelas', 'tilldelats', 'har fått', 'har fått beviljat'],
	amountFillers: ['nu', 'totalt', 'hela', 'drygt', 'nästan', 'över', 'ytterligare', 'cirka', 'ca\\.?', 'omkring', 'upp till', 'knappt', 'närmare', 'sammanlagt', 'stöd på', 'bidrag på', 'ett bidrag på', 'finansiering på', 'medel på', 'eu-stöd på', 'esf-stöd på'],
	scales: { thousand: ['tusen'], million: ['miljoner', 'miljon', 'milj.', 'milj', 'mn'], billion: ['miljarder', 'miljard', 'mrd.', 'mrd'] },
	numberWords: { en: 1, ett: 1, två: 2, tre: 3, fyra: 4, fem: 5, sex: 6, sju: 7, åtta: 8, nio: 9, tio: 10, elva: 11, tolv: 12, femton: 15, tjugo: 20, trettio: 30, femtio: 50, hundra: 100 },
	months: [['januari', 'jan'], ['februari', 'feb'], ['mars', 'mar'], ['april', 'apr'], ['maj'], ['juni', 'jun'], ['juli', 'jul'], ['augusti', 'aug'], ['september', 'sept', 'sep'], ['oktober', 'okt'], ['november', 'nov'], ['december', 'dec']],
	legalForms: ['AB', 'HB', 'KB', 'ek.', 'för.', 'Ab', 'rf', 'r.f.'],
	organisationWords: ['kommun', 'kommunen', 'landsting', 'landstinget', 'regionförbund', 'regionförbundet', 'kommunförbund', 'kommunalförbund', 'universitet', 'universitetet', 'högskola', 'högskolan', 'skola', 'skolan', 'yrkeshögskola', 'folkhögskola', 'akademi', 'akademin', 'institutet', 'agentur', 'myndighet', 'myndigheten', 'verket', 'styrelsen', 'departementet', 'handelskammare', 'handelskammaren', 'förening', 'föreningen', 'förbund', 'förbundet', 'rådet', 'stiftelse', 'stiftelsen', 'kunskapspark', 'inkubatorn', 'kluster', 'klustret', 'nätverk', 'nätverket', 'gruppen', 'centrum', 'centret', 'sjukhus', 'parken', 'företagarna', 'arbetsförmedlingen', 'bolag', 'bolaget', 'konsult', 'region', 'regionen', 'stad', 'staden', 'kommittén', 'kommitté', 'övervakningskommittén', 'nämnd', 'nämnden',
		// Finnish kinds of body, as Finland-Swedish texts quote them.
		'yliopisto', 'ammattikorkeakoulu', 'koulutuskuntayhtymä', 'kuntayhtymä', 'oppilaitos', 'ammattiopisto', 'säätiö', 'yhdistys', 'samkommun', 'samkommunen'],
	organisationSuffixes: ['nämnden', 'kommittén', 'samkommunen', 'yliopisto', 'korkeakoulu', 'kuntayhtymä', 'kommun', 'förening', 'föreningen', 'förbund', 'förbundet', 'verket', 'rådet', 'parken', 'centrum', 'centret', 'gruppen', 'högskolan', 'institutet', 'akademin', 'departementet', 'styrelsen', 'myndigheten', 'kammaren', 'bolaget', 'regionen', 'nätverket', 'inkubatorn', 'universitetet', 'universitet', 'banken', 'skolan', 'akademi', 'högskola', 'fond', 'fonden', 'styrelse', 'sjukhus', 'sjukhuset', 'klustret'],
	anaphora: ['kommunen', 'regionen', 'länsstyrelsen', 'universitetet', 'högskolan', 'departementet', 'styrelsen', 'myndigheten', 'föreningen', 'klustret', 'nätverket', 'stiftelsen', 'bolaget', 'företaget', 'organisationen', 'landstinget', 'verket', 'rådet', 'länet', 'staten', 'regeringen', 'centret', 'institutet', 'parken', 'gruppen', 'kommunerna'],
	stopWords: ['det', 'den', 'detta', 'dessa', 'en', 'ett', 'i', 'på', 'med', 'för', 'till', 'av', 'från', 'och', 'men', 'som', 'där', 'här', 'vi', 'de', 'han', 'hon', 'jag', 'du', 'ni', 'alla', 'projektet', 'projekt', 'projektets', 'målet', 'mål', 'även', 'också', 'dessutom', 'därför', 'nu', 'idag', 'när', 'om', 'efter', 'under', 'genom', 'pressmeddelande', 'foto', 'bild', 'kontakt', 'läs', 'se', 'mer', 'information', 'hälsningar', 'utdrag', 'källa', 'nyheter', 'nyhet', 'startsida', 'hem', 'meny', 'sök', 'regeringen', 'sverige', 'danmark', 'finland', 'europa', 'ja', 'nej', 'inga', 'ingen', 'totalt', 'summa', 'budget', 'ägare', 'projektägare', 'varav', 'samtidigt', 'därefter', 'framöver', 'tidigare', 'senare', 'så', 'kort', 'sammanfattning', 'beskrivning', 'målgrupp', 'syfte', 'bakgrund', 'fakta', 'hoppa', 'gå', 'ny', 'nytt', 'nya', 'stort', 'stor', 'flera', 'många', 'några', 'både', 'varje'],
	functionWords: ['det', 'den', 'detta', 'dessa', 'i', 'på', 'med', 'för', 'till', 'av', 'från', 'och', 'men', 'som', 'där', 'här', 'vi', 'de', 'han', 'hon', 'jag', 'du', 'ni', 'om', 'när', 'under', 'efter'],
	nameConnectors: ['och', 'i', 'på', 'till', 'mot', 'med'],
	funders: ['Svenska ESF-rådet', 'ESF-rådet', 'Tillväxtverket', 'Vinnova', 'VINNOVA', 'Formas', 'Forte', 'Vetenskapsrådet', 'Energimyndigheten', 'Arbetsförmedlingen', 'Myndigheten för yrkeshögskolan', 'Jordbruksverket', 'Skolverket', 'Europeiska kommissionen', 'EU-kommissionen', 'Europakommissionen', 'Nordiska ministerrådet', 'NTM-centralen', 'Närings-, trafik- och miljöcentralen', 'Svenska kulturfonden', 'Ålands landskapsregering', 'Landskapsregeringen', 'Arbets- och näringsministeriet', 'Utbildningsdepartementet', 'Näringsdepartementet', 'Tillväxtanalys'],
	programmes: [
		String.raw`Europeiska socialfonden(?:\s?\+|\s+plus)?`,
		String.raw`Europeiska regionala utvecklingsfonden`,
		String.raw`Europeiska havs-,? och fiskerifonden`,
		String.raw`Europeiska jordbruksfonden för landsbygdsutveckling`,
		String.raw`Fonden för en rättvis omställning`,
		String.raw`Landsbygdsprogrammet`,
		String.raw`Regionala utvecklingsfonden`,
		String.raw`[Rr]egionalfonden`,
		String.raw`[Ss]ocialfonden`,
		String.raw`ERUF`,
		String.raw`EFRU`,
		String.raw`Horisont Europa`,
		String.raw`Horisont 2020`,
		String.raw`Kreativa Europa`,
		String.raw`Botnia-Atlantica`
	],
	regions: {
		SE: [
			'Stockholm', 'Uppsala', 'Södermanland', 'Sörmland', 'Östergötland', 'Jönköping', 'Kronoberg',
			'Kalmar', 'Gotland', 'Blekinge', 'Skåne', 'Halland', 'Västra Götaland', 'Värmland', 'Örebro',
			'Västmanland', 'Dalarna', 'Gävleborg', 'Västernorrland', 'Jämtland Härjedalen', 'Jämtland',
			'Härjedalen', 'Västerbotten', 'Norrbotten', 'Bohuslän', 'Dalsland', 'Hälsingland', 'Medelpad',
			'Ångermanland', 'Uppland', 'Västergötland', 'Gästrikland', 'Småland', 'Öland', 'Sjuhärad',
			'Fyrbodal', 'Skaraborg'
		],
		// Finland's regions as written in Swedish (and in Finnish, where Finland-Swedish texts quote them).
		FI: [
			'Nyland', 'Östra Nyland', 'Västnyland', 'Egentliga Finland', 'Åboland', 'Österbotten',
			'Mellersta Österbotten', 'Södra Österbotten', 'Norra Österbotten', 'Åland', 'Birkaland',
			'Satakunta', 'Egentliga Tavastland', 'Päijänne-Tavastland', 'Kymmenedalen', 'Södra Karelen',
			'Södra Savolax', 'Norra Savolax', 'Norra Karelen', 'Mellersta Finland', 'Kajanaland',
			'Uusimaa', 'Pohjanmaa', 'Varsinais-Suomi', 'Pirkanmaa', 'Kainuu'
		]
	}
};
