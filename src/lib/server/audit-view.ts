/**
 * The audit log as people read it: who (by name, linked), did what (in words), to which
 * person or record (by name or title, linked). Unknown actions — a feature added later —
 * still read as their name and their details in words, never as raw JSON.
 */
import { inArray } from 'drizzle-orm';
import { isReviewState } from '../records/review';
import { AUDIT_MESSAGES, type AuditMessages } from '../i18n/audit-messages';
import type { Lang } from '../i18n/lang';
import { WORKSPACE_MESSAGES } from '../i18n/workspace-messages';
import type { AuditListItem } from './audit';
import type { Sql } from './db/sql';

/** A piece of a sentence; with `href`, a link. */
export interface AuditPart {
	text: string;
	href?: string;
}

export interface AuditRow {
	id: number;
	at: Date;
	action: string;
	actor: AuditPart;
	summary: AuditPart[];
	clientAddress: string | null;
}

/** What an action is called in the filter, in the admin's language; an unknown one by its name. */
export const actionLabel = (action: string, lang: Lang = 'en') => AUDIT_MESSAGES[lang].actions[action] ?? action;

interface Names {
	users: Map<string, { name: string; email: string }>;
	records: Map<string, string>;
	lang: Lang;
	t: AuditMessages;
}

export const userHref = (id: string) => `/admin/users#user-${encodeURIComponent(id)}`;
export const recordHref = (id: string) => `/workspace/records/${encodeURIComponent(id)}`;

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

function bulkRecords(detail: Record<string, unknown> | null): { id: string; ok: boolean }[] {
	const list = detail?.records;
	if (!Array.isArray(list)) return [];
	return list.filter((r): r is { id: string; ok: boolean } => typeof r?.id === 'string').map((r) => ({ id: r.id, ok: !!r.ok }));
}

async function lookUpNames(sql: Sql, entries: AuditListItem[], lang: Lang): Promise<Names> {
	const { records, users } = sql.t;
	const userIds = new Set<string>();
	const recordIds = new Set<string>();
	for (const e of entries) {
		if (e.actorId) userIds.add(e.actorId);
		if (e.targetType === 'user' && e.targetId) userIds.add(e.targetId);
		if (e.targetType === 'record' && e.targetId) recordIds.add(e.targetId);
		for (const r of bulkRecords(e.detail)) recordIds.add(r.id);
		// An assignment names the person it was handed to.
		if (e.action === 'record.assigned' && str(e.detail?.to)) userIds.add(e.detail!.to as string);
	}
	const userRows = userIds.size
		? await sql.db
				.select({ id: users.id, name: users.name, email: users.email })
				.from(users)
				.where(inArray(users.id, [...userIds]))
		: [];
	const recordRows = recordIds.size
		? await sql.db
				.select({ id: records.id, title: records.title })
				.from(records)
				.where(inArray(records.id, [...recordIds]))
		: [];
	return {
		users: new Map(userRows.map((u) => [u.id, { name: u.name, email: u.email }])),
		records: new Map(recordRows.map((r) => [r.id, r.title])),
		lang,
		t: AUDIT_MESSAGES[lang]
	};
}

function userPart(names: Names, id: string | null, fallbackEmail?: string | null): AuditPart {
	const u = id ? names.users.get(id) : undefined;
	if (u && id) return { text: u.name || u.email, href: userHref(id) };
	return { text: fallbackEmail ?? (id ? names.t.removedAccount : names.t.someone) };
}

function recordPart(names: Names, id: string | null): AuditPart {
	if (!id) return { text: names.t.aRecord };
	const title = names.records.get(id);
	return title !== undefined ? { text: title || names.t.untitledRecord, href: recordHref(id) } : { text: names.t.removedRecord };
}

const quoted = (label: string, text: string | null): AuditPart[] => (text ? [{ text: `, ${label} “${text}”` }] : []);

function wordsFor(value: unknown, t: AuditMessages): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'boolean') return value ? t.yes : t.no;
	if (Array.isArray(value)) return t.items(value.length);
	if (typeof value === 'object') return Object.keys(value).join(', ');
	return String(value);
}

/** Details of an action this view does not know: each set value as "key value", nulls left out. */
function genericDetail(detail: Record<string, unknown> | null, t: AuditMessages): AuditPart[] {
	const pairs = Object.entries(detail ?? {})
		.filter(([, v]) => v !== null && v !== undefined && v !== '')
		.map(
			([k, v]) =>
				`${k
					.replace(/([a-z])([A-Z])/g, '$1 $2')
					.replace(/_/g, ' ')
					.toLowerCase()} ${wordsFor(v, t)}`
		);
	return pairs.length ? [{ text: ` (${pairs.join('; ')})` }] : [];
}

