/**
 * FruehwarnNotReady (deploy/prometheus/alerts.yml) alerts on fruehwarn_ready{check} == 0: the
 * process HTTP server must export what /readyz answers, per check, at scrape time.
 */
import { Registry } from 'prom-client';
import { startHttpServer, type RunningHttpServer } from '../../services/core/http/server';
import { Router } from '../../services/core/http/router';
import { HealthRegistry } from '../../services/core/observability/health';
import { silentLogger } from '../../services/core/observability/logger';

describe('fruehwarn_ready', () => {
  let server: RunningHttpServer | null = null;
  afterEach(async () => {
    await server?.close(0);
    server = null;
  });

  it('follows the readiness checks at every scrape, like /readyz', async () => {
    const health = new HealthRegistry();
    let storeUp = false;
    health.register('bus', () => ({ ok: true }));
    health.register('store', () => ({ ok: storeUp, detail: 'redis store is not connected' }));
    const registry = new Registry();
    server = await startHttpServer({ host: '127.0.0.1', port: 0, router: new Router(), health, registry, logger: silentLogger });

    const scrape = async () => (await fetch(`${server!.url}/metrics`)).text();
    let text = await scrape();
    expect(text).toContain('fruehwarn_ready{check="bus"} 1');
    expect(text).toContain('fruehwarn_ready{check="store"} 0');
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);

    storeUp = true;
    text = await scrape();
    expect(text).toContain('fruehwarn_ready{check="store"} 1');
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

    // A check that goes away (a stopped service unregisters it) leaves no stale series.
    health.unregister('store');
    text = await scrape();
    expect(text).not.toContain('check="store"');
  });

  it('can share a registry with a second server in the same process', async () => {
    const registry = new Registry();
    const health = new HealthRegistry();
    health.register('bus', () => ({ ok: true }));
    const first = await startHttpServer({ host: '127.0.0.1', port: 0, router: new Router(), health, registry, logger: silentLogger });
    try {
      server = await startHttpServer({ host: '127.0.0.1', port: 0, router: new Router(), health, registry, logger: silentLogger });
      expect(await (await fetch(`${server.url}/metrics`)).text()).toContain('fruehwarn_ready{check="bus"} 1');
    } finally {
      await first.close(0);
    }
  });
});
