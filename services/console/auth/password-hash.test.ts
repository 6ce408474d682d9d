import { hashPassword, isPasswordHash, verifyPassword } from './password-hash';

const cheap = { N: 1024, r: 8, p: 1 };

describe('password hashes', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const a = await hashPassword('correct horse', cheap);
    const b = await hashPassword('correct horse', cheap);
    expect(isPasswordHash(a)).toBe(true);
    expect(a).not.toBe(b);
    expect(a).not.toContain(':');
    await expect(verifyPassword('correct horse', a)).resolves.toBe(true);
    await expect(verifyPassword('correct horsE', a)).resolves.toBe(false);
  });

  it('never verifies against malformed or absurd hashes, and refuses short passwords', async () => {
    await expect(verifyPassword('x', 'plain-text')).resolves.toBe(false);
    const h = await hashPassword('long enough', cheap);
    await expect(verifyPassword('long enough', h.replace('scrypt$1024$', 'scrypt$1000$'))).resolves.toBe(false);
    await expect(verifyPassword('long enough', h.replace('scrypt$1024$', `scrypt$${2 ** 24}$`))).resolves.toBe(false);
    await expect(hashPassword('short')).rejects.toThrow(/at least 8/);
  });
});
