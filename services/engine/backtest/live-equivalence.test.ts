import { join } from 'node:path';
import { EmbeddedBus } from '../../core/bus/embedded/embedded-bus';
import { defaultTopicSpecs, Topics } from '../../core/bus/topics';
import { EventBus } from '../../core/bus/typed-bus';
import { JsonCodec } from '../../core/codec/json-codec';
import type { AlertEvent } from '../../core/model/alert-event';
import type { SensorReading } from '../../core/model/reading';
import { ManualClock } from '../../core/observability/clock';
import { silentLogger } from '../../core/observability/logger';
import { EmbeddedStore } from '../../core/store/embedded/embedded-store';
import { eventually } from '../../../test/infra/integration';
import { T0, hagenCatalogue } from '../core/test-support/hagen';
import { EngineWorker } from '../live/engine-worker';
import { floodStream } from '../live/test-support/flood-stream';
import { loadRuleDirectory } from '../rules/loader';
import { runBacktest } from './backtest';

const RULES = join(__dirname, '../../../rules');

describe('the backtester and the live worker run the same engine', () => {
  it('the same readings give the same alert event ids live (embedded bus, six partitions) and in a backtest', async () => {
    const catalogue = hagenCatalogue();
    const readings = floodStream({ seed: 7 });
    const bus = new EmbeddedBus();
    await bus.createTopics(defaultTopicSpecs());
    const events = new EventBus(bus, new JsonCodec());
    const store = new EmbeddedStore();
    // Live without its wall-clock timer, backtest without stepping: only readings move event time.
    const worker = new EngineWorker(
      { events, store, logger: silentLogger, clock: new ManualClock(T0), catalogue },
      { rulesDir: RULES, tickMs: 0, allowedLatenessMs: 0, status: 'Exercise', checkpointEvery: 50 },
    );
    await worker.start();
    try {
      await events.publish<SensorReading>(Topics.readings, readings.map((r) => ({ key: r.stationId, value: r, timestamp: r.observedAt })));
      const total = readings.length;
      await eventually(() => worker.stateView().partitions.reduce((n, p) => n + p.offset, 0) === total);
      const live: AlertEvent[] = [];
      for (const end of await bus.endOffsets(Topics.alertEvents)) {
        for (const m of await bus.read(Topics.alertEvents, end.partition, 0, 10_000)) live.push(await events.codec.decode<AlertEvent>('', m.value));
      }

      const replay = runBacktest({ readings, rules: loadRuleDirectory(RULES, catalogue).rules, catalogue, scorers: () => [], advanceEveryMs: 0, status: 'Exercise' });
      expect(live.length).toBeGreaterThan(20);
      expect(live.map((e) => e.id).sort()).toEqual(replay.base.alertEvents.map((e) => e.id).sort());
      // Not only the ids: the whole events (evidence, audience, auto-release) agree.
      const byId = new Map(replay.base.alertEvents.map((e) => [e.id, e]));
      for (const e of live) expect(e).toEqual(byId.get(e.id));
    } finally {
      await worker.stop();
      await bus.close();
      await store.close();
    }
  });
});
