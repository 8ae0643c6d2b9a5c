/**
 * The words of the queue's workflow: sorting, assignment (the queue's bulk assign and the
 * record's assignment panel), the live indicator and saved views. Kept apart from
 * workspace-messages so each file stays about one thing.
 */
import type { QueueSort } from '../records/queue';
import type { Lang } from './lang';

const en = {
	sortLabels: {
		title: 'Title',
		owner: 'Owner',
		amount: 'Amount',
		status: 'Status',
		assignee: 'Assigned to',
		source: 'Source',
		confidence: 'Extraction confidence',
		updated: 'Last changed'
	} as Record<QueueSort, string>,
	confidence: 'Confidence',
	/** `label`: a sort label, lower-cased by the caller. */
	sortedBy: (label: string) => `Sorted by ${label}`,
	liveOn: '● Updates live',
	liveOff: 'Not live: reload to see changes',
	assignedTo: 'Assigned to',
	anyoneOrNobody: 'Anyone or nobody',
	assignedToMe: 'Assigned to me',
	unassigned: 'Unassigned',
	sortBy: 'Sort by',
	workOrder: 'Work order',
	order: 'Order',
	ascending: 'Lowest / A–Z first',
	descending: 'Highest / Z–A first',
	assignTo: 'Assign to',
	nobodyUnassign: 'Nobody (unassign)',
	assignSelected: (n: number) => `Assign selected (${n})`,
	you: (name: string) => `${name} (you)`,
	assignment: {
		heading: 'Assigned to',
		nobody: 'nobody',
		nobodyOption: 'Nobody',
		assign: 'Assign',
		assignToMe: 'Assign to me'
	},
	views: {
		title: 'Views',
		all: 'All records',
		sharedBy: (name: string) => `Shared by ${name}`,
		onlyYou: 'Only you see this view',
		shared: 'shared',
		count: (n: number) => (n === 1 ? '1 record' : `${n} records`),
		remove: (name: string) => `Delete the view ${name}`,
		saveAs: 'Save these filters and sort as',
		placeholder: 'e.g. Mine, least sure first',
		sharedWithEveryone: 'Shared with everyone',
		save: 'Save view'
	}
};

export type WorkflowMessages = typeof en;

const sv: WorkflowMessages = {
	sortLabels: {
		title: 'Titel',
		owner: 'Ägare',
		amount: 'Belopp',
		status: 'Status',
		assignee: 'Tilldelad',
		source: 'Källa',
		confidence: 'Extraheringssäkerhet',
		updated: 'Senast ändrad'
	},
	confidence: 'Säkerhet',
	sortedBy: (label) => `Sorterat efter ${label}`,
	liveOn: '● Uppdateras direkt',
	liveOff: 'Inte direkt: ladda om för att se ändringar',
	assignedTo: 'Tilldelad',
	anyoneOrNobody: 'Vem som helst eller ingen',
	assignedToMe: 'Tilldelade mig',
	unassigned: 'Inte tilldelade',
	sortBy: 'Sortera efter',
	workOrder: 'Arbetsordning',
	order: 'Ordning',
	ascending: 'Lägst / A–Ö först',
	descending: 'Högst / Ö–A först',
	assignTo: 'Tilldela',
	nobodyUnassign: 'Ingen (ta bort tilldelning)',
	assignSelected: (n) => `Tilldela markerade (${n})`,
	you: (name) => `${name} (du)`,
	assignment: {
		heading: 'Tilldelad',
		nobody: 'ingen',
		nobodyOption: 'Ingen',
		assign: 'Tilldela',
		assignToMe: 'Tilldela mig'
	},
	views: {
		title: 'Vyer',
		all: 'Alla poster',
		sharedBy: (name) => `Delad av ${name}`,
		onlyYou: 'Bara du ser den här vyn',
		shared: 'delad',
		count: (n) => (n === 1 ? '1 post' : `${n} poster`),
		remove: (name) => `Ta bort vyn ${name}`,
		saveAs: 'Spara filtren och sorteringen som',
		placeholder: 't.ex. Mina, osäkrast först',
		sharedWithEveryone: 'Delad med alla',
		save: 'Spara vy'
	}
};

