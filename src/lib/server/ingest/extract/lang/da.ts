import type { Lexicon } from './types';

/** Danish. */
export const da: Lexicon = {
	code: 'da',
	country: 'DK',
	currency: 'DKK',
	markers: {
		og: 1, at: 0.5, er: 0.5, til: 0.5, af: 2.5, ikke: 0.5, fra: 0.5, også: 0.5, skal: 0.5,
		siger: 2.5, efter: 2.5, blev: 2.5, mellem: 2.5, nogle: 2.5, gennem: 3, virksomheder: 3,
		deltagere: 2.5, være: 0.5, vores: 2, hvordan: 1.5, mio: 2, bliver: 2, uddannelse: 3,
		erhvervslivet: 3, projektet: 0.3, projekter: 2, kommunerne: 2.5, samarbejde: 3,
		tilskud: 3, støttet: 1, hvilket: 1, denne: 0.5, både: 0.5, nye: 0.3, året: 0.5, ansatte: 0.3,
		projektejer: 3, beløb: 3, tilsagn: 2, tilsagnsmodtager: 3, projektperiode: 1, bevilget: 1
	},
	labels: {
		reference: ['journalnummer', 'journalnr', 'sagsnummer', 'sagsnr', 'referencenummer', 'projektnummer', 'id'],
		title: ['projektnavn', 'projektets navn', 'navn', 'titel', 'projekttitel', 'projekt', 'projektets titel'],
		acronym: ['akronym', 'forkortelse'],
		owner: ['projektejer', 'ansøger', 'tilskudsmodtager', 'tilsagnsmodtager', 'støttemodtager', 'støttemodtagerens navn', 'projektansvarlig', 'koordinator', 'organisation'],
		partners: ['partner', 'partnere', 'partnerne', 'samarbejdspartnere', 'partnerorganisationer', 'projektpartnere', 'deltagende organisationer'],
		funder: ['tilskudsgiver', 'finansieret af', 'bevilget af'],
		programme: ['program', 'programmet', 'fond', 'finansiering', 'ordning', 'pulje', 'eu-program', 'strukturfond'],
		grant: ['tilskud', 'bevilget tilskud', 'støttebeløb', 'tilsagn', 'tilsagnsbeløb', 'tilskudsbeløb', 'bevilget beløb', 'bevilling', 'eu-støtte', 'eu-støtte til projektet', 'eu-midler', 'støtte', 'bevilget', 'socialfondsstøtte', 'regionalfondsstøtte', 'beløb'],
		budget: ['budget', 'samlet budget', 'totalbudget', 'projektbudget', 'samlede støtteberettigede projektudgifter', 'samlede projektudgifter', 'støtteberettigede udgifter', 'samlede udgifter'],
		rate: ['tilskudsprocent', 'støtteprocent', 'eu-andel', 'medfinansieringsgrad'],
		start: ['startdato', 'projektstart', 'start'],
		end: ['slutdato', 'projektslut', 'slut'],
		period: ['projektperiode', 'periode', 'varighed', 'tidsperiode', 'tidsramme'],
		country: ['land', 'lande'],
		regions: ['region', 'regioner', 'geografi', 'geografisk område', 'område', 'landsdel'],
		participants: ['antal deltagere', 'deltagere'],
		companies: ['antal virksomheder'],
		summary: ['projektbeskrivelse', 'beskrivelse', 'om projektet', 'kort om projektet', 'formål', 'resumé']
	},
	colonOnlyLabels: ['slut', 'projekt', 'navn', 'titel', 'land', 'lande', 'region', 'fond', 'program', 'programmet', 'støtte', 'periode', 'område', 'deltagere', 'formål', 'budget', 'tilskud', 'organisation', 'bevilget', 'koordinator', 'ansøger', 'tilsagn', 'finansiering', 'pulje', 'beløb', 'partner'],
	grantVerbs: ['uddeler', 'uddelte', 'uddelt', 'bevilget', 'bevilger', 'bevilge', 'bevilliget', 'bevilliger', 'bevillige', 'bevilgede', 'tildelt', 'tildeler', 'støtter', 'støttet', 'giver', 'givet', 'medfinansierer'],
	receiveVerbs: ['får', 'fået', 'fik', 'modtager', 'modtog', 'modtaget', 'bevilges', 'tildeles', 'har fået', 'har fået bevilget', 'har modtaget'],
	amountFillers: ['nu', 'samlet', 'i alt', 'næsten', 'over', 'yderligere', 'cirka', 'ca\\.?', 'omkring', 'op til', 'knap', 'tilskud på', 'et tilskud på', 'støtte på', 'midler på'],
	scales: { thousand: ['tusind', 'tsd.', 'tsd'], million: ['millioner', 'million', 'mio.', 'mio', 'mill.'], billion: ['milliarder', 'milliard', 'mia.', 'mia', 'mrd.'] },
	numberWords: { én: 1, to: 2, tre: 3, fire: 4, fem: 5, seks: 6, syv: 7, otte: 8, ni: 9, ti: 10, elleve: 11, tolv: 12, femten: 15, tyve: 20, tredive: 30, halvtreds: 50, hundrede: 100 },
	months: [['januar', 'jan'], ['februar', 'feb'], ['marts', 'mar'], ['april', 'apr'], ['maj'], ['juni', 'jun'], ['juli', 'jul'], ['august', 'aug'], ['september', 'sept', 'sep'], ['oktober', 'okt'], ['november', 'nov'], ['december', 'dec']],
	legalForms: ['ApS', 'A/S', 'I/S', 'P/S', 'K/S', 'IVS', 'AMBA', 'FMBA', 'SMBA'],
	organisationWords: ['kommune', 'universitet', 'universitetet', 'skole', 'skolen', 'akademi', 'institut', 'ministeriet', 'styrelsen', 'forening', 'foreningen', 'forbund', 'samfund', 'selskab', 'region', 'regionen', 'center', 'centret', 'erhvervsakademi', 'professionshøjskole', 'gymnasium', 'klynge', 'udvalg', 'udvalget', 'komité'],
	organisationSuffixes: ['udvalget', 'kommune', 'forening', 'foreningen', 'styrelsen', 'ministeriet', 'centret', 'center', 'akademi', 'akademiet', 'skolen', 'fonden', 'sygehus', 'regionen', 'universitetet', 'højskole'],
	anaphora: ['kommunen', 'regionen', 'universitetet', 'styrelsen', 'foreningen', 'virksomheden', 'organisationen', 'staten', 'centret', 'kommunerne'],
	stopWords: ['det', 'den', 'dette', 'denne', 'disse', 'en', 'et', 'i', 'på', 'med', 'for', 'til', 'af', 'fra', 'og', 'men', 'som', 'der', 'her', 'vi', 'de', 'han', 'hun', 'jeg', 'du', 'alle', 'projektet', 'projekt', 'projektets', 'mål', 'også', 'derfor', 'nu', 'når', 'om', 'efter', 'under', 'gennem', 'pressemeddelelse', 'foto', 'kontakt', 'læs', 'se', 'mere', 'kilde', 'nyheder', 'nyhed', 'danmark', 'ja', 'nej', 'ingen', 'i alt', 'budget', 'partnere', 'projektejer', 'heraf', 'samtidig', 'tidligere', 'senere', 'så', 'kort', 'målgruppe', 'formål', 'baggrund', 'fakta', 'ny', 'nyt', 'nye', 'stor', 'store', 'flere', 'mange', 'nogle', 'hver', 'hvert'],
	functionWords: ['det', 'den', 'dette', 'denne', 'disse', 'i', 'på', 'med', 'for', 'til', 'af', 'fra', 'og', 'men', 'som', 'der', 'her', 'vi', 'de', 'han', 'hun', 'jeg', 'du', 'om', 'når', 'under', 'efter'],
	nameConnectors: ['og', 'i', 'på', 'til', 'af', 'med'],
	funders: ['Erhvervsstyrelsen', 'Danmarks Erhvervsfremmebestyrelse', 'Styrelsen for Arbejdsmarked og Rekruttering', 'Innovationsfonden'],
	programmes: [String.raw`Den Europæiske Socialfond(?:\s?\+)?`, String.raw`Den Europæiske Fond for Regionaludvikling`, String.raw`EU's Socialfond`, String.raw`EU[- ]Socialfond(?:en)?`, String.raw`Socialfonden`, String.raw`Regionalfonden`],
	regions: {
		DK: [
			'Hovedstaden', 'Sjælland', 'Syddanmark', 'Midtjylland', 'Nordjylland', 'Bornholm', 'Fyn',
			'Sønderjylland', 'Vestjylland', 'Østjylland', 'Nordsjælland', 'Lolland-Falster', 'Lolland', 'Falster'
		]
	}
};
