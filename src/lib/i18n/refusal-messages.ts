/**
 * The refusals of the workspace's services (src/lib/server/refusal.ts) in every language. A
 * refusal made from one of these carries its text in each; a form action shows the
 * person's (refusal-fail.ts) and the English one stays the message. Role and review-state
 * names come from the account and workspace dictionaries, so a refusal names them as the
 * rest of the page does.
 */
import type { Role } from '../records/roles';
import type { ReviewState } from '../records/review';
import { ACCOUNT_MESSAGES } from './account-messages';
import { LANGS, type Lang } from './lang';
import { WORKSPACE_MESSAGES } from './workspace-messages';

/** What a selection in a source must hold to fill a field of a kind (kinds.ts, `select.what`). */
export type SelectionWhat = 'text' | 'amount' | 'percentage' | 'date' | 'country' | 'number';

const role = (lang: Lang, r: Role) => ACCOUNT_MESSAGES[lang].roles[r];
const state = (lang: Lang, s: ReviewState) => WORKSPACE_MESSAGES[lang].states[s];

const en = {
	noRecord: 'No record with that id.',
	noDocument: 'No document with that id.',
	onlyRole: (r: Role) => `Only an ${role('en', r)} or above may do that.`,
	onlyApproverApproves: 'Only an approver may approve.',
	onlyApproverRestores: 'Only an approver may restore a version.',
	onlyEditorAssigns: 'Only an editor or above may assign records.',
	alreadyApproved: (version: string) => `Already approved as v${version}.`,
	giveReason: 'Say why, so the editors know what to change.',
	reasonTooLong: (max: number) => `Keep the reason under ${max} characters.`,
	cannotMove: (s: ReviewState) => `A record in state “${state('en', s)}” cannot be moved that way.`,
	noVersion: (version: number) => `This record has no version ${version}.`,
	noSuchAssignee: 'There is no such person to assign the record to.',
	assigneeDisabled: (name: string) => `${name}’s account is disabled; assign the record to someone active.`,
	assigneeCannotEdit: (name: string, r: Role) => `${name} is a ${role('en', r)} and cannot edit records; assign it to an editor or above.`,
	assignMerged: 'This record was merged into another; assign that one.',
	noteTooLong: (max: number) => `Keep the note under ${max} characters.`,
	noChangesSince: (version: string) => `No changes since v${version}.`,
	cannotApprove: (s: ReviewState) => `A record in state “${state('en', s)}” cannot be approved.`,
	approvalBlocked: 'Approval is blocked until these are fixed.',
	viewNameMissing: 'Give the view a name.',
	viewNameTooLong: (max: number) => `Keep the name under ${max} characters.`,
	onlyApproversShare: 'Only approvers and admins may share a view; save it for yourself instead.',
	tooManyViews: (max: number) => `You have ${max} views already; delete one first.`,
	viewNameTaken: (name: string) => `A view called “${name}” is already in your list; choose another name.`,
	noView: 'No such view.',
	onlyMakerDeletes: 'Only its maker or an admin may delete a shared view.',
	cannotMergeSelf: 'A record cannot be merged with itself.',
	mergedAlready: 'One of the two records is merged already.',
	mergeNeedsApprover: 'This record is published; only an approver may close it by merging. Keep it instead.',
	notMerged: 'This record is not merged.',
	unmergeNeedsApprover: 'Un-merging publishes this record again: an approver’s call.',
	notFromSource: 'That field cannot be set from the source.',
	changeMerged: 'This record was merged into another; change that one.',
	selectionOutside: 'The selection is not inside the document text.',
	repairing: 'The record is being repaired; try again.',
	writeComment: 'Write a comment first.',
	commentTooLong: (kb: number) => `Keep a comment under ${kb} KB.`,
	noField: (name: string) => `There is no field "${name}".`,
	replyElsewhere: 'The comment you reply to is not on this record.',
	noComment: 'No such comment on this record.',
	noOrganisation: (slug: string) => `No organisation at "${slug}".`,
	mergeWhichOrganisations: 'Choose at least one other organisation to merge.',
	organisationNotMerged: (name: string) => `${name} is not merged into another organisation.`,
	tokenName: 'Give the token a name, such as the script that will use it.',
	tokenNameTooLong: (max: number) => `A token's name may have at most ${max} characters.`,
	tokenNameControl: "A token's name must not contain control characters.",
	noUser: 'No such user.',
	selectionHoldsNo: {
		text: 'The selection holds no text.',
		amount: 'The selection holds no amount.',
		percentage: 'The selection holds no percentage.',
		date: 'The selection holds no full date (day, month and year).',
		country: 'The selection holds no country.',
		number: 'The selection holds no number.'
	} as Record<SelectionWhat, string>,
	selectionTooLong: (max: number) => `The selection is longer than ${max} characters.`,
	contactsInForm: 'Contacts are added in the form.'
};

