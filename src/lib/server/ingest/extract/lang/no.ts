import type { Lexicon } from './types';

/** Norwegian, bokmål and nynorsk. */
export const no: Lexicon = {
	code: 'no',
	country: 'NO',
	currency: 'NOK',
	markers: {
		og: 1, å: 2, er: 0.5, til: 0.5, av: 1.5, ikke: 0.5, fra: 0.5, også: 0.5, skal: 0.5,
		prosjektet: 3, prosjekt: 3, prosjekter: 3, sier: 2.5, etter: 2.5, ble: 2.5, mellom: 2.5,
		noen: 2.5, bare: 1.5, gjennom: 3, bedrifter: 3, deltakere: 3, næringsliv: 2.5,
		næringslivet: 2.5, kompetanse: 2, ikkje: 3, eit: 2, ein: 1.5, dei: 1.5, frå: 3, òg: 3,
		korleis: 3, kva: 3, berre: 3, fylkeskommune: 2.5, fylkeskommunen: 2.5, blir: 2, hva: 2,
		mye: 2, tilskudd: 3, støtte: 1, bedriftene: 3, utdanning: 2.5, verksemder: 3, prosjekta: 3,
		millionar: 3, deltakarar: 3, samarbeid: 2, hvordan: 0.5, prosjekteier: 3, prosjektnavn: 3,
		beløp: 2, sluttdato: 3, prosjektperiode: 2, tildelt: 2, innvilget: 3, tilsagn: 1
	},
	labels: {
		reference: ['prosjektnummer', 'prosjektnr', 'saksnummer', 'saksnr', 'referanse', 'referansenummer', 'prosjekt-id', 'søknadsnummer', 'id'],
		title: ['prosjektnavn', 'prosjektnamn', 'prosjektets navn', 'navn', 'namn', 'tittel', 'prosjekttittel', 'prosjekt'],
		acronym: ['akronym', 'kortnavn'],
		owner: ['prosjekteier', 'prosjekteigar', 'prosjektansvarlig', 'prosjektansvarleg', 'søker', 'tilskuddsmottaker', 'tilskuddsmottakar', 'støttemottaker', 'koordinator', 'ansvarlig organisasjon', 'organisasjon'],
		partners: ['partner', 'partnere', 'partnerne', 'andre partnere', 'samarbeidspartnere', 'samarbeidspartner', 'samarbeidspartnarar', 'deltakende organisasjoner', 'prosjektpartnere', 'medsøkere', 'partnere i prosjektet'],
		funder: ['finansiør', 'finansiører', 'bevilgende myndighet', 'støttegiver', 'finansiert av'],
		programme: ['program', 'programmet', 'fond', 'støtteordning', 'ordning', 'eu-program'],
		grant: ['tilskudd', 'støtte', 'bevilget beløp', 'bevilget tilskudd', 'innvilget beløp', 'innvilget tilskudd', 'tildelt beløp', 'tildeling', 'bevilling', 'eu-støtte', 'eu-finansiering', 'interreg-midler', 'beløp', 'bevilget', 'innvilget', 'tildelt', 'tilsagn', 'eu-midler', 'eu-midlar', 'tilskot', 'løyving', 'løyvd beløp'],
		budget: ['budsjett', 'total budsjett', 'totalbudsjett', 'prosjektbudsjett', 'samlet budsjett', 'kostnadsramme', 'totalkostnad'],
		rate: ['støttegrad', 'tilskuddsandel', 'støtteandel', 'eu-støtteandel'],
		start: ['startdato', 'prosjektstart', 'start', 'oppstart', 'fra dato'],
		end: ['sluttdato', 'prosjektslutt', 'slutt', 'til dato'],
		period: ['prosjektperiode', 'periode', 'varighet', 'gjennomføringsperiode', 'tidsperiode', 'tidsramme'],
		country: ['land', 'berørte land', 'land som berøres'],
		regions: ['region', 'regioner', 'fylke', 'fylker', 'geografisk område', 'område', 'landsdel'],
		nuts: ['nuts', 'nuts-kode'],
		participants: ['antall deltakere', 'deltakere', 'antall deltakarar'],
		companies: ['antall bedrifter', 'antall virksomheter', 'antall verksemder'],
		summary: ['sammendrag', 'prosjektbeskrivelse', 'beskrivelse', 'kort om prosjektet', 'om prosjektet', 'prosjektets formål', 'formål']
	},
	colonOnlyLabels: ['slutt', 'prosjekt', 'navn', 'namn', 'tittel', 'land', 'region', 'fond', 'program', 'programmet', 'støtte', 'periode', 'område', 'deltakere', 'formål', 'budsjett', 'ordning', 'tilskudd', 'beløp', 'fylke', 'organisasjon', 'bevilget', 'innvilget', 'tildelt', 'koordinator', 'søker', 'tilsagn', 'partner'],
	grantVerbs: ['deler ut', 'delte ut', 'delt ut', 'gjev', 'gav', 'løyvd', 'løyvt', 'løyver', 'løyve', 'løyvde', 'bevilget', 'bevilger', 'bevilge', 'tildelt', 'tildeler', 'tildele', 'tildelte', 'innvilget', 'innvilger', 'innvilge', 'fordeler', 'fordelt', 'gir', 'gitt', 'støtter', 'støttet', 'støtte'],
	receiveVerbs: ['får', 'fikk', 'fått', 'tildeles', 'tildelast', 'innvilges', 'bevilges', 'har fått', 'har fått tildelt', 'har fått innvilget', 'har fått bevilget'],
	amountFillers: ['nå', 'totalt', 'hele', 'nesten', 'over', 'ytterligere', 'cirka', 'ca\\.?', 'rundt', 'opp til', 'inntil', 'knapt', 'nærmere', 'i alt', 'samlet', 'støtte på', 'tilskudd på', 'et tilskudd på', 'midler på', 'eu-støtte på'],
	scales: { thousand: ['tusen'], million: ['millioner', 'millionar', 'million', 'mill.', 'mill'], billion: ['milliarder', 'milliard', 'mrd.', 'mrd'] },
	numberWords: { én: 1, ein: 1, ei: 1, to: 2, tre: 3, fire: 4, fem: 5, seks: 6, sju: 7, syv: 7, åtte: 8, ni: 9, ti: 10, elleve: 11, tolv: 12, femten: 15, tjue: 20, tretti: 30, femti: 50, hundre: 100 },
	months: [['januar', 'jan'], ['februar', 'feb'], ['mars', 'mar'], ['april', 'apr'], ['mai'], ['juni', 'jun'], ['juli', 'jul'], ['august', 'aug'], ['september', 'sept', 'sep'], ['oktober', 'okt'], ['november', 'nov'], ['desember', 'des']],
	legalForms: ['AS', 'ASA', 'SA', 'BA', 'DA', 'ANS', 'NUF', 'IKS', 'KF', 'SF'],
	organisationWords: ['kommune', 'fylkeskommune', 'fylkeskommunen', 'universitetet', 'universitet', 'høgskole', 'høgskolen', 'høgskule', 'høgskulen', 'skole', 'skolen', 'akademi', 'institutt', 'instituttet', 'direktorat', 'direktoratet', 'departement', 'departementet', 'handelskammer', 'handelskammeret', 'forening', 'foreningen', 'forbund', 'forbundet', 'stiftelse', 'stiftelsen', 'kunnskapspark', 'kunnskapsparken', 'næringshage', 'næringshagen', 'inkubator', 'klynge', 'klyngen', 'nettverk', 'nettverket', 'senter', 'senteret', 'sentret', 'sparebank', 'sykehus', 'nav', 'selskap', 'innovasjon', 'region', 'utvalg', 'utvalget', 'styringskomité', 'komité', 'komiteen'],
	organisationSuffixes: ['utvalget', 'komiteen', 'kommune', 'kommunen', 'klyngen', 'klynge', 'klynga', 'forening', 'foreningen', 'forbund', 'forbundet', 'senteret', 'sentrum', 'høgskolen', 'instituttet', 'departementet', 'direktoratet', 'kammeret', 'nettverket', 'inkubator', 'hagen', 'universitetet', 'sparebank', 'banken', 'skolen', 'akademiet', 'høgskole', 'fond', 'fondet', 'styret', 'råd', 'sykehus', 'sykehuset', 'opplæringa', 'opplæringen', 'skule', 'skulen'],
	anaphora: ['kommunen', 'fylkeskommunen', 'regionen', 'universitetet', 'høgskolen', 'høgskulen', 'departementet', 'direktoratet', 'foreningen', 'klyngen', 'nettverket', 'stiftelsen', 'selskapet', 'bedriften', 'virksomheten', 'organisasjonen', 'fylket', 'staten', 'regjeringen', 'senteret', 'instituttet', 'kommunene'],
	stopWords: ['det', 'den', 'dette', 'denne', 'disse', 'en', 'ei', 'eit', 'ein', 'et', 'i', 'på', 'med', 'for', 'til', 'av', 'fra', 'frå', 'og', 'men', 'som', 'der', 'her', 'vi', 'de', 'dei', 'han', 'hun', 'jeg', 'eg', 'du', 'dere', 'alle', 'prosjektet', 'prosjekt', 'prosjektets', 'mål', 'også', 'derfor', 'nå', 'når', 'om', 'etter', 'under', 'gjennom', 'pressemelding', 'mvh', 'foto', 'kontakt', 'les', 'se', 'mer', 'kilde', 'nyheter', 'nyhet', 'hjem', 'meny', 'søk', 'regjeringen', 'norge', 'ja', 'nei', 'ingen', 'totalt', 'sum', 'budsjett', 'partnere', 'prosjekteier', 'hvorav', 'samtidig', 'deretter', 'tidligere', 'senere', 'så', 'sa', 'kort', 'sammendrag', 'målgruppe', 'formål', 'bakgrunn', 'fakta', 'ny', 'nytt', 'nye', 'stort', 'stor', 'store', 'flere', 'mange', 'noen', 'hver', 'hvert'],
	functionWords: ['det', 'den', 'dette', 'denne', 'disse', 'i', 'på', 'med', 'for', 'til', 'av', 'fra', 'frå', 'og', 'men', 'som', 'der', 'her', 'vi', 'de', 'dei', 'han', 'hun', 'jeg', 'eg', 'du', 'dere', 'om', 'når', 'under', 'etter'],
	nameConnectors: ['og', 'i', 'på', 'til', 'mot', 'med'],
	funders: ['Innovasjon Norge', 'Norges forskningsråd', 'Forskningsrådet', 'Siva', 'SIVA', 'Kompetanse Norge', 'HK-dir', 'Direktoratet for høyere utdanning og kompetanse', 'Diku', 'Regionrådet', 'Nordisk ministerråd', 'Nordisk Ministerråd', 'Sparebankstiftelsen DNB', 'Arbeids- og velferdsetaten', 'Kommunal- og moderniseringsdepartementet', 'Nærings- og fiskeridepartementet', 'Kunnskapsdepartementet'],
	programmes: [String.raw`Arena-programmet`, String.raw`Regionale forskningsfond`, String.raw`EØS-midlene`],
	regions: {
		NO: [
			'Østfold', 'Akershus', 'Oslo', 'Hedmark', 'Oppland', 'Buskerud', 'Vestfold', 'Telemark',
			'Aust-Agder', 'Vest-Agder', 'Rogaland', 'Hordaland', 'Sogn og Fjordane', 'Møre og Romsdal',
			'Sør-Trøndelag', 'Nord-Trøndelag', 'Nordland', 'Troms', 'Finnmark', 'Svalbard', 'Helgeland',
			'Lofoten', 'Vesterålen', 'Salten', 'Ofoten', 'Namdalen', 'Hallingdal', 'Gudbrandsdalen', 'Valdres',
			'Sunnmøre', 'Nordmøre', 'Romsdal', 'Haugalandet', 'Jæren', 'Setesdal', 'Hardanger', 'Fosen',
			'Innherred', 'Sunnhordland', 'Nordhordland', 'Sunnfjord', 'Nordfjord', 'Sogn', 'Midt-Troms', 'Nord-Troms',
			'Vest-Finnmark', 'Øst-Finnmark', 'Nord-Gudbrandsdal', 'Vest-Telemark', 'Østerdalen', 'Glåmdal', 'Ryfylke',
			'Dalane', 'Lister', 'Gauldal', 'Orkdal', 'Trondheimsregionen'
		]
	}
};
