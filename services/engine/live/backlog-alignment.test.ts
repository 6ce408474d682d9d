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
import { runBacktest } from '../backtest/backtest';
import { T0, hagenCatalogue } from '../core/test-support/hagen';
import { loadRuleDirectory } from '../rules/loader';
import { EngineWorker, type EngineWorkerOptions } from './engine-worker';
import { floodStream } from './test-support/flood-stream';

const RULES = join(__dirname, '../../../rules');
const catalogue = hagenCatalogue();

/** Alert event ids of the live worker after it consumed `readings` as a backlog on six partitions. */
async function liveIds(readings: SensorReading[], opts: Partial<EngineWorkerOptions>): Promise<string[]> {
  const bus = new EmbeddedBus();
  await bus.createTopics(defaultTopicSpecs());
  const events = new EventBus(bus, new JsonCodec());
  const store = new EmbeddedStore();
  expect((await bus.endOffsets(Topics.readings)).length).toBe(6);
  await events.publish<SensorReading>(Topics.readings, readings.map((r) => ({ key: r.stationId, value: r, timestamp: r.observedAt })));
  const worker = new EngineWorker(
    { events, store, logger: silentLogger, clock: new ManualClock(T0), catalogue },
    { rulesDir: RULES, tickMs: 0, allowedLatenessMs: 0, status: 'Exercise', checkpointEvery: 500, ...opts },
  );
  await worker.start();
  try {
    await eventually(() => worker.stateView().partitions.reduce((n, p) => n + p.offset, 0) === readings.length, 60_000);
    const ids: string[] = [];
    for (const end of await bus.endOffsets(Topics.alertEvents)) {
      for (const m of await bus.read(Topics.alertEvents, end.partition, 0, 100_000)) ids.push((await events.codec.decode<AlertEvent>('', m.value)).id);
    }
    return ids.sort();
  } finally {
    await worker.stop();
    await bus.close();
    await store.close();
  }
}

describe('a backlog on six readings partitions, consumed live, gives the backtester result', () => {
  // Several days of readings: draining them takes far longer than the alignment idle wait,
  // so going ahead without a partition that is merely between batches would show here.
  const readings = floodStream({ hours: 240, seed: 11 });
  const expected = runBacktest({ readings, rules: loadRuleDirectory(RULES, catalogue).rules, catalogue, scorers: () => [], advanceEveryMs: 0, status: 'Exercise' })
    .base.alertEvents.map((e) => e.id)
    .sort();

  it.each([1000, 97, 13])('in batches of %i', async (maxBatchSize) => {
    expect(readings.length).toBeGreaterThan(10_000);
    expect(expected.length).toBeGreaterThan(20);
    // A short idle wait on purpose: it must only matter for a partition with nothing to fetch.
    expect(await liveIds(readings, { maxBatchSize, alignIdleMs: 50 })).toEqual(expected);
  }, 120_000);

  it('with a small merge buffer per partition (batches refused while it is full come again)', async () => {
    expect(await liveIds(readings, { maxBatchSize: 40, alignIdleMs: 50, alignMaxBuffered: 100 })).toEqual(expected);
  }, 120_000);
});
