/**
 * What the workspace's form actions answer in words of their own (the services' refusals
 * are in refusal-messages.ts): a form sent without what it needs, and the summaries of the
 * queue's bulk actions, record by record and in total.
 */
import type { Lang } from './lang';

const en = {
	selectToApprove: 'Select the records to approve.',
	selectToAssign: 'Select the records to assign.',
	approveAtMost: (max: number) => `Approve at most ${max} records at once.`,
	assignAtMost: (max: number) => `Assign at most ${max} records at once.`,
	approvedAs: (version: number) => `Approved as v${version}.`,
	approvedOf: (done: number, of: number) => `${done} of ${of} approved.`,
	assignedTo: (name: string) => `Assigned to ${name}.`,
	alreadyAssignedTo: (name: string) => `Already assigned to ${name}.`,
	unassigned: 'Unassigned.',
	wasNotAssigned: 'Was not assigned.',
	assignedOf: (done: number, of: number) => `${done} of ${of} assigned.`,
	unassignedOf: (done: number, of: number) => `${done} of ${of} unassigned.`,
	viewSaved: (name: string) => `Saved the view “${name}”.`,
	viewDeleted: 'View deleted.',
	chooseVersion: 'Choose a version to restore.',
	sentButBlocked: (n: number) =>
		`Sent for review, but approval stays blocked until ${n === 1 ? 'the problem' : `the ${n} problems`} listed below ${n === 1 ? 'is' : 'are'} fixed.`,
	badVersion: 'The version number sent with the form is not a version.',
	chooseMergeWith: 'Choose the record to merge with.',
	valueTaken: 'That value was taken or dismissed already.',
	notNotification: 'That is not a notification.',
	chooseKeep: 'Choose the organisation to keep (the round button).',
	tickToMerge: 'Tick the organisations to merge into it.',
	sayWhichSplit: 'Say which name to split off.',
	mergedInto: (name: string, into: string) => `${name} merged into ${into}.`,
	splitFrom: (name: string, from: string) => `${name} split off from ${from}.`,
	noToken: 'No such active token of yours.',
	uploadUnreadable: 'The upload could not be read; try fewer or smaller files.',
	chooseFiles: 'Choose one or more files to upload.',
	uploadAtMost: (max: number) => `Upload at most ${max} files at once.`
};

export type ActionMessages = typeof en;

const sv: ActionMessages = {
	selectToApprove: 'Markera de poster som ska godkännas.',
	selectToAssign: 'Markera de poster som ska tilldelas.',
	approveAtMost: (max) => `Godkänn högst ${max} poster åt gången.`,
	assignAtMost: (max) => `Tilldela högst ${max} poster åt gången.`,
	approvedAs: (version) => `Godkänd som v${version}.`,
	approvedOf: (done, of) => `${done} av ${of} godkända.`,
	assignedTo: (name) => `Tilldelad ${name}.`,
	alreadyAssignedTo: (name) => `Redan tilldelad ${name}.`,
	unassigned: 'Tilldelningen togs bort.',
	wasNotAssigned: 'Var inte tilldelad.',
	assignedOf: (done, of) => `${done} av ${of} tilldelade.`,
	unassignedOf: (done, of) => `${done} av ${of} utan tilldelning.`,
	viewSaved: (name) => `Vyn ”${name}” sparades.`,
	viewDeleted: 'Vyn togs bort.',
	chooseVersion: 'Välj en version att återställa.',
	sentButBlocked: (n) =>
		`Skickad för granskning, men godkännandet är spärrat tills ${n === 1 ? 'problemet' : `de ${n} problemen`} nedan är åtgärdade.`,
	badVersion: 'Versionsnumret som skickades med formuläret är ingen version.',
	chooseMergeWith: 'Välj posten att slå ihop med.',
	valueTaken: 'Det värdet har redan använts eller avfärdats.',
	notNotification: 'Det är ingen avisering.',
	chooseKeep: 'Välj organisationen som ska behållas (den runda knappen).',
	tickToMerge: 'Kryssa för organisationerna som ska slås ihop med den.',
	sayWhichSplit: 'Ange vilket namn som ska delas av.',
	mergedInto: (name, into) => `${name} slogs ihop med ${into}.`,
	splitFrom: (name, from) => `${name} delades av från ${from}.`,
	noToken: 'Du har ingen sådan aktiv token.',
	uploadUnreadable: 'Uppladdningen kunde inte läsas; försök med färre eller mindre filer.',
	chooseFiles: 'Välj en eller flera filer att ladda upp.',
	uploadAtMost: (max) => `Ladda upp högst ${max} filer åt gången.`
};

