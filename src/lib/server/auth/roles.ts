/** Each role may do everything the roles before it may. */
export const ROLES = ['viewer', 'editor', 'approver', 'admin'] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
	viewer: 'may look at the workspace (read-only)',
	editor: 'may change drafts',
	approver: 'editor, and may approve and restore versions',
	admin: 'approver, and manages users'
};

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function hasRole(user: { role: Role } | null | undefined, min: Role): boolean {
	return !!user && ROLES.indexOf(user.role) >= ROLES.indexOf(min);
}
