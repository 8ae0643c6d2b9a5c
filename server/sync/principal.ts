/** Who is on the other end of a sync connection, and what they may do there. */
export interface Principal {
	userId: string;
	name: string;
	/** Editors and above write; viewers get a read-only connection. */
	canWrite: boolean;
	/** Approvers may also make a contact public (record-schema.ts). */
	canApprove: boolean;
	/** The session that signed the connection in, so that ending it closes the connection. */
	sessionId?: string;
}

/**
 * Reads requests' Cookie headers, one answer for each: null when they sign no one in. Asked
 * for one at an upgrade, and for every open socket's at once when they are checked again.
 */
export type Authenticate = (cookieHeaders: (string | undefined)[]) => (Principal | null)[] | Promise<(Principal | null)[]>;
