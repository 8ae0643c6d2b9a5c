/** The data licence as the public answers carry it: a `Link` header, a JSON field, a sheet row. */
import type { DataLicence } from '../config';

export type { DataLicence };

/** RFC 8288 with the IANA "license" relation (RFC 4946), as harvesters read it. */
export function licenceLink(licence: DataLicence): string {
	return `<${licence.url}>; rel="license"; title="${licence.name.replace(/["\\]/g, '')}"`;
}

/** The JSON field of list answers. */
export function licenceJson(licence: DataLicence): { id: string; name: string; url: string } {
	return { id: licence.id, name: licence.name, url: licence.url };
}