export type RefusalMessages = typeof en;

const sv: RefusalMessages = {
	noRecord: 'Det finns ingen post med det id:t.',
	noDocument: 'Det finns inget dokument med det id:t.',
	onlyRole: (r) => `Bara en ${role('sv', r)} eller högre får göra det.`,
	onlyApproverApproves: 'Bara en godkännare får godkänna.',
	onlyApproverRestores: 'Bara en godkännare får återställa en version.',
	onlyEditorAssigns: 'Bara redaktörer och uppåt får tilldela poster.',
	alreadyApproved: (version) => `Redan godkänd som v${version}.`,
	giveReason: 'Skriv varför, så att redaktörerna vet vad de ska ändra.',
	reasonTooLong: (max) => `Håll motiveringen under ${max} tecken.`,
	cannotMove: (s) => `En post med status ”${state('sv', s)}” kan inte flyttas på det sättet.`,
	noVersion: (version) => `Posten har ingen version ${version}.`,
	noSuchAssignee: 'Det finns ingen sådan person att tilldela posten.',
	assigneeDisabled: (name) => `${name}s konto är avstängt; tilldela posten till någon aktiv.`,
	assigneeCannotEdit: (name, r) => `${name} är ${role('sv', r)} och kan inte redigera poster; tilldela den till en redaktör eller högre.`,
	assignMerged: 'Posten har slagits ihop med en annan; tilldela den i stället.',
	noteTooLong: (max) => `Håll anteckningen under ${max} tecken.`,
	noChangesSince: (version) => `Inga ändringar sedan v${version}.`,
	cannotApprove: (s) => `En post med status ”${state('sv', s)}” kan inte godkännas.`,
	approvalBlocked: 'Godkännandet är spärrat tills detta är rättat.',
	viewNameMissing: 'Ge vyn ett namn.',
	viewNameTooLong: (max) => `Håll namnet under ${max} tecken.`,
	onlyApproversShare: 'Bara godkännare och administratörer får dela en vy; spara den för dig själv i stället.',
	tooManyViews: (max) => `Du har redan ${max} vyer; ta bort en först.`,
	viewNameTaken: (name) => `Du har redan en vy som heter ”${name}”; välj ett annat namn.`,
	noView: 'Vyn finns inte.',
	onlyMakerDeletes: 'Bara den som skapade en delad vy, eller en administratör, får ta bort den.',
	cannotMergeSelf: 'En post kan inte slås ihop med sig själv.',
	mergedAlready: 'En av de två posterna är redan sammanslagen.',
	mergeNeedsApprover: 'Posten är publicerad; bara en godkännare får stänga den genom sammanslagning. Behåll den i stället.',
	notMerged: 'Posten är inte sammanslagen.',
	unmergeNeedsApprover: 'Att dela upp posten publicerar den igen: det avgör en godkännare.',
	notFromSource: 'Det fältet kan inte fyllas från källan.',
	changeMerged: 'Posten har slagits ihop med en annan; ändra den i stället.',
	selectionOutside: 'Markeringen ligger inte i dokumentets text.',
	repairing: 'Posten repareras just nu; försök igen.',
	writeComment: 'Skriv en kommentar först.',
	commentTooLong: (kb) => `Håll kommentaren under ${kb} kB.`,
	noField: (name) => `Det finns inget fält ”${name}”.`,
	replyElsewhere: 'Kommentaren du svarar på hör inte till den här posten.',
	noComment: 'Kommentaren finns inte på den här posten.',
	noOrganisation: (slug) => `Det finns ingen organisation på ”${slug}”.`,
	mergeWhichOrganisations: 'Välj minst en annan organisation att slå ihop.',
	organisationNotMerged: (name) => `${name} är inte sammanslagen med någon annan organisation.`,
	tokenName: 'Ge nyckeln ett namn, till exempel skriptet som ska använda den.',
	tokenNameTooLong: (max) => `En nyckels namn får ha högst ${max} tecken.`,
	tokenNameControl: 'En nyckels namn får inte innehålla styrtecken.',
	noUser: 'Användaren finns inte.',
	selectionHoldsNo: {
		text: 'Markeringen innehåller ingen text.',
		amount: 'Markeringen innehåller inget belopp.',
		percentage: 'Markeringen innehåller ingen procentsats.',
		date: 'Markeringen innehåller inget fullständigt datum (dag, månad och år).',
		country: 'Markeringen innehåller inget land.',
		number: 'Markeringen innehåller inget tal.'
	},
	selectionTooLong: (max) => `Markeringen är längre än ${max} tecken.`,
	contactsInForm: 'Kontakter läggs till i formuläret.'
};

