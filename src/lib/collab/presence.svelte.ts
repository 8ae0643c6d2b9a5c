/** Who is on the record and in which field, over the provider's awareness. */
import type { Awareness } from 'y-protocols/awareness';
import { isFieldKey, type FieldKey } from '$lib/records/fields';

export interface PresenceUser {
	id: string;
	name: string;
	colour: string;
}

export interface Peer {
	clientId: number;
	user: PresenceUser;
	field: FieldKey | null;
	self: boolean;
}

function readUser(v: unknown): PresenceUser | null {
	if (typeof v !== 'object' || v === null) return null;
	const { id, name, colour } = v as Record<string, unknown>;
	return typeof id === 'string' && typeof name === 'string' && typeof colour === 'string' ? { id, name, colour } : null;
}

export class Presence {
	peers: Peer[] = $state.raw([]);

	constructor(
		private readonly awareness: Awareness,
		me: PresenceUser
	) {
		// The server replaces `user` with what the session says; setting it here shows it before the round trip.
		awareness.setLocalState({ user: me, field: null });
		awareness.on('change', this.update);
		this.update();
	}

	focus(field: FieldKey | null): void {
		if (this.awareness.getLocalState()?.field !== field) this.awareness.setLocalStateField('field', field);
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
				self: clientId === this.awareness.clientID
			});
		}
		this.peers = peers;
	};
}
