/**
 * The audit log as people read it: who (by name, linked), did what (in words), to which
 * person or record (by name or title, linked). Unknown actions — a feature added later —
 * still read as their name and their details in words, never as raw JSON.
 */
import { inArray } from 'drizzle-orm';
import { REVIEW_STATE_LABELS, isReviewState } from '../records/review';
import type { AuditListItem } from './audit';
import type { Db } from './db/client';
import { records, users } from './db/schema';

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

/** What each known action is called in the filter. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
	'auth.sign_in': 'Signed in',
	'auth.sign_in_failed': 'Failed sign-in',
	'auth.sign_out': 'Signed out',
	'user.created': 'Account created',
	'user.role_changed': 'Role changed',
	'user.disabled': 'Account disabled',
	'user.enabled': 'Account enabled',
	'user.password_changed': 'Password changed',
	'record.approved': 'Record approved',
	'record.bulk_approved': 'Records approved together',
	'record.state_changed': 'Review state changed',
	'record.restored': 'Version restored',
	'record.assigned': 'Record assigned',
	'record.unassigned': 'Record unassigned',
	'view.saved': 'Queue view saved',
	'view.deleted': 'Queue view deleted'
};

export const actionLabel = (action: string) => AUDIT_ACTION_LABELS[action] ?? action;

const SIGN_IN_FAILURES: Record<string, string> = {
	wrong_password: 'wrong password',
	unknown_email: 'no account with that address',
	disabled: 'account disabled'
};

const VIA: Record<string, string> = { cli: 'the command line', start: 'start-up' };

const STATE_VERBS: Record<string, string> = {
	submit: 'asked for review of',
	request_changes: 'requested changes on',
	reject: 'rejected',
	reopen: 'reopened'
};

interface Names {
	users: Map<string, { name: string; email: string }>;
	records: Map<string, string>;
}

export const userHref = (id: string) => `/admin/users#user-${encodeURIComponent(id)}`;
export const recordHref = (id: string) => `/workspace/records/${encodeURIComponent(id)}`;

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

function bulkRecords(detail: Record<string, unknown> | null): { id: string; ok: boolean }[] {
	const list = detail?.records;
	if (!Array.isArray(list)) return [];
	return list.filter((r): r is { id: string; ok: boolean } => typeof r?.id === 'string').map((r) => ({ id: r.id, ok: !!r.ok }));
}

function lookUpNames(db: Db, entries: AuditListItem[]): Names {
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
		? db
				.select({ id: users.id, name: users.name, email: users.email })
				.from(users)
				.where(inArray(users.id, [...userIds]))
				.all()
		: [];
	const recordRows = recordIds.size
		? db
				.select({ id: records.id, title: records.title })
				.from(records)
				.where(inArray(records.id, [...recordIds]))
				.all()
		: [];
	return {
		users: new Map(userRows.map((u) => [u.id, { name: u.name, email: u.email }])),
		records: new Map(recordRows.map((r) => [r.id, r.title]))
	};
}

function userPart(names: Names, id: string | null, fallbackEmail?: string | null): AuditPart {
	const u = id ? names.users.get(id) : undefined;
	if (u && id) return { text: u.name || u.email, href: userHref(id) };
	return { text: fallbackEmail ?? (id ? 'a removed account' : 'someone') };
}

function recordPart(names: Names, id: string | null): AuditPart {
	if (!id) return { text: 'a record' };
	const title = names.records.get(id);
	return title !== undefined ? { text: title || 'Untitled record', href: recordHref(id) } : { text: 'a removed record' };
}

const quoted = (label: string, text: string | null): AuditPart[] => (text ? [{ text: `, ${label} “${text}”` }] : []);

function wordsFor(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'boolean') return value ? 'yes' : 'no';
	if (Array.isArray(value)) return `${value.length} item${value.length === 1 ? '' : 's'}`;
	if (typeof value === 'object') return Object.keys(value).join(', ');
	return String(value);
}

/** Details of an action this view does not know: each set value as "key value", nulls left out. */
function genericDetail(detail: Record<string, unknown> | null): AuditPart[] {
	const pairs = Object.entries(detail ?? {})
		.filter(([, v]) => v !== null && v !== undefined && v !== '')
		.map(
			([k, v]) =>
				`${k
					.replace(/([a-z])([A-Z])/g, '$1 $2')
					.replace(/_/g, ' ')
					.toLowerCase()} ${wordsFor(v)}`
		);
	return pairs.length ? [{ text: ` (${pairs.join('; ')})` }] : [];
}