const no: RefusalMessages = {
	noRecord: 'Det finnes ingen post med den id-en.',
	noDocument: 'Det finnes ikke noe dokument med den id-en.',
	onlyRole: (r) => `Bare en ${role('no', r)} eller høyere kan gjøre det.`,
	onlyApproverApproves: 'Bare en godkjenner kan godkjenne.',
	onlyApproverRestores: 'Bare en godkjenner kan gjenopprette en versjon.',
	onlyEditorAssigns: 'Bare redaktører og oppover kan tildele poster.',
	alreadyApproved: (version) => `Allerede godkjent som v${version}.`,
	giveReason: 'Skriv hvorfor, så redaktørene vet hva de skal endre.',
	reasonTooLong: (max) => `Hold begrunnelsen under ${max} tegn.`,
	cannotMove: (s) => `En post med status «${state('no', s)}» kan ikke flyttes på den måten.`,
	noVersion: (version) => `Posten har ingen versjon ${version}.`,
	noSuchAssignee: 'Det finnes ingen slik person å tildele posten til.',
	assigneeDisabled: (name) => `Kontoen til ${name} er deaktivert; tildel posten til noen som er aktiv.`,
	assigneeCannotEdit: (name, r) => `${name} er ${role('no', r)} og kan ikke redigere poster; tildel den til en redaktør eller høyere.`,
	assignMerged: 'Posten er slått sammen med en annen; tildel den i stedet.',
	noteTooLong: (max) => `Hold notatet under ${max} tegn.`,
	noChangesSince: (version) => `Ingen endringer siden v${version}.`,
	cannotApprove: (s) => `En post med status «${state('no', s)}» kan ikke godkjennes.`,
	approvalBlocked: 'Godkjenning er sperret til dette er rettet.',
	viewNameMissing: 'Gi visningen et navn.',
	viewNameTooLong: (max) => `Hold navnet under ${max} tegn.`,
	onlyApproversShare: 'Bare godkjennere og administratorer kan dele en visning; lagre den for deg selv i stedet.',
	tooManyViews: (max) => `Du har allerede ${max} visninger; slett en først.`,
	viewNameTaken: (name) => `Du har allerede en visning som heter «${name}»; velg et annet navn.`,
	noView: 'Visningen finnes ikke.',
	onlyMakerDeletes: 'Bare den som laget en delt visning, eller en administrator, kan slette den.',
	cannotMergeSelf: 'En post kan ikke slås sammen med seg selv.',
	mergedAlready: 'En av de to postene er allerede slått sammen.',
	mergeNeedsApprover: 'Posten er publisert; bare en godkjenner kan lukke den ved sammenslåing. Behold den i stedet.',
	notMerged: 'Posten er ikke slått sammen.',
	unmergeNeedsApprover: 'Å skille ut posten publiserer den igjen: det avgjør en godkjenner.',
	notFromSource: 'Det feltet kan ikke fylles fra kilden.',
	changeMerged: 'Posten er slått sammen med en annen; endre den i stedet.',
	selectionOutside: 'Markeringen ligger ikke i dokumentteksten.',
	repairing: 'Posten blir reparert; prøv igjen.',
	writeComment: 'Skriv en kommentar først.',
	commentTooLong: (kb) => `Hold kommentaren under ${kb} kB.`,
	noField: (name) => `Det finnes ikke noe felt «${name}».`,
	replyElsewhere: 'Kommentaren du svarer på, hører ikke til denne posten.',
	noComment: 'Kommentaren finnes ikke på denne posten.',
	noOrganisation: (slug) => `Det finnes ingen organisasjon på «${slug}».`,
	mergeWhichOrganisations: 'Velg minst én annen organisasjon å slå sammen.',
	organisationNotMerged: (name) => `${name} er ikke slått sammen med en annen organisasjon.`,
	tokenName: 'Gi nøkkelen et navn, for eksempel skriptet som skal bruke den.',
	tokenNameTooLong: (max) => `Navnet på en nøkkel kan ha høyst ${max} tegn.`,
	tokenNameControl: 'Navnet på en nøkkel kan ikke inneholde kontrolltegn.',
	noUser: 'Brukeren finnes ikke.',
	selectionHoldsNo: {
		text: 'Markeringen inneholder ingen tekst.',
		amount: 'Markeringen inneholder ikke noe beløp.',
		percentage: 'Markeringen inneholder ingen prosentsats.',
		date: 'Markeringen inneholder ingen fullstendig dato (dag, måned og år).',
		country: 'Markeringen inneholder ikke noe land.',
		number: 'Markeringen inneholder ikke noe tall.'
	},
	selectionTooLong: (max) => `Markeringen er lengre enn ${max} tegn.`,
	contactsInForm: 'Kontakter legges til i skjemaet.'
};

