/**
 * The dataset described for open-data portals (dataportal.se, data.norge.no,
 * data.europa.eu) in DCAT-AP 3, as JSON-LD. The context is written out here, not loaded
 * from a URL, so a harvester (or a test) expands it without fetching anything.
 */
import { sql as rawSql } from 'drizzle-orm';
import { LANGS, type Lang } from '../../i18n/lang';
import type { Sql } from '../db/sql';
import type { DataLicence } from './licence';

const EU = 'http://publications.europa.eu/resource/authority';

/**
 * The EU language authority's code of each language the pages are published in: keyed by
 * Lang, so a language added to the app does not build until the catalogue names it too.
 * `no` pages are bokmål; NOR (Norwegian) is the code Nordic portals harvest for them.
 */
const LANGUAGE_AUTHORITY: Record<Lang, string> = { en: 'ENG', sv: 'SWE', no: 'NOR', da: 'DAN' };

const CONTEXT = {
	dcat: 'http://www.w3.org/ns/dcat#',
	dct: 'http://purl.org/dc/terms/',
	foaf: 'http://xmlns.com/foaf/0.1/',
	vcard: 'http://www.w3.org/2006/vcard/ns#',
	xsd: 'http://www.w3.org/2001/XMLSchema#',
	rdfs: 'http://www.w3.org/2000/01/rdf-schema#'
};

const id = (iri: string) => ({ '@id': iri });
const en = (text: string) => ({ '@value': text, '@language': 'en' });
const dateTime = (d: Date) => ({ '@value': d.toISOString(), '@type': 'xsd:dateTime' });

interface Distribution {
	path: string;
	title: string;
	description: string;
	mediaType: string;
	fileType: string;
	download: boolean;
	conformsTo?: string;
}

const DISTRIBUTIONS: Distribution[] = [
	{
		path: '/api/projects.csv',
		title: 'All approved projects as CSV',
		description: 'One row per project, UTF-8 with a byte order mark. The same filters as the search page may be added as query parameters.',
		mediaType: 'text/csv',
		fileType: 'CSV',
		download: true
	},
	{
		path: '/api/projects.xlsx',
		title: 'All approved projects as a spreadsheet (XLSX)',
		description: 'Typed cells: numbers as numbers, dates as dates. The licence is on the second sheet.',
		mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		fileType: 'XLSX',
		download: true
	},
	{
		path: '/api/projects',
		title: 'Approved projects as JSON (paged API)',
		description: 'Paged with a cursor; every project with its sources and quoted passages.',
		mediaType: 'application/json',
		fileType: 'JSON',
		download: false,
		conformsTo: '/api/schema.json'
	},
	{
		path: '/api/organisations.csv',
		title: 'Organisations as CSV',
		description: 'Every organisation named as project owner or partner, with its project counts and euro total.',
		mediaType: 'text/csv',
		fileType: 'CSV',
		download: true
	},
	{
		path: '/api/organisations.xlsx',
		title: 'Organisations as a spreadsheet (XLSX)',
		description: 'Every organisation named as project owner or partner, with its project counts and euro total.',
		mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		fileType: 'XLSX',
		download: true
	},
	{
		path: '/api/organisations',
		title: 'Organisations as JSON',
		description: 'Paged, searchable with q; each organisation links to its projects.',
		mediaType: 'application/json',
		fileType: 'JSON',
		download: false
	}
];

export interface CatalogInput {
	origin: string;
	licence: DataLicence;
	/** When the public data last changed. */
	modified: Date;
	/** The countries of the published projects (ISO 3166 alpha-2). */
	countries: string[];
}

/** ISO 3166 alpha-2 to the EU country authority's codes, for the countries the data is about. */
const COUNTRY_AUTHORITY: Record<string, string> = {
	SE: 'SWE',
	NO: 'NOR',
	DK: 'DNK',
	IS: 'ISL',
	FI: 'FIN',
	DE: 'DEU',
	EE: 'EST',
	LV: 'LVA',
	LT: 'LTU',
	PL: 'POL'
};

export function catalog({ origin, licence, modified, countries }: CatalogInput): object {
	const licenceNode = { '@id': licence.url, '@type': 'dct:LicenseDocument', 'rdfs:label': licence.name };
	const publisher = { '@id': `${origin}/#publisher`, '@type': 'foaf:Agent', 'foaf:name': 'Samla', 'foaf:homepage': id(`${origin}/`) };
	const spatial = countries.filter((c) => COUNTRY_AUTHORITY[c]).map((c) => id(`${EU}/country/${COUNTRY_AUTHORITY[c]}`));
	return {
		'@context': CONTEXT,
		'@id': `${origin}/api/catalog.jsonld`,
		'@type': 'dcat:Catalog',
		'dct:title': en('Samla: approved records of publicly funded projects'),
		'dct:description': en('A catalogue of the open data published by this Samla workspace.'),
		'dct:publisher': publisher,
		'foaf:homepage': id(`${origin}/`),
		'dct:license': licenceNode,
		'dct:modified': dateTime(modified),
		'dct:language': LANGS.map((lang) => id(`${EU}/language/${LANGUAGE_AUTHORITY[lang]}`)),
		'dcat:dataset': [
			{
				'@id': `${origin}/#dataset`,
				'@type': 'dcat:Dataset',
				'dct:title': en('Publicly funded projects'),
				'dct:description': en(
					'Approved records of publicly funded projects (EU structural funds, national and Nordic programmes): title, owner, partners, funder, programme, amount granted, co-financing rate, period, country and regions, each value traced to the document it was read from.'
				),
				'dct:publisher': publisher,
				'dcat:contactPoint': {
					'@id': `${origin}/#contact`,
					'@type': 'vcard:Organization',
					'vcard:fn': 'Samla',
					'vcard:hasURL': id(`${origin}/`)
				},
				'dcat:landingPage': id(`${origin}/`),
				'dcat:keyword': [en('public funding'), en('grants'), en('European Social Fund'), en('Interreg'), en('projects')],
				'dcat:theme': [id(`${EU}/data-theme/ECON`), id(`${EU}/data-theme/GOVE`)],
				'dct:accessRights': id(`${EU}/access-right/PUBLIC`),
				'dct:accrualPeriodicity': id(`${EU}/frequency/CONT`),
				'dct:modified': dateTime(modified),
				'dct:license': licenceNode,
				...(spatial.length ? { 'dct:spatial': spatial } : {}),
				'dcat:distribution': DISTRIBUTIONS.map((d) => ({
					'@id': `${origin}${d.path}#distribution`,
					'@type': 'dcat:Distribution',
					'dct:title': en(d.title),
					'dct:description': en(d.description),
					'dcat:accessURL': id(`${origin}${d.path}`),
					...(d.download ? { 'dcat:downloadURL': id(`${origin}${d.path}`) } : {}),
					'dcat:mediaType': id(`https://www.iana.org/assignments/media-types/${d.mediaType}`),
					'dct:format': id(`${EU}/file-type/${d.fileType}`),
					'dct:license': licenceNode,
					'dct:modified': dateTime(modified),
					...(d.conformsTo ? { 'dct:conformsTo': id(`${origin}${d.conformsTo}`) } : {})
				}))
			}
		]
	};
}

/** The countries of the published projects, for the catalogue's spatial coverage. */
export async function publishedCountries(sql: Sql): Promise<string[]> {
	const country = rawSql<string>`${rawSql.identifier('country')}`;
	const rows = await sql.db
		.selectDistinct({ c: country })
		.from(sql.t.publicProjects)
		.where(rawSql`${country} IS NOT NULL`);
	return rows.map((r) => r.c);
}
