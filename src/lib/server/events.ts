/**
 * What happened in the workspace, told to whoever listens (notifications, webhooks) after
 * the change has committed. The production entry (server/) and the SvelteKit bundle load
 * separate copies of this module, so the listeners live on globalThis, as the app context
 * does. A listener runs later, on its own turn of the event loop: it can neither slow nor
 * fail the action that emitted, and its errors are logged and dropped.
 */
import { logger } from './ops/log';

export interface RecordDecision {
	recordId: string;
	byUserId: string;
	/** The people stamped as the last to change a field of the record, and whoever created it. */
	editorIds: string[];
	reason?: string | null;
}

export interface SamlaEvents {
	'record.approved': RecordDecision & { version: number };
	'record.rejected': RecordDecision;
	'record.changes_requested': RecordDecision;
	'record.assigned': { recordId: string; assigneeId: string; byUserId: string };
	'comment.created': { commentId: string; recordId: string; authorId: string; parentId: string | null; mentionedIds: string[] };
	'document.ingested': { documentId: string; recordIds: string[]; byUserId: string | null };
	'project.published': { recordId: string; version: number };
	'project.withdrawn': { recordId: string };
}

export type EventName = keyof SamlaEvents;
export type Listener<E extends EventName> = (payload: SamlaEvents[E]) => void | Promise<void>;

// One set per event; typed at the two functions below, which are the only way in.
type Listeners = Partial<Record<EventName, Set<(payload: never) => void | Promise<void>>>>;
const KEY = Symbol.for('samla.events');
type WithListeners = typeof globalThis & { [KEY]?: Listeners };

function listeners(): Listeners {
	const g = globalThis as WithListeners;
	g[KEY] ??= {};
	return g[KEY];
}

/** Returns the function that stops listening. */
export function on<E extends EventName>(event: E, listener: Listener<E>): () => void {
	const set = (listeners()[event] ??= new Set());
	set.add(listener as (payload: never) => void);
	return () => set.delete(listener as (payload: never) => void);
}

/** Call only once the change is committed: listeners may read it back. */
export function emit<E extends EventName>(event: E, payload: SamlaEvents[E]): void {
	const set = listeners()[event] as Set<Listener<E>> | undefined;
	for (const listener of [...(set ?? [])]) {
		setImmediate(() => {
			try {
				Promise.resolve(listener(payload)).catch((err) => logger().error({ err, event }, 'event listener failed'));
			} catch (err) {
				logger().error({ err, event }, 'event listener failed');
			}
		});
	}
}
