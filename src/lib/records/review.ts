/** A record's review state; lives in its live document so every open editor sees it change. */
export const REVIEW_STATES = ['draft', 'in_review', 'changes_requested', 'approved', 'rejected'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const REVIEW_STATE_LABELS: Record<ReviewState, string> = {
	draft: 'Draft',
	in_review: 'In review',
	changes_requested: 'Changes requested',
	approved: 'Approved',
	rejected: 'Rejected'
};

export function isReviewState(v: unknown): v is ReviewState {
	return typeof v === 'string' && (REVIEW_STATES as readonly string[]).includes(v);
}

/** Who may move a record between states; the approve action itself also needs a valid record. */
export type ReviewAction = 'submit' | 'request_changes' | 'approve' | 'reject' | 'reopen';

export interface ReviewTransition {
	from: readonly ReviewState[];
	to: ReviewState;
	/** The least role that may take the action (roles as in the auth module). */
	role: 'editor' | 'approver';
	/** A reason is asked for, and kept with the state. */
	needsReason: boolean;
}

export const REVIEW_TRANSITIONS: Record<ReviewAction, ReviewTransition> = {
	submit: { from: ['draft', 'changes_requested'], to: 'in_review', role: 'editor', needsReason: false },
	request_changes: { from: ['in_review', 'draft'], to: 'changes_requested', role: 'approver', needsReason: true },
	approve: { from: ['draft', 'in_review'], to: 'approved', role: 'approver', needsReason: false },
	reject: {
		from: ['draft', 'in_review', 'changes_requested', 'approved'],
		to: 'rejected',
		role: 'approver',
		needsReason: true
	},
	reopen: { from: ['rejected'], to: 'draft', role: 'approver', needsReason: false }
};

/** The state after an edit by a person: a change to an approved record opens a new draft. */
export function stateAfterEdit(state: ReviewState): ReviewState {
	return state === 'approved' ? 'draft' : state;
}
