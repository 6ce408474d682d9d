import { EmbeddedStore } from '../../core/store/embedded/embedded-store';
import { SessionStore } from './session-store';

describe('sessions in the store', () => {
  let now = 1_000_000;
  const store = new EmbeddedStore();
  const sessions = new SessionStore(store, { idleMs: 30 * 60_000, maxMs: 2 * 3_600_000, now: () => now });

  it('keeps only a hash of the token, extends idle time on use, and ends at idle or absolute expiry', async () => {
    const { token, session } = await sessions.create('mueller', 'officer');
    expect(session.csrf).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const keys = await store.keys('console:session:');
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain(token);

    now += 25 * 60_000;
    expect(await sessions.get(token)).toMatchObject({ user: 'mueller', role: 'officer' });
    now += 25 * 60_000; // 50 min after login, 25 after the last use: still alive
    expect(await sessions.get(token)).not.toBeNull();
    now += 31 * 60_000; // idle too long
    expect(await sessions.get(token)).toBeNull();

    const second = await sessions.create('mueller', 'officer');
    for (let i = 0; i < 5; i++) {
      now += 25 * 60_000;
      await sessions.get(second.token);
    }
    expect(await sessions.get(second.token)).toBeNull(); // beyond the 2 h maximum despite activity
  });

  it('ends on logout and ignores malformed tokens', async () => {
    const { token } = await sessions.create('schmidt', 'analyst');
    await sessions.destroy(token);
    expect(await sessions.get(token)).toBeNull();
    expect(await sessions.get('../../etc')).toBeNull();
  });
});
