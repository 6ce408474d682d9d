/**
 * Who may do what in the console. Officers run the shift (incidents, silences, board);
 * analysts work on rules and backtests and may watch the board; admins may do both.
 */
export type Role = 'officer' | 'analyst' | 'admin';
export const ROLES: readonly Role[] = ['officer', 'analyst', 'admin'];

export type Permission = 'board.read' | 'incidents.command' | 'rules.read' | 'rules.write';

const GRANTS: Record<Role, readonly Permission[]> = {
  officer: ['board.read', 'incidents.command'],
  analyst: ['board.read', 'rules.read', 'rules.write'],
  admin: ['board.read', 'incidents.command', 'rules.read', 'rules.write'],
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function permissionsOf(role: Role): Permission[] {
  return [...GRANTS[role]];
}
