import { ROLES, type Role } from '../../records/roles';

// The role list is a record shape (db/schema stores it); auth re-exports it beside the check.
export { ROLES, isRole, type Role } from '../../records/roles';

export function hasRole(user: { role: Role } | null | undefined, min: Role): boolean {
	return !!user && ROLES.indexOf(user.role) >= ROLES.indexOf(min);
}
