import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { problem, sendProblem } from './problem';
import type { Router } from './router';
import type { Logger } from '../observability/logger';
import type { HealthRegistry } from '../observability/health';
import { Gauge, type Registry } from 'prom-client';

/**
 * Headers every answer carries. The console sets its own Content-Security-Policy for pages;
 * APIs get a strict default. Nothing here is secret, so no header reveals versions.
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'geolocation=(self), camera=(), microphone=()',
};

export interface HttpServerOptions {
  host: string;
  port: number;
  router: Router;
  health: HealthRegistry;
  registry: Registry;
  logger: Logger;
}

export interface RunningHttpServer {
  readonly server: http.Server;
  /** Base URL with the port actually bound (port 0 picks a free one). */
  readonly url: string;
  /** Stop accepting connections, let in-flight requests finish (up to graceMs), then close. */
  close(graceMs?: number): Promise<void>;
}

/** One HTTP server per process: service routes plus /metrics, /healthz and /readyz. */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const { router, health, registry, logger } = options;
  const server = http.createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    void handle(req, res).catch((err) => {
      logger.error('request failed', { err: String(err), path: req.url });
      if (!res.headersSent) sendProblem(res, problem(500, 'internal', 'Internal error'));
      else res.destroy();
    });
  });

  registerReadinessGauge(registry, health);

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"ok"}');
      return;
    }
    if (path === '/readyz') {
      const r = await health.readiness();
      res.writeHead(r.ready ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: r.ready ? 'ready' : 'not ready', checks: r.checks }));
      return;
    }
    if (path === '/metrics') {
      const body = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType });
      res.end(body);
      return;
    }
    const handled = await router.handle(req, res, logger);
    if (!handled) sendProblem(res, problem(404, 'not-found', 'Not found', `Nothing is served at ${path}.`));
  }

  // Long-lived SSE connections must not hold shutdown hostage: track sockets and end them.
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  return {
    server,
    url,
    close: (graceMs = 5000) =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        const timer = setTimeout(() => {
          for (const s of sockets) s.destroy();
        }, graceMs);
        timer.unref();
      }),
  };
}

/**
 * /readyz as a metric, so Prometheus can alert on a process that is up but not ready
 * (deploy/prometheus/alerts.yml, FruehwarnNotReady): 1 per passing check, 0 per failing one.
 */
function registerReadinessGauge(registry: Registry, health: HealthRegistry): void {
  if (registry.getSingleMetric('fruehwarn_ready')) return;
  new Gauge({
    name: 'fruehwarn_ready',
    help: 'Readiness checks of this process (1 passing, 0 failing), as served by /readyz',
    labelNames: ['check'],
    registers: [registry],
    async collect() {
      const { checks } = await health.readiness();
      this.reset();
      for (const [check, result] of Object.entries(checks)) this.set({ check }, result.ok ? 1 : 0);
    },
  });
}
