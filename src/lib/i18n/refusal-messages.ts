/**
 * The commonest refusals of the workspace's services (src/lib/server/refusal.ts) in every
 * language. A refusal made from one of these carries its text in each; a form action shows
 * the person's (refusal-fail.ts) and the English one stays the message. Others stay English.
 */
import { LANGS, type Lang } from './lang';

const en = {
	noRecord: 'No record with that id.',
	onlyRole: (role: string) => `Only an ${role} may do that.`,
	onlyApproverApproves: 'Only an approver may approve.',
	onlyApproverRestores: 'Only an approver may restore a version.',
	onlyEditorAssigns: 'Only an editor or above may assign records.',
	alreadyApproved: (version: string) => `Already approved as v${version}.`
};

export type RefusalMessages = typeof en;

const sv: RefusalMessages = {
	noRecord: 'Det finns ingen post med det id:t.',
	onlyRole: (role) => `Bara en användare med rollen ${role} får göra det.`,
	onlyApproverApproves: 'Bara en godkännare får godkänna.',
	onlyApproverRestores: 'Bara en godkännare får återställa en version.',
	onlyEditorAssigns: 'Bara redaktörer och uppåt får tilldela poster.',
	alreadyApproved: (version) => `Redan godkänd som v${version}.`
};

const no: RefusalMessages = {
	noRecord: 'Det finnes ingen post med den id-en.',
	onlyRole: (role) => `Bare en bruker med rollen ${role} kan gjøre det.`,
	onlyApproverApproves: 'Bare en godkjenner kan godkjenne.',
	onlyApproverRestores: 'Bare en godkjenner kan gjenopprette en versjon.',
	onlyEditorAssigns: 'Bare redaktører og oppover kan tildele poster.',
	alreadyApproved: (version) => `Allerede godkjent som v${version}.`
};

const da: RefusalMessages = {
	noRecord: 'Der findes ingen post med det id.',
	onlyRole: (role) => `Kun en bruger med rollen ${role} må gøre det.`,
	onlyApproverApproves: 'Kun en godkender må godkende.',
	onlyApproverRestores: 'Kun en godkender må gendanne en version.',
	onlyEditorAssigns: 'Kun redaktører og derover må tildele poster.',
	alreadyApproved: (version) => `Allerede godkendt som v${version}.`
};

export const REFUSAL_MESSAGES: Record<Lang, RefusalMessages> = { en, sv, no, da };

/** A refusal as each language words it. */
export type RefusalSay = (t: RefusalMessages) => string;

export function localizeRefusal(say: RefusalSay): Record<Lang, string> {
	return Object.fromEntries(LANGS.map((lang) => [lang, say(REFUSAL_MESSAGES[lang])])) as Record<Lang, string>;
}
