import type { IncomingMessage, ServerResponse } from 'node:http';
import { EmbeddedBus } from '../core/bus/embedded/embedded-bus';
import { defaultTopicSpecs, Topics } from '../core/bus/topics';
import { EventBus } from '../core/bus/typed-bus';
import { JsonCodec } from '../core/codec/json-codec';
import type { Config } from '../core/config/config';
import { Router } from '../core/http/router';
import { ManualClock } from '../core/observability/clock';
import { HealthRegistry } from '../core/observability/health';
import { silentLogger } from '../core/observability/logger';
import { createMetrics } from '../core/observability/metrics';
import type { ServiceContext } from '../core/service/service';
import type { Store } from '../core/store/store';
import type { Alert } from '../core/model/alert';
import { feedService } from './service';
import { sampleAlert, sampleCatalogue, SUMMER } from './testing/sample-alerts';

/** Calls the router without a socket: enough to read status and JSON body. */
async function call(router: Router, path: string): Promise<{ status: number; body: unknown }> {
  let status = 0;
  let text = '';
  const res = {
    headersSent: false,
    writeHead(s: number) {
      status = s;
      res.headersSent = true;
      return res;
    },
    end(chunk?: string) {
      text = chunk ?? '';
    },
  };
  const req = { url: path, method: 'GET', headers: {} } as IncomingMessage;
  await router.handle(req, res as unknown as ServerResponse);
  return { status, body: text ? JSON.parse(text) : null };
}

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

function context(bus: EmbeddedBus, router: Router, health: HealthRegistry): ServiceContext {
  const codec = new JsonCodec();
  return {
    config: { env: { FEED_INSTANCE_ID: 'test' }, publicUrl: 'http://127.0.0.1:8080' } as unknown as Config,
    logger: silentLogger,
    bus,
    events: new EventBus(bus, codec),
    codec,
    store: {} as Store,
    metrics: createMetrics({ defaultMetrics: false }),
    health,
    clock: new ManualClock(SUMMER + 1000),
    catalogue: sampleCatalogue,
    http: router,
  };
}

describe('feed service', () => {
  it('rebuilds the view from the start of alerts.v1 on every start and follows new revisions', async () => {
    const bus = new EmbeddedBus();
    await bus.createTopics(defaultTopicSpecs());
    const events = new EventBus(bus, new JsonCodec());
    const released = sampleAlert();
    const pending = sampleAlert({ incidentId: 'pending', overrides: { state: 'pending', released: false } });
    await events.publish<Alert>(Topics.alerts, [released, pending].map((a) => ({ key: a.incidentId, value: a })));

    for (let round = 0; round < 2; round++) {
      const router = new Router();
      const health = new HealthRegistry();
      const running = await feedService.start(context(bus, router, health));
      await until(async () => (await health.readiness()).ready);
      const dash = await call(router, '/api31/dashboard/059140000000.json');
      expect(dash.status).toBe(200);
      const expectedId = round === 0 ? released.identifier : sampleAlert({ version: 2 }).identifier;
      expect((dash.body as { id: string }[]).map((i) => i.id)).toEqual([expectedId]);
      expect((await call(router, `/api31/warnings/${pending.identifier}.json`)).status).toBe(404);

      if (round === 0) {
        const update = sampleAlert({ version: 2, sent: SUMMER + 500 });
        await events.publish<Alert>(Topics.alerts, [{ key: update.incidentId, value: update }]);
        await until(async () => ((await call(router, '/api31/dashboard/059140000000.json')).body as { payload: { version: number } }[])[0]?.payload.version === 2);
      } else {
        // After restart the replay arrives at the same view, update included.
        expect((dash.body as { payload: { version: number } }[])[0]!.payload.version).toBe(2);
      }
      await running.stop();
    }
    await bus.close();
  });
});
