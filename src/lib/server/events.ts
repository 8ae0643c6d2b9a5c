/**
 * In-process events about records, for whoever wants to react after the fact: the queue's
 * live feed, and notifications and webhooks. An event is emitted only after the change
 * it names is committed, so a listener may read the database and find it there.
 *
 * Listeners run synchronously inside emit(); one that does slow work (a network call)
 * should queue it and return. A listener that throws is logged and skipped: an action
 * never fails because someone listening to it did.
 *
 * Actions run in the SvelteKit bundle and the document store in server/, and the two load
 * separate copies of this module, so the listeners live on globalThis (as in
 * auth/session-events.ts). Only this process hears an event; a multi-process deployment
 * would carry them over the announcer's Redis channel.
 */
import type { ReviewAction, ReviewState } from '../records/review';

/** Who did it, as the audit log names them; null when the server did it (a sync-socket edit's projection). */
export interface EventActor {
	id: string;
	name: string;
}

export interface RecordAssignedEvent {
	recordId: string;
	/** The person the record is handed to now; null when it was unassigned. */
	assignee: EventActor | null;
	previousAssigneeId: string | null;
	actor: EventActor;
	at: Date;
}

export interface RecordApprovedEvent {
	recordId: string;
	version: number;
	actor: EventActor;
	note: string | null;
	at: Date;
}

/** Every move of a record between review states other than approval (submit, request changes, reject, reopen). */
export interface RecordStateChangedEvent {
	recordId: string;
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
}

export type SamlaEventName = keyof SamlaEvents;
export type AnyListener = <K extends SamlaEventName>(name: K, payload: SamlaEvents[K]) => void;

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
export function onEvent<K extends SamlaEventName>(name: K, listener: (payload: SamlaEvents[K]) => void): () => void {
	return onAnyEvent((n, payload) => {
		if ((n as SamlaEventName) === name) listener(payload as SamlaEvents[K]);
	});
}

export function emitEvent<K extends SamlaEventName>(name: K, payload: SamlaEvents[K]): void {
	for (const listener of [...listeners()]) {
		try {
			listener(name, payload);
		} catch (err) {
			console.error(`samla: a listener of ${name} failed: ${(err as Error).message}`);
		}
	}
}
