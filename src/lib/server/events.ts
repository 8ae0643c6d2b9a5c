/**
 * What happened in the workspace, for whoever reacts after the fact: the queue's live
 * feed, notifications and webhooks. An event is emitted only after the change it names
 * is committed, so a listener may read the database and find it there.
 *
 * Listeners run inside emitEvent(); one that does slow work (a network call) queues it and
 * returns, or returns a promise. A listener that throws or rejects is logged and skipped:
 * an action never fails because someone listening to it did.
 *
 * The listeners live on globalThis, for the reason context.ts gives (a module `vite dev`
 * reloads runs again, beside the copy the sync server holds). Only this process hears an
 * event, so what a listener does runs once; in a multi-process deployment what people
 * watch live (the feed, the bell) is passed to the other processes by
 * cluster/live-fanout.ts.
 */
import type { ReviewAction, ReviewState } from '../records/review';
import { logger } from './ops/log';

/** Who did it, as the audit log names them. */
export interface EventActor {
	id: string;
	name: string;
}

/** A decision on a record, with who should hear of it. */
export interface RecordDecision {
	recordId: string;
	byUserId: string;
	/** The people stamped as the last to change a field of the record, and whoever created it. */
	editorIds: string[];
	reason?: string | null;
}

export interface RecordAssignedEvent {
	recordId: string;
	/** The person the record is handed to now; null when it was unassigned. */
	assignee: EventActor | null;
	previousAssigneeId: string | null;
	actor: EventActor;
	at: Date;
}

export interface RecordApprovedEvent extends RecordDecision {
	version: number;
	actor: EventActor;
	note: string | null;
	at: Date;
}

/** Every move of a record between review states other than approval (submit, request changes, reject, reopen). */
export interface RecordStateChangedEvent extends RecordDecision {
	action: Exclude<ReviewAction, 'approve'>;
	from: ReviewState;
	to: ReviewState;
	/** The reason given (requesting changes and rejecting need one). */
	reason: string | null;
	actor: EventActor;
	at: Date;
}

/** The records row was brought up to date with the live document: an edit, or any other change to it. */
export interface RecordChangedEvent {
	recordId: string;
	at: Date;
}

export interface SamlaEvents {
	'record.assigned': RecordAssignedEvent;
	'record.approved': RecordApprovedEvent;
	/** Also emitted as `record.state_changed`; these two are the moves people are told about. */
	'record.rejected': RecordStateChangedEvent;
	'record.changes_requested': RecordStateChangedEvent;
	'record.state_changed': RecordStateChangedEvent;
	'record.changed': RecordChangedEvent;
	'comment.created': { commentId: string; recordId: string; authorId: string; parentId: string | null; mentionedIds: string[] };
	'document.ingested': { documentId: string; recordIds: string[]; byUserId: string | null };
	'project.published': { recordId: string; version: number };
	'project.withdrawn': { recordId: string };
}

export type SamlaEventName = keyof SamlaEvents;
export type AnyListener = <K extends SamlaEventName>(name: K, payload: SamlaEvents[K]) => void | Promise<void>;

const KEY = Symbol.for('samla.events');
type WithListeners = typeof globalThis & { [KEY]?: Set<AnyListener> };

function listeners(): Set<AnyListener> {
	const g = globalThis as WithListeners;
	return (g[KEY] ??= new Set());
}

/** Hears every event; returns the function that stops it. */
export function onAnyEvent(listener: AnyListener): () => void {
	const all = listeners();
	all.add(listener);
	return () => void all.delete(listener);
}

/** Hears one kind of event; returns the function that stops it. */
export function onEvent<K extends SamlaEventName>(name: K, listener: (payload: SamlaEvents[K]) => void | Promise<void>): () => void {
	return onAnyEvent((n, payload) => {
		if ((n as SamlaEventName) === name) return listener(payload as SamlaEvents[K]);
	});
}

/** Call only once the change is committed: listeners may read it back. */
export function emitEvent<K extends SamlaEventName>(name: K, payload: SamlaEvents[K]): void {
	const failed = (err: unknown) => logger().error({ err, event: name }, 'event listener failed');
	for (const listener of [...listeners()]) {
		try {
			const done = listener(name, payload);
			if (done) done.catch(failed);
		} catch (err) {
			failed(err);
		}
	}
}
