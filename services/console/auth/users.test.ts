import { hashPassword } from './password-hash';
import { parseUsers, UserDirectory } from './users';

describe('console users', () => {
  it('parses name:role:hash entries from commas or lines, and authenticates', async () => {
    const h1 = await hashPassword('officer-secret', { N: 1024, r: 8, p: 1 });
    const h2 = await hashPassword('analyst-secret', { N: 1024, r: 8, p: 1 });
    const users = parseUsers(`# duty officers\nmueller:officer:${h1}, schmidt:analyst:${h2}\n`);
    expect(users.map((u) => [u.name, u.role])).toEqual([['mueller', 'officer'], ['schmidt', 'analyst']]);
    const dir = new UserDirectory(users);
    await expect(dir.authenticate('mueller', 'officer-secret')).resolves.toMatchObject({ name: 'mueller', role: 'officer' });
    await expect(dir.authenticate('mueller', 'analyst-secret')).resolves.toBeNull();
    await expect(dir.authenticate('nobody', 'officer-secret')).resolves.toBeNull();
  });

  it('names the entry of each mistake', () => {
    expect(() => parseUsers('a:officer')).toThrow(/entry 1 is not name:role:hash/);
    expect(() => parseUsers('a:chief:scrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA$' + 'A'.repeat(43))).toThrow(/role "chief"/);
    expect(() => parseUsers('a b:officer:x')).toThrow(/name "a b"/);
    expect(() => parseUsers('a:officer:plain')).toThrow(/hash of "a"/);
  });
});
