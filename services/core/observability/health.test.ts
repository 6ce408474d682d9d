import { HealthRegistry } from './health';

describe('HealthRegistry', () => {
  it('answers in bounded time: a hanging check fails with a timeout, the others still answer', async () => {
    const health = new HealthRegistry(100);
    health.register('bus', () => new Promise(() => undefined));
    health.register('store', () => ({ ok: true }));
    const t = Date.now();
    const r = await health.readiness();
    expect(Date.now() - t).toBeLessThan(1000);
    expect(r.ready).toBe(false);
    expect(r.checks.bus).toEqual({ ok: false, detail: 'no answer within 100 ms' });
    expect(r.checks.store).toEqual({ ok: true });
  });

  it('a throwing check fails with its message', async () => {
    const health = new HealthRegistry();
    health.register('x', () => {
      throw new Error('boom');
    });
    expect(await health.readiness()).toEqual({ ready: false, checks: { x: { ok: false, detail: 'boom' } } });
  });
});
