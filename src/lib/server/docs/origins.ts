/**
 * Every change to a live document carries an origin: who made it (for "last changed by")
 * and which connection it came from (so it is not echoed back there).
 */
export interface Actor {
	id: string;
	name: string;
}

/** What a client's updates may change beyond the fields (record-schema.ts). */
export interface WriteRights {
	/** Approvers may make a contact public. */
	approver: boolean;
}

export class UpdateOrigin {
	constructor(
		/** The person the change is attributed to; null for the system. */
		readonly actor: Actor | null,
		/** For logs: "socket", "approve", "restore", … */
		readonly label: string,
		/** Checked on updates from clients (DocSession.apply); the server's own changes are not. */
		readonly rights: WriteRights = { approver: false }
	) {}
}

/** Changes the store itself makes: first state, layout repairs, "last changed by" stamps. */
export const STORE_ORIGIN = new UpdateOrigin(null, 'store');
/** Updates another process stored and announced. */
export const REMOTE_ORIGIN = new UpdateOrigin(null, 'remote');
