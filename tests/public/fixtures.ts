/** The projects the public-view tests publish: ordinary ones, one with contacts, one with hostile text in every field. */
import type { Db } from '../../src/lib/server/db/client';
import type { Sql } from '../../src/lib/server/db/sql';
import { createApproved, type Approved } from '../helpers/approved';

/** Markup, quotes, a newline, an emoji and a spreadsheet formula: must come out as text everywhere. */
export const ODD = `=cmd|' /C calc'!A0 <script>alert("x")</script> "quoted" 'single'\nline two 🎉`;

export interface Seeded {
	skane: Approved;
	tromso: Approved;
	contacts: Approved;
	odd: Approved;
	rejected: Approved;
}

/** On either database: `createApproved` publishes through the real publishVersion on a `Sql` as on a SQLite `Db`. */
export async function seedPublic(db: Db | Sql): Promise<Seeded> {
	const skane = await createApproved(db, {
		record: {
			title: 'Kompetenslyft Skåne',
			reference: '2023/00123',
			owner: 'Region Skåne',
			funder: 'Svenska ESF-rådet',
			programme: 'Europeiska socialfonden',
			amount: { value: 12_000_000, currency: 'SEK' },
			cofinancingRate: 0.4,
			startDate: '2024-01-15',
			endDate: '2026-12-31',
			country: 'SE',
			regions: ['Skåne', 'Blekinge'],
			partners: ['Lunds universitet', 'Malmö stad'],
			participants: 300,
			companies: 40,
			summary: 'Projektet höjer kompetensen hos anställda i små företag.'
		},
		earlier: [{ title: 'Kompetenslyft Skane', owner: 'Region Skane' }],
		quotes: [
			{ field: 'title', snippet: 'projektet Kompetenslyft Skåne' },
			{ field: 'owner', snippet: 'Projektägare är Region Skåne' },
			{ field: 'amount', snippet: 'beviljas 12 miljoner kronor' },
			{ field: 'partners', snippet: 'i samverkan med Lunds universitet', index: 0 },
			{ field: 'funder', snippet: 'Svenska ESF-rådet har i dag beslutat' },
			// An editor corrected the programme after extraction: this passage no longer supports it.
			{ field: 'programme', snippet: 'Regionala utvecklingsfonden' }
		],
		document: { title: 'ESF-rådet beviljar Kompetenslyft Skåne', sourceUrl: 'https://www.esf.se/nyheter/kompetenslyft' },
		approvedAt: new Date('2025-03-10T10:00:00Z')
	});
	const tromso = await createApproved(db, {
		record: {
			title: 'Grønn omstilling i Tromsø',
			owner: 'Tromsø kommune',
			funder: 'Innovasjon Norge',
			programme: 'Grønn plattform',
			amount: { value: 4_000_000, currency: 'NOK' },
			startDate: '2023-09-01',
			country: 'NO',
			regions: ['Troms']
		},
		document: { title: 'Innovasjon Norge: tilsagn', sourceUrl: null },
		approvedAt: new Date('2025-02-01T10:00:00Z')
	});
	const contacts = await createApproved(db, {
		record: {
			title: 'Kontaktprojektet',
			owner: 'Borås stad',
			country: 'SE',
			contacts: [
				{
					name: 'Anna Publik',
					role: 'Projektledare',
					organisation: 'Borås stad',
					email: 'anna@example.se',
					phone: '+46 70 111 11 11',
					public: true
				},
				{
					name: 'Bertil Privat',
					role: 'Handläggare',
					organisation: 'Hemligt AB',
					email: 'bertil@example.se',
					phone: '+46 70 222 22 22',
					public: false
				}
			]
		},
		quotes: [{ field: 'contacts', snippet: 'Kontakt: Bertil Privat, 070-222 22 22', index: 1 }],
		approvedAt: new Date('2025-01-05T10:00:00Z')
	});
	const odd = await createApproved(db, {
		record: {
			title: ODD,
			reference: `@${ODD}`,
			owner: `+${ODD}`,
			funder: `-${ODD}`,
			programme: `\t${ODD}`,
			summary: `\r${ODD}`,
			nuts: ODD,
			amount: { value: 1000, currency: 'EUR' },
			country: 'SE',
			regions: [ODD, `=HYPERLINK("http://evil")`],
			partners: [`-2+3`, ODD],
			themes: [ODD]
		},
		quotes: [{ field: 'title', snippet: ODD }],
		document: { title: ODD, sourceUrl: 'javascript:alert(1)' },
		approvedAt: new Date('2024-12-01T10:00:00Z')
	});
	const rejected = await createApproved(db, {
		record: { title: 'Avslaget projekt', country: 'SE' },
		status: 'rejected',
		approvedAt: new Date('2025-01-01T10:00:00Z')
	});
	return { skane, tromso, contacts, odd, rejected };
}