function summarise(e: AuditListItem, names: Names): AuditPart[] {
	const d = e.detail ?? {};
	const t = names.t;
	const target = e.targetType === 'user' ? userPart(names, e.targetId, str(d.email)) : recordPart(names, e.targetId);
	// Without a signed-in actor the actor column already names the command line or start-up.
	const via = e.actorId && str(d.via) && d.via !== 'web' ? [{ text: t.fromVia(t.via[d.via as string] ?? (d.via as string)) }] : [];
	switch (e.action) {
		case 'auth.sign_in':
			return [{ text: t.signedIn }];
		case 'auth.sign_out':
			return [{ text: t.signedOut }];
		case 'auth.sign_in_failed':
			return [
				{ text: t.failedSignInAs },
				{ text: str(d.email) ?? t.unknownAddress },
				{ text: ` (${t.failures[str(d.reason) ?? ''] ?? str(d.reason) ?? t.refused})` }
			];
		case 'user.created':
			return [{ text: t.createdAccount }, target, { text: t.asRole(str(d.role) ?? t.aUser) }, ...via];
		case 'user.role_changed':
			return [{ text: t.changedRole }, target, { text: t.roleFromTo(str(d.from) ?? '?', str(d.to) ?? '?') }, ...via];
		case 'user.disabled':
			return [{ text: t.disabledAccount }, target, ...via];
		case 'user.enabled':
			return [{ text: t.enabledAccount }, target, ...via];
		case 'user.password_changed':
			return [{ text: t.newPassword }, target, ...via];
		case 'record.approved':
			return [
				{ text: t.approved },
				target,
				{ text: typeof d.version === 'number' ? t.asVersion(d.version) : '' },
				...(d.bulk ? [{ text: t.withOthers }] : []),
				...quoted(t.noting, str(d.note))
			];
		case 'record.bulk_approved': {
			const list = bulkRecords(e.detail);
			const approved = list.filter((r) => r.ok);
			const refused = list.filter((r) => !r.ok);
			const join = (rs: typeof list): AuditPart[] => rs.flatMap((r, i) => [...(i ? [{ text: ', ' }] : []), recordPart(names, r.id)]);
			return [
				{ text: t.approvedOf(approved.length, typeof d.selected === 'number' ? d.selected : list.length) },
				...(approved.length ? [{ text: ': ' }, ...join(approved)] : []),
				...(refused.length ? [{ text: t.notApproved }, ...join(refused)] : [])
			];
		}
		case 'record.state_changed': {
			const verb = t.stateVerbs[str(d.action) ?? ''];
			const to = isReviewState(d.to) ? WORKSPACE_MESSAGES[names.lang].states[d.to].toLowerCase() : str(d.to);
			const head: AuditPart[] = verb ? [{ text: `${verb} ` }, target] : [{ text: t.moved }, target, { text: t.toState(to ?? '?') }];
			return [...head, ...quoted(t.saying, str(d.reason))];
		}
		case 'record.assigned':
			return [
				{ text: t.assigned },
				target,
				{ text: t.assignedTo },
				userPart(names, str(d.to)),
				...(d.bulk ? [{ text: t.withOthers }] : [])
			];
		case 'record.unassigned':
			return [{ text: t.unassigned }, target, ...(d.bulk ? [{ text: t.withOthers }] : [])];
		case 'view.saved':
			return [{ text: t.viewSaved(!!d.shared, str(d.name) ?? '?') }];
		case 'view.deleted':
			return [{ text: t.viewDeleted(!!d.shared, str(d.name) ?? '?') }];
		case 'record.restored':
			return [{ text: t.restored(typeof d.version === 'number' ? String(d.version) : '?') }, target];
		default:
			return [
				{ text: actionLabel(e.action, names.lang) },
				...(e.targetId
					? [
							{ text: ': ' },
							e.targetType === 'user' || e.targetType === 'record' ? target : { text: `${e.targetType ?? ''} ${e.targetId}`.trim() }
						]
					: []),
				...genericDetail(e.detail, t)
			];
	}
}

function actorPart(e: AuditListItem, names: Names): AuditPart {
	if (e.actorId) return userPart(names, e.actorId, e.actorEmail);
	const via = str(e.detail?.via);
	if (via && names.t.via[via]) return { text: via === 'cli' ? names.t.commandLine : names.t.startUp };
	return { text: e.action === 'auth.sign_in_failed' ? names.t.notSignedIn : names.t.system };
}

/** The entries as sentences in `lang`, the language of the admin reading them. */
export async function presentAudit(sql: Sql, entries: AuditListItem[], lang: Lang = 'en'): Promise<AuditRow[]> {
	const names = await lookUpNames(sql, entries, lang);
	return entries.map((e) => ({
		id: e.id,
		at: e.at,
		action: e.action,
		actor: actorPart(e, names),
		summary: summarise(e, names),
		clientAddress: e.clientAddress
	}));
}