const no: ActionMessages = {
	selectToApprove: 'Merk postene som skal godkjennes.',
	selectToAssign: 'Merk postene som skal tildeles.',
	approveAtMost: (max) => `Godkjenn høyst ${max} poster om gangen.`,
	assignAtMost: (max) => `Tildel høyst ${max} poster om gangen.`,
	approvedAs: (version) => `Godkjent som v${version}.`,
	approvedOf: (done, of) => `${done} av ${of} godkjent.`,
	assignedTo: (name) => `Tildelt ${name}.`,
	alreadyAssignedTo: (name) => `Allerede tildelt ${name}.`,
	unassigned: 'Tildelingen ble fjernet.',
	wasNotAssigned: 'Var ikke tildelt.',
	assignedOf: (done, of) => `${done} av ${of} tildelt.`,
	unassignedOf: (done, of) => `${done} av ${of} uten tildeling.`,
	viewSaved: (name) => `Visningen «${name}» ble lagret.`,
	viewDeleted: 'Visningen ble slettet.',
	chooseVersion: 'Velg en versjon å gjenopprette.',
	sentButBlocked: (n) =>
		`Sendt til gjennomgang, men godkjenning er sperret til ${n === 1 ? 'problemet' : `de ${n} problemene`} nedenfor er rettet.`,
	badVersion: 'Versjonsnummeret som ble sendt med skjemaet, er ikke en versjon.',
	chooseMergeWith: 'Velg posten som skal slås sammen med denne.',
	valueTaken: 'Den verdien er allerede tatt i bruk eller avvist.',
	notNotification: 'Det er ikke et varsel.',
	chooseKeep: 'Velg organisasjonen som skal beholdes (den runde knappen).',
	tickToMerge: 'Kryss av organisasjonene som skal slås sammen med den.',
	sayWhichSplit: 'Oppgi hvilket navn som skal skilles ut.',
	mergedInto: (name, into) => `${name} ble slått sammen med ${into}.`,
	splitFrom: (name, from) => `${name} ble skilt ut fra ${from}.`,
	noToken: 'Du har ingen slik aktiv token.',
	uploadUnreadable: 'Opplastingen kunne ikke leses; prøv færre eller mindre filer.',
	chooseFiles: 'Velg én eller flere filer å laste opp.',
	uploadAtMost: (max) => `Last opp høyst ${max} filer om gangen.`
};

const da: ActionMessages = {
	selectToApprove: 'Markér de poster, der skal godkendes.',
	selectToAssign: 'Markér de poster, der skal tildeles.',
	approveAtMost: (max) => `Godkend højst ${max} poster ad gangen.`,
	assignAtMost: (max) => `Tildel højst ${max} poster ad gangen.`,
	approvedAs: (version) => `Godkendt som v${version}.`,
	approvedOf: (done, of) => `${done} af ${of} godkendt.`,
	assignedTo: (name) => `Tildelt ${name}.`,
	alreadyAssignedTo: (name) => `Allerede tildelt ${name}.`,
	unassigned: 'Tildelingen blev fjernet.',
	wasNotAssigned: 'Var ikke tildelt.',
	assignedOf: (done, of) => `${done} af ${of} tildelt.`,
	unassignedOf: (done, of) => `${done} af ${of} uden tildeling.`,
	viewSaved: (name) => `Visningen »${name}« blev gemt.`,
	viewDeleted: 'Visningen blev slettet.',
	chooseVersion: 'Vælg en version, der skal gendannes.',
	sentButBlocked: (n) =>
		`Sendt til gennemgang, men godkendelse er spærret, til ${n === 1 ? 'problemet' : `de ${n} problemer`} nedenfor er rettet.`,
	badVersion: 'Versionsnummeret, der blev sendt med formularen, er ikke en version.',
	chooseMergeWith: 'Vælg den post, der skal lægges sammen med denne.',
	valueTaken: 'Den værdi er allerede taget i brug eller afvist.',
	notNotification: 'Det er ikke en notifikation.',
	chooseKeep: 'Vælg den organisation, der skal beholdes (den runde knap).',
	tickToMerge: 'Sæt kryds ved de organisationer, der skal lægges sammen med den.',
	sayWhichSplit: 'Angiv, hvilket navn der skal skilles ud.',
	mergedInto: (name, into) => `${name} blev lagt sammen med ${into}.`,
	splitFrom: (name, from) => `${name} blev skilt ud fra ${from}.`,
	noToken: 'Du har ingen sådan aktiv token.',
	uploadUnreadable: 'Uploaden kunne ikke læses; prøv med færre eller mindre filer.',
	chooseFiles: 'Vælg en eller flere filer, der skal uploades.',
	uploadAtMost: (max) => `Upload højst ${max} filer ad gangen.`
};

export const ACTION_MESSAGES: Record<Lang, ActionMessages> = { en, sv, no, da };
