/**
 * The account roles, stored in users.role. Ordered: each role may do everything the
 * roles before it may (the check is auth/roles.ts's hasRole).
 */
export const ROLES = ['viewer', 'editor', 'approver', 'admin'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