const da: RefusalMessages = {
	noRecord: 'Der findes ingen post med det id.',
	noDocument: 'Der findes intet dokument med det id.',
	onlyRole: (r) => `Kun en ${role('da', r)} eller højere må gøre det.`,
	onlyApproverApproves: 'Kun en godkender må godkende.',
	onlyApproverRestores: 'Kun en godkender må gendanne en version.',
	onlyEditorAssigns: 'Kun redaktører og derover må tildele poster.',
	alreadyApproved: (version) => `Allerede godkendt som v${version}.`,
	giveReason: 'Skriv hvorfor, så redaktørerne ved, hvad de skal ændre.',
	reasonTooLong: (max) => `Hold begrundelsen under ${max} tegn.`,
	cannotMove: (s) => `En post med status »${state('da', s)}« kan ikke flyttes på den måde.`,
	noVersion: (version) => `Posten har ingen version ${version}.`,
	noSuchAssignee: 'Der findes ingen sådan person at tildele posten til.',
	assigneeDisabled: (name) => `${name}s konto er deaktiveret; tildel posten til en, der er aktiv.`,
	assigneeCannotEdit: (name, r) => `${name} er ${role('da', r)} og kan ikke redigere poster; tildel den til en redaktør eller højere.`,
	assignMerged: 'Posten er lagt sammen med en anden; tildel den i stedet.',
	noteTooLong: (max) => `Hold noten under ${max} tegn.`,
	noChangesSince: (version) => `Ingen ændringer siden v${version}.`,
	cannotApprove: (s) => `En post med status »${state('da', s)}« kan ikke godkendes.`,
	approvalBlocked: 'Godkendelsen er spærret, indtil dette er rettet.',
	viewNameMissing: 'Giv visningen et navn.',
	viewNameTooLong: (max) => `Hold navnet under ${max} tegn.`,
	onlyApproversShare: 'Kun godkendere og administratorer må dele en visning; gem den til dig selv i stedet.',
	tooManyViews: (max) => `Du har allerede ${max} visninger; slet en først.`,
	viewNameTaken: (name) => `Du har allerede en visning, der hedder »${name}«; vælg et andet navn.`,
	noView: 'Visningen findes ikke.',
	onlyMakerDeletes: 'Kun den, der lavede en delt visning, eller en administrator, må slette den.',
	cannotMergeSelf: 'En post kan ikke lægges sammen med sig selv.',
	mergedAlready: 'En af de to poster er allerede lagt sammen.',
	mergeNeedsApprover: 'Posten er offentliggjort; kun en godkender må lukke den ved sammenlægning. Behold den i stedet.',
	notMerged: 'Posten er ikke lagt sammen.',
	unmergeNeedsApprover: 'At skille posten ud offentliggør den igen: det afgør en godkender.',
	notFromSource: 'Det felt kan ikke udfyldes fra kilden.',
	changeMerged: 'Posten er lagt sammen med en anden; ret den i stedet.',
	selectionOutside: 'Markeringen ligger ikke i dokumentets tekst.',
	repairing: 'Posten bliver repareret; prøv igen.',
	writeComment: 'Skriv en kommentar først.',
	commentTooLong: (kb) => `Hold kommentaren under ${kb} kB.`,
	noField: (name) => `Der findes intet felt »${name}«.`,
	replyElsewhere: 'Kommentaren, du svarer på, hører ikke til denne post.',
	noComment: 'Kommentaren findes ikke på denne post.',
	noOrganisation: (slug) => `Der findes ingen organisation på »${slug}«.`,
	mergeWhichOrganisations: 'Vælg mindst én anden organisation at lægge sammen.',
	organisationNotMerged: (name) => `${name} er ikke lagt sammen med en anden organisation.`,
	tokenName: 'Giv nøglen et navn, for eksempel det script, der skal bruge den.',
	tokenNameTooLong: (max) => `En nøgles navn må højst have ${max} tegn.`,
	tokenNameControl: 'En nøgles navn må ikke indeholde kontroltegn.',
	noUser: 'Brugeren findes ikke.',
	selectionHoldsNo: {
		text: 'Markeringen indeholder ingen tekst.',
		amount: 'Markeringen indeholder intet beløb.',
		percentage: 'Markeringen indeholder ingen procentsats.',
		date: 'Markeringen indeholder ingen fuld dato (dag, måned og år).',
		country: 'Markeringen indeholder intet land.',
		number: 'Markeringen indeholder intet tal.'
	},
	selectionTooLong: (max) => `Markeringen er længere end ${max} tegn.`,
	contactsInForm: 'Kontakter tilføjes i formularen.'
};

export const REFUSAL_MESSAGES: Record<Lang, RefusalMessages> = { en, sv, no, da };

/** A refusal as each language words it. */
export type RefusalSay = (t: RefusalMessages) => string;

export function localizeRefusal(say: RefusalSay): Record<Lang, string> {
	return Object.fromEntries(LANGS.map((lang) => [lang, say(REFUSAL_MESSAGES[lang])])) as Record<Lang, string>;
}
