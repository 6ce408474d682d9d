import { RateLimiter } from './rate-limiter';

describe('rate limiter', () => {
  it('lets a burst of `limit` through per client, refills over the window, and says when to retry', () => {
    let now = 0;
    const limiter = new RateLimiter({ limit: 3, windowMs: 60_000 }, () => now);
    expect([1, 2, 3, 4].map(() => limiter.take('a').ok)).toEqual([true, true, true, false]);
    expect(limiter.take('b').ok).toBe(true); // other clients are not affected
    expect(limiter.take('a').retryAfterS).toBe(20);
    now += 20_000;
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
  });

  it('stays bounded in memory', () => {
    const limiter = new RateLimiter({ limit: 1, windowMs: 1000 }, () => 0, 10);
    for (let i = 0; i < 100; i++) limiter.take(`c${i}`);
    expect((limiter as unknown as { buckets: Map<string, unknown> }).buckets.size).toBe(10);
  });
});
