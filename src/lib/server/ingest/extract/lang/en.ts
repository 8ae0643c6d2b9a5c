import type { Lexicon } from './types';

/** English; also holds the international legal forms and EU names that texts in every language quote. */
export const en: Lexicon = {
	code: 'en',
	country: null,
	currency: 'EUR',
	markers: {
		the: 1.5, and: 1, of: 1, to: 0.5, is: 1, with: 0.5, project: 1, that: 1, which: 1.5,
		are: 1, will: 1, this: 1, by: 1, be: 1, has: 1, have: 1, was: 1, its: 1.5, their: 1.5,
		an: 1, on: 0.5, from: 0.5, partners: 0.5, through: 1, between: 1, these: 1, regional: 0.3,
		development: 0.5, companies: 1, lead: 1, budget: 0.3, programme: 1, period: 0.5
	},
	labels: {
		reference: ['reference', 'reference number', 'project number', 'project id', 'project code', 'ref', 'ref.', 'ref. nr.', 'ref.nr.', 'id'],
		title: ['project name', 'project title', 'title', 'name', 'project', 'name of the project', 'full name'],
		acronym: ['project acronym', 'acronym', 'short name'],
		owner: ['lead partner', 'lead applicant', 'lead beneficiary', 'project owner', 'project lead', 'beneficiary', 'coordinator', 'lead organisation', 'lead organization', 'project coordinator', 'organisation', 'organization', 'applicant', 'grant holder', 'recipient'],
		partners: ['partner', 'partners', 'other partners', 'project partners', 'partnership', 'co-applicants', 'partners in the project'],
		funder: ['funder', 'funders', 'funding body', 'funded by'],
		programme: ['programme', 'program', 'fund', 'funding programme', 'funding program', 'programme name', 'program name', 'eu programme'],
		grant: ['grant', 'grant amount', 'amount granted', 'amount', 'eu funding', 'eu contribution', 'erdf', 'erdf contribution', 'esf contribution', 'esf+ contribution', 'interreg funding', 'programme co-financing', 'eu co-financing', 'erdf co-financing', 'funding', 'award', 'amount awarded', 'esf funding', 'erdf funding'],
		budget: ['budget', 'total budget', 'project budget', 'total project budget', 'total eligible budget', 'total cost', 'total costs', 'total project cost'],
		rate: ['co-financing rate', 'cofinancing rate', 'co-funding rate', 'erdf rate', 'eu co-financing rate', 'co-financing', 'erdf co-financing rate', 'intervention rate'],
		start: ['start date', 'project start', 'start', 'begins'],
		end: ['end date', 'project end', 'end', 'ends'],
		period: ['project period', 'period', 'duration', 'project duration', 'timeframe', 'project dates', 'dates'],
		country: ['country', 'countries'],
		regions: ['region', 'regions', 'location', 'regions covered', 'region(er)', 'area'],
		nuts: ['nuts', 'nuts-2 code', 'nuts code', 'nuts region'],
		participants: ['number of participants', 'participants', 'planned participants'],
		companies: ['number of companies', 'number of smes', 'number of enterprises'],
		summary: ['summary', 'description', 'project description', 'about the project', 'abstract', 'project summary']
	},
	colonOnlyLabels: ['start', 'end', 'project', 'name', 'title', 'fund', 'programme', 'id', 'amount', 'period', 'participants', 'description', 'summary', 'location', 'budget', 'ref', 'ref.', 'grant', 'countries', 'regions', 'dates', 'organisation', 'organization', 'partner', 'coordinator', 'beneficiary', 'ends', 'begins', 'abstract', 'erdf', 'nuts', 'funding', 'award', 'area', 'applicant', 'recipient', 'region'],
	grantVerbs: ['granted', 'grants', 'grant', 'awarded', 'awards', 'award', 'approved', 'approves', 'funds', 'funded', 'fund', 'supports', 'supported', 'allocated', 'allocates'],
	receiveVerbs: ['receives', 'received', 'gets', 'got', 'has been granted', 'has been awarded', 'was awarded', 'was granted', 'is awarded', 'is granted', 'has received', 'have been awarded', 'have received', 'will receive', 'secured', 'has secured', 'have secured', 'wins', 'won'],
	amountFillers: ['now', 'about', 'around', 'nearly', 'almost', 'up to', 'over', 'more than', 'a total of', 'a grant of', 'funding of', 'an award of', 'almost'],
	scales: { thousand: ['thousand', 'k'], million: ['million', 'millions', 'm', 'mn'], billion: ['billion', 'billions', 'bn'] },
	numberWords: { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, fifty: 50, hundred: 100 },
	months: [['january', 'jan'], ['february', 'feb'], ['march', 'mar'], ['april', 'apr'], ['may'], ['june', 'jun'], ['july', 'jul'], ['august', 'aug'], ['september', 'sept', 'sep'], ['october', 'oct'], ['november', 'nov'], ['december', 'dec']],
	// International forms, whatever the language around them.
	legalForms: ['Ltd', 'Ltd.', 'Limited', 'plc', 'PLC', 'LLC', 'Inc', 'Inc.', 'CIC', 'LLP', 'Oy', 'Oyj', 'OY', 'ry', 'r.y.', 'GmbH', 'AG', 'SA', 'S.A.', 'BV', 'NV', 'SIA', 'UAB', 'SL', 'S.L.', 'Srl', 'S.r.l.', 'SpA', 'sp.', 'z.o.o.', 's.r.o.', 'd.o.o.', 'SE', 'SCE', 'AISBL', 'asbl', 'eV', 'e.V.', 'ehf', 'hf', 'HF'],
	organisationWords: ['university', 'universidad', 'università', 'universität', 'universiteit', 'hogeschool', 'college', 'school', 'academy', 'institute', 'agency', 'ministry', 'ministerium', 'chamber', 'kammer', 'association', 'federation', 'council', 'foundation', 'fundación', 'science', 'incubator', 'cluster', 'network', 'group', 'centre', 'center', 'company', 'partnership', 'government', 'authority', 'bank', 'museum', 'hospital', 'park', 'enterprise', 'enterprises', 'innovation', 'industries', 'forum', 'hub', 'lab', 'labs', 'consulting', 'technology', 'technologies', 'tech', 'systems', 'trust', 'committee', 'board', 'secretariat', 'kaupunki', 'kunta'],
	organisationSuffixes: ['college'],
	anaphora: [],
	stopWords: ['this', 'these', 'those', 'the', 'a', 'an', 'in', 'with', 'for', 'to', 'of', 'from', 'and', 'but', 'here', 'there', 'we', 'they', 'he', 'she', 'it', 'you', 'all', 'project', 'projects', 'also', 'now', 'today', 'when', 'if', 'about', 'after', 'under', 'through', 'press', 'release', 'photo', 'contact', 'read', 'see', 'more', 'information', 'source', 'news', 'home', 'menu', 'search', 'europe', 'eu', 'yes', 'no', 'none', 'total', 'sum', 'budget', 'partners', 'partner', 'lead', 'so', 'summary', 'description', 'target', 'aim', 'background', 'facts', 'skip', 'new', 'several', 'many', 'some', 'both', 'each'],
	functionWords: ['this', 'these', 'those', 'the', 'a', 'an', 'in', 'with', 'for', 'to', 'of', 'from', 'and', 'but', 'here', 'there', 'we', 'they', 'he', 'she', 'it', 'you', 'if', 'when', 'under', 'after'],
	nameConnectors: ['of', 'and', 'for', 'the', 'in', '&', 'de', 'del', 'della', 'y', 'von', 'van', 'der', 'für', 'und', 'et', 'du', 'des', 'la', 'le', 'am', 'an', 'e'],
	funders: ['European Commission', 'Innovation Norway', 'Research Council of Norway', 'Nordic Council of Ministers', 'Nordic Innovation', 'Nordforsk', 'NordForsk', 'Business Finland', 'National Lottery Community Fund', 'Department for Work and Pensions', 'UK Shared Prosperity Fund'],
	programmes: [
		String.raw`ESF\+|ESF(?![-\u2011]?r[åa]det)`,
		String.raw`ERDF`,
		String.raw`European Social Fund(?:\s?\+|\s+Plus)?`,
		String.raw`European Regional Development Fund`,
		String.raw`Just Transition Fund`,
		String.raw`Interreg(?:[ -](?:[IVX]{1,3}[ABC]?\s)?\p{Lu}[\p{L}\d]*(?:(?:-|\s(?:and|och|og)\s|\s)\p{Lu}[\p{L}\d]*)*)?`,
		String.raw`Erasmus\s?\+`,
		String.raw`Horizon Europe`,
		String.raw`Horizon 2020`,
		String.raw`Creative Europe`,
		String.raw`Nordplus`,
		String.raw`Norwegian Innovation Clusters`,
		String.raw`EEA Grants`,
		String.raw`Norway Grants`,
		String.raw`Kolarctic`
	],
	regions: {
		FI: ['Ostrobothnia', 'Southwest Finland', 'Lapland'],
		GB: [
			'Cornwall', 'Isles of Scilly', 'Highlands', 'Highlands and Islands',
			'North East England', 'North West England', 'Yorkshire', 'Humber', 'East Midlands', 'West Midlands', 'East of England',
			'South West England', 'South East England', 'Greater London', 'London', 'Merseyside', 'Greater Manchester',
			'Tees Valley', 'Cumbria', 'Lancashire', 'Devon', 'West Wales and the Valleys', 'East Wales', 'Lowlands and Uplands'
		]
	}
};
