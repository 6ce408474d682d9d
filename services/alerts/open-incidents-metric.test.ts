import { EmbeddedBus } from '../core/bus/embedded/embedded-bus';
import { defaultTopicSpecs, Topics } from '../core/bus/topics';
import { EventBus } from '../core/bus/typed-bus';
import { JsonCodec } from '../core/codec/json-codec';
import type { AlertEvent } from '../core/model/alert-event';
import { ManualClock } from '../core/observability/clock';
import { silentLogger } from '../core/observability/logger';
import { createMetrics } from '../core/observability/metrics';
import { eventually } from '../../test/infra/integration';
import { AlertsService } from './alerts-service';
import { event, MIN, T0, testCatalogue } from './testing/fixtures';
import { memoryStore } from './testing/memory-store';

/** Open incidents of one gauge series, by label set "hazard/level". */
async function openIncidents(metrics: ReturnType<typeof createMetrics>): Promise<Record<string, number>> {
  const metric = await metrics.registry.getSingleMetric('fruehwarn_alerts_open_incidents')!.get();
  return Object.fromEntries(metric.values.filter((v) => v.value > 0).map((v) => [`${v.labels.hazard}/${v.labels.level}`, v.value]));
}

describe('fruehwarn_alerts_open_incidents', () => {
  it('counts open incidents per hazard and level and drops them after the all-clear', async () => {
    const bus = new EmbeddedBus();
    await bus.createTopics(defaultTopicSpecs());
    const events = new EventBus(bus, new JsonCodec());
    const metrics = createMetrics({ defaultMetrics: false });
    const service = new AlertsService({ events, store: memoryStore(), logger: silentLogger, clock: new ManualClock(T0), catalogue: testCatalogue, metrics }, { tickMs: 0, holdMs: 30 * MIN });
    await service.start();
    try {
      const publish = (list: AlertEvent[]) => events.publish<AlertEvent>(Topics.alertEvents, list.map((e) => ({ key: e.incidentKey, value: e, timestamp: e.at })));
      expect(await openIncidents(metrics)).toEqual({});
      await publish([event({ level: 2 }), event({ areaId: 'hagen-haspe', subject: 'haspe', level: 1 })]);
      await eventually(async () => service.listIncidents().length === 2);
      expect(await openIncidents(metrics)).toEqual({ 'flood/2': 1, 'flood/1': 1 });

      // Both firings clear; 31 minutes of event time later the hold has passed: all-clear.
      await publish([event({ kind: 'cleared', level: 0, at: T0 + MIN }), event({ kind: 'cleared', areaId: 'hagen-haspe', subject: 'haspe', level: 0, at: T0 + MIN })]);
      await eventually(() => service.listIncidents().every((i) => i.allClearDueAt !== null));
      expect(await openIncidents(metrics)).toEqual({ 'flood/2': 1, 'flood/1': 1 });
      await service.tick(T0 + 40 * MIN);
      expect(service.listIncidents().map((i) => i.state)).toEqual(['cleared', 'cleared']);
      expect(await openIncidents(metrics)).toEqual({});
    } finally {
      await service.stop();
      await bus.close();
    }
  });
});
