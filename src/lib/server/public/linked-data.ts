/**
 * schema.org JSON-LD for the project and organisation pages, so search engines and
 * harvesters read what a page is about. Written into a <script> element: `<` is escaped
 * so no value can close it.
 */
import type { DataLicence } from './licence';
import type { OrganisationDetail } from './organisations';
import type { ApiProject } from './projects';

export function jsonLdScript(doc: object): string {
	return `<script type="application/ld+json">${JSON.stringify(doc).replace(/</g, '\\u003c')}</script>`;
}

const org = (name: string, url?: string) => ({ '@type': 'Organization', name, ...(url ? { url } : {}) });

export function projectJsonLd(
	p: ApiProject,
	url: string,
	organisationUrl: (name: string) => string | undefined,
	licence: DataLicence
): object {
	return {
		'@context': 'https://schema.org',
		'@type': 'Project',
		'@id': url,
		url,
		name: p.title,
		...(p.summary ? { description: p.summary } : {}),
		...(p.reference ? { identifier: p.reference } : {}),
		...(p.owner ? { parentOrganization: org(p.owner, organisationUrl(p.owner)) } : {}),
		...(p.partners.length ? { member: p.partners.map((name) => org(name, organisationUrl(name))) } : {}),
		...(p.country ? { location: { '@type': 'Place', address: { '@type': 'PostalAddress', addressCountry: p.country } } } : {}),
		...(p.funder || p.amount
			? {
					funding: {
						'@type': 'MonetaryGrant',
						...(p.funder ? { funder: org(p.funder) } : {}),
						...(p.programme ? { name: p.programme } : {}),
						...(p.amount ? { amount: { '@type': 'MonetaryAmount', value: p.amount.value, currency: p.amount.currency } } : {}),
						...(p.startDate ? { startDate: p.startDate } : {}),
						...(p.endDate ? { endDate: p.endDate } : {})
					}
				}
			: {}),
		dateModified: p.approvedAt,
		subjectOf: { '@type': 'Dataset', name: 'Samla', license: licence.url }
	};
}

export function organisationJsonLd(o: OrganisationDetail, url: string, projectUrl: (id: string) => string): object {
	return {
		'@context': 'https://schema.org',
		'@type': 'Organization',
		'@id': url,
		url,
		name: o.name,
		...(o.variants.length ? { alternateName: o.variants } : {}),
		subjectOf: o.items.map((p) => ({ '@type': 'Project', name: p.title, url: projectUrl(p.id) }))
	};
}