const no: WorkflowMessages = {
	sortLabels: {
		title: 'Tittel',
		owner: 'Eier',
		amount: 'Beløp',
		status: 'Status',
		assignee: 'Tildelt',
		source: 'Kilde',
		confidence: 'Uttrekkssikkerhet',
		updated: 'Sist endret'
	},
	confidence: 'Sikkerhet',
	sortedBy: (label) => `Sortert etter ${label}`,
	liveOn: '● Oppdateres fortløpende',
	liveOff: 'Ikke fortløpende: last inn på nytt for å se endringer',
	assignedTo: 'Tildelt',
	anyoneOrNobody: 'Hvem som helst eller ingen',
	assignedToMe: 'Tildelt meg',
	unassigned: 'Ikke tildelt',
	sortBy: 'Sorter etter',
	workOrder: 'Arbeidsrekkefølge',
	order: 'Rekkefølge',
	ascending: 'Lavest / A–Å først',
	descending: 'Høyest / Å–A først',
	assignTo: 'Tildel',
	nobodyUnassign: 'Ingen (fjern tildeling)',
	assignSelected: (n) => `Tildel valgte (${n})`,
	you: (name) => `${name} (deg)`,
	assignment: {
		heading: 'Tildelt',
		nobody: 'ingen',
		nobodyOption: 'Ingen',
		assign: 'Tildel',
		assignToMe: 'Tildel meg'
	},
	views: {
		title: 'Visninger',
		all: 'Alle poster',
		sharedBy: (name) => `Delt av ${name}`,
		onlyYou: 'Bare du ser denne visningen',
		shared: 'delt',
		count: (n) => (n === 1 ? '1 post' : `${n} poster`),
		remove: (name) => `Slett visningen ${name}`,
		saveAs: 'Lagre disse filtrene og sorteringen som',
		placeholder: 'f.eks. Mine, minst sikre først',
		sharedWithEveryone: 'Delt med alle',
		save: 'Lagre visning'
	}
};

const da: WorkflowMessages = {
	sortLabels: {
		title: 'Titel',
		owner: 'Ejer',
		amount: 'Beløb',
		status: 'Status',
		assignee: 'Tildelt',
		source: 'Kilde',
		confidence: 'Udtrækningssikkerhed',
		updated: 'Sidst ændret'
	},
	confidence: 'Sikkerhed',
	sortedBy: (label) => `Sorteret efter ${label}`,
	liveOn: '● Opdateres løbende',
	liveOff: 'Ikke løbende: genindlæs for at se ændringer',
	assignedTo: 'Tildelt',
	anyoneOrNobody: 'Hvem som helst eller ingen',
	assignedToMe: 'Tildelt mig',
	unassigned: 'Ikke tildelt',
	sortBy: 'Sortér efter',
	workOrder: 'Arbejdsrækkefølge',
	order: 'Rækkefølge',
	ascending: 'Lavest / A–Å først',
	descending: 'Højest / Å–A først',
	assignTo: 'Tildel',
	nobodyUnassign: 'Ingen (fjern tildeling)',
	assignSelected: (n) => `Tildel valgte (${n})`,
	you: (name) => `${name} (dig)`,
	assignment: {
		heading: 'Tildelt',
		nobody: 'ingen',
		nobodyOption: 'Ingen',
		assign: 'Tildel',
		assignToMe: 'Tildel mig'
	},
	views: {
		title: 'Visninger',
		all: 'Alle poster',
		sharedBy: (name) => `Delt af ${name}`,
		onlyYou: 'Kun du ser denne visning',
		shared: 'delt',
		count: (n) => (n === 1 ? '1 post' : `${n} poster`),
		remove: (name) => `Slet visningen ${name}`,
		saveAs: 'Gem disse filtre og denne sortering som',
		placeholder: 'f.eks. Mine, mindst sikre først',
		sharedWithEveryone: 'Delt med alle',
		save: 'Gem visning'
	}
};

export const WORKFLOW_MESSAGES: Record<Lang, WorkflowMessages> = { en, sv, no, da };
