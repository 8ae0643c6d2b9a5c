/** Each role may do everything the roles before it may. */
export const ROLES = ['viewer', 'editor', 'approver', 'admin'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function hasRole(user: { role: Role } | null | undefined, min: Role): boolean {
	return !!user && ROLES.indexOf(user.role) >= ROLES.indexOf(min);
}