function summarise(e: AuditListItem, names: Names): AuditPart[] {
	const d = e.detail ?? {};
	const target = e.targetType === 'user' ? userPart(names, e.targetId, str(d.email)) : recordPart(names, e.targetId);
	// Without a signed-in actor the actor column already names the command line or start-up.
	const via = e.actorId && str(d.via) && d.via !== 'web' ? [{ text: ` (from ${VIA[d.via as string] ?? d.via})` }] : [];
	switch (e.action) {
		case 'auth.sign_in':
			return [{ text: 'signed in' }];
		case 'auth.sign_out':
			return [{ text: 'signed out' }];
		case 'auth.sign_in_failed':
			return [
				{ text: 'failed sign-in as ' },
				{ text: str(d.email) ?? 'an unknown address' },
				{ text: ` (${SIGN_IN_FAILURES[str(d.reason) ?? ''] ?? str(d.reason) ?? 'refused'})` }
			];
		case 'user.created':
			return [{ text: 'created the account of ' }, target, { text: ` as ${str(d.role) ?? 'a user'}` }, ...via];
		case 'user.role_changed':
			return [{ text: 'changed the role of ' }, target, { text: ` from ${str(d.from) ?? '?'} to ${str(d.to) ?? '?'}` }, ...via];
		case 'user.disabled':
			return [{ text: 'disabled the account of ' }, target, ...via];
		case 'user.enabled':
			return [{ text: 'enabled the account of ' }, target, ...via];
		case 'user.password_changed':
			return [{ text: 'set a new password for ' }, target, ...via];
		case 'record.approved':
			return [
				{ text: 'approved ' },
				target,
				{ text: typeof d.version === 'number' ? ` as version ${d.version}` : '' },
				...(d.bulk ? [{ text: ' (with others, from the queue)' }] : []),
				...quoted('noting', str(d.note))
			];
		case 'record.bulk_approved': {
			const list = bulkRecords(e.detail);
			const approved = list.filter((r) => r.ok);
			const refused = list.filter((r) => !r.ok);
			const join = (rs: typeof list): AuditPart[] => rs.flatMap((r, i) => [...(i ? [{ text: ', ' }] : []), recordPart(names, r.id)]);
			return [
				{ text: `approved ${approved.length} of ${typeof d.selected === 'number' ? d.selected : list.length} selected records` },
				...(approved.length ? [{ text: ': ' }, ...join(approved)] : []),
				...(refused.length ? [{ text: '; not approved: ' }, ...join(refused)] : [])
			];
		}
		case 'record.state_changed': {
			const verb = STATE_VERBS[str(d.action) ?? ''];
			const to = isReviewState(d.to) ? REVIEW_STATE_LABELS[d.to].toLowerCase() : str(d.to);
			const head: AuditPart[] = verb ? [{ text: `${verb} ` }, target] : [{ text: 'moved ' }, target, { text: ` to ${to ?? '?'}` }];
			return [...head, ...quoted('saying', str(d.reason))];
		}
		case 'record.assigned':
			return [
				{ text: 'assigned ' },
				target,
				{ text: ' to ' },
				userPart(names, str(d.to)),
				...(d.bulk ? [{ text: ' (with others, from the queue)' }] : [])
			];
		case 'record.unassigned':
			return [{ text: 'unassigned ' }, target, ...(d.bulk ? [{ text: ' (with others, from the queue)' }] : [])];
		case 'view.saved':
			return [{ text: `saved the ${d.shared ? 'shared' : 'personal'} queue view “${str(d.name) ?? '?'}”` }];
		case 'view.deleted':
			return [{ text: `deleted the ${d.shared ? 'shared' : 'personal'} queue view “${str(d.name) ?? '?'}”` }];
		case 'record.restored':
			return [{ text: `restored version ${typeof d.version === 'number' ? d.version : '?'} of ` }, target];
		default:
			return [
				{ text: actionLabel(e.action) },
				...(e.targetId
					? [
							{ text: ': ' },
							e.targetType === 'user' || e.targetType === 'record' ? target : { text: `${e.targetType ?? ''} ${e.targetId}`.trim() }
						]
					: []),
				...genericDetail(e.detail)
			];
	}
}

function actorPart(e: AuditListItem, names: Names): AuditPart {
	if (e.actorId) return userPart(names, e.actorId, e.actorEmail);
	const via = str(e.detail?.via);
	if (via && VIA[via]) return { text: via === 'cli' ? 'Command line' : 'Start-up' };
	return { text: e.action === 'auth.sign_in_failed' ? 'Not signed in' : 'System' };
}

export function presentAudit(db: Db, entries: AuditListItem[]): AuditRow[] {
	const names = lookUpNames(db, entries);
	return entries.map((e) => ({
		id: e.id,
		at: e.at,
		action: e.action,
		actor: actorPart(e, names),
		summary: summarise(e, names),
		clientAddress: e.clientAddress
	}));
}
