/**
 * Makes a CONSOLE_USERS entry: `node dist/services/console/auth/hash-password-cli.js NAME ROLE`
 * reads the password from standard input (not the command line, where `ps` and shell history
 * would keep it) and prints `NAME:ROLE:scrypt$...`.
 */
import { hashPassword } from './password-hash';
import { isRole } from './roles';
import { USER_NAME } from './users';

async function main(): Promise<void> {
  const [name, role] = process.argv.slice(2);
  if (!name || !role || !USER_NAME.test(name) || !isRole(role)) {
    process.stderr.write('usage: hash-password-cli NAME officer|analyst|admin  (password on standard input)\n');
    process.exit(2);
  }
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const password = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  process.stdout.write(`${name}:${role}:${await hashPassword(password)}\n`);
}

void main().catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
});
