import { hashPassword, isPasswordHash, verifyPassword } from './password-hash';
import { isRole, type Role } from './roles';

export interface ConsoleUser {
  name: string;
  role: Role;
  passwordHash: string;
}

/** Same alphabet as officer names in the alerts API, so a login name is always a valid `by`. */
export const USER_NAME = /^[A-Za-z0-9._@-]{1,64}$/;

/**
 * Parses `name:role:hash` entries separated by commas or new lines (CONSOLE_USERS, or the
 * file named by CONSOLE_USERS_FILE); `#` starts a comment line. Each mistake names its entry.
 */
export function parseUsers(text: string, origin = 'CONSOLE_USERS'): ConsoleUser[] {
  const users: ConsoleUser[] = [];
  const seen = new Set<string>();
  const entries = text
    .split(/[\n,]/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  entries.forEach((entry, i) => {
    const parts = entry.split(':');
    const where = `${origin} entry ${i + 1}`;
    if (parts.length !== 3) throw new Error(`${where} is not name:role:hash.`);
    const [name, role, passwordHash] = parts as [string, string, string];
    if (!USER_NAME.test(name)) throw new Error(`${where}: the name "${name}" may only use letters, digits, . _ @ - (at most 64).`);
    if (!isRole(role)) throw new Error(`${where}: the role "${role}" is not officer, analyst or admin.`);
    if (!isPasswordHash(passwordHash)) throw new Error(`${where}: the hash of "${name}" is not scrypt$N$r$p$salt$hash (make one with \`node dist/services/console/auth/hash-password-cli.js\`).`);
    if (seen.has(name)) throw new Error(`${where}: "${name}" is listed twice.`);
    seen.add(name);
    users.push({ name, role, passwordHash });
  });
  return users;
}

/** Demo accounts, seeded only when FRUEHWARN_DEMO is on and shown on the login page then. */
export const DEMO_ACCOUNTS: readonly { name: string; role: Role; password: string }[] = [
  { name: 'officer', role: 'officer', password: 'demo-officer' },
  { name: 'analyst', role: 'analyst', password: 'demo-analyst' },
  { name: 'admin', role: 'admin', password: 'demo-admin' },
];

export async function demoUsers(): Promise<ConsoleUser[]> {
  // Cheap parameters: demo start-up should not take a second per account.
  return Promise.all(DEMO_ACCOUNTS.map(async (a) => ({ name: a.name, role: a.role, passwordHash: await hashPassword(a.password, { N: 1024, r: 8, p: 1 }) })));
}

export class UserDirectory {
  private readonly byName = new Map<string, ConsoleUser>();
  // A fixed hash to verify against for unknown names, so timing does not reveal which names exist.
  private decoy: Promise<string> | null = null;

  constructor(users: ConsoleUser[]) {
    for (const u of users) this.byName.set(u.name, u);
  }

  get size(): number {
    return this.byName.size;
  }

  async authenticate(name: string, password: string): Promise<ConsoleUser | null> {
    const user = this.byName.get(name);
    if (!user) {
      this.decoy ??= hashPassword('decoy-password-never-used');
      await verifyPassword(password, await this.decoy);
      return null;
    }
    return (await verifyPassword(password, user.passwordHash)) ? user : null;
  }
}
