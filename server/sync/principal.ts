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

/** Reads the request's cookies; null when they sign no one in. Called again while the socket is open. */
export type Authenticate = (cookieHeader: string | undefined) => Principal | null | Promise<Principal | null>;
