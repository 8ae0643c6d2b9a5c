/** Who is on the record and in which field, over the provider's awareness. */
import type { Awareness } from 'y-protocols/awareness';
import { isFieldKey, type FieldKey } from '$lib/records/fields';
import { readCaretState, type CaretState } from './carets';

/** At most this often a moving caret is sent; the server batches presence every 50 ms anyway. */
const CARET_EVERY_MS = 100;

export interface PresenceUser {
	id: string;
	name: string;
	colour: string;
}

export interface Peer {
	clientId: number;
	user: PresenceUser;
	field: FieldKey | null;
	/** Where the person's caret or selection is, if in a text field. */
	caret: CaretState | null;
	self: boolean;
}

function readUser(v: unknown): PresenceUser | null {
	if (typeof v !== 'object' || v === null) return null;
	const { id, name, colour } = v as Record<string, unknown>;
	return typeof id === 'string' && typeof name === 'string' && typeof colour === 'string' ? { id, name, colour } : null;
}

export class Presence {
	peers: Peer[] = $state.raw([]);
	private caretTimer: ReturnType<typeof setTimeout> | null = null;
	/** The caret waiting for the throttle; undefined when nothing waits. */
	private nextCaret: CaretState | null | undefined;
	private sentCaret = 'null';

	constructor(
		private readonly awareness: Awareness,
		me: PresenceUser
	) {
		// The server replaces `user` with what the session says; setting it here shows it before the round trip.
		awareness.setLocalState({ user: me, field: null, caret: null });
		awareness.on('change', this.update);
		this.update();
	}

	focus(field: FieldKey | null): void {
		if (this.awareness.getLocalState()?.field !== field) this.awareness.setLocalStateField('field', field);
		if (field === null) this.setCaret(null);
	}

	/**
	 * Publishes this page's caret, at most every CARET_EVERY_MS (the last one always goes),
	 * and only when it moved: a caret held as a relative position stays put while its owner types.
	 */
	setCaret(caret: CaretState | null): void {
		this.nextCaret = caret;
		if (this.caretTimer) return;
		this.sendCaret();
		this.caretTimer = setTimeout(() => {
			this.caretTimer = null;
			if (this.nextCaret !== undefined) this.setCaret(this.nextCaret);
		}, CARET_EVERY_MS);
	}

	private sendCaret(): void {
		const caret = this.nextCaret ?? null;
		this.nextCaret = undefined;
		const json = JSON.stringify(caret);
		if (json === this.sentCaret) return;
		this.sentCaret = json;
		this.awareness.setLocalStateField('caret', caret);
	}

	/** Each person once (a person may have the record open twice). */
	get people(): PresenceUser[] {
		const seen = new Map<string, PresenceUser>();
		for (const p of this.peers) if (!seen.has(p.user.id)) seen.set(p.user.id, p.user);
		return [...seen.values()];
	}

	/** Other people in a field. */
	inField(field: FieldKey): PresenceUser[] {
		const out = new Map<string, PresenceUser>();
		for (const p of this.peers) if (!p.self && p.field === field) out.set(p.user.id, p.user);
		return [...out.values()];
	}

	destroy(): void {
		if (this.caretTimer) clearTimeout(this.caretTimer);
		this.awareness.off('change', this.update);
		this.awareness.setLocalState(null);
	}

	private readonly update = () => {
		const peers: Peer[] = [];
		for (const [clientId, state] of this.awareness.getStates()) {
			const user = readUser(state.user);
			if (!user) continue;
			peers.push({
				clientId,
				user,
				field: typeof state.field === 'string' && isFieldKey(state.field) ? state.field : null,
				caret: readCaretState(state.caret),
				self: clientId === this.awareness.clientID
			});
		}
		this.peers = peers;
	};
}
