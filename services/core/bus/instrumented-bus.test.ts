import { createMetrics } from '../observability/metrics';
import { eventually } from '../../../test/infra/integration';
import { EmbeddedBus } from './embedded/embedded-bus';
import { InstrumentedBus } from './instrumented-bus';

async function value(metric: { get(): Promise<{ values: Array<{ value: number; labels: Record<string, unknown>; metricName?: string }> }> }, labels: Record<string, string>, suffix?: string) {
  const { values } = await metric.get();
  const hit = values.find((v) => (!suffix || v.metricName?.endsWith(suffix)) && Object.entries(labels).every(([k, l]) => String(v.labels[k]) === l));
  return hit?.value;
}

describe('InstrumentedBus', () => {
  it('counts produced and consumed records, handler time, errors and lag', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const bus = new InstrumentedBus(new EmbeddedBus(), metrics.bus);
    expect(bus.kind).toBe('embedded');
    await bus.createTopics([{ name: 't', partitions: 1 }]);
    let failOnce = true;
    let handled = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      maxBatchSize: 2,
      handler: async (b) => {
        if (failOnce) {
          failOnce = false;
          throw new Error('boom');
        }
        if (handled === 0) await gate;
        handled += b.messages.length;
      },
    });
    await bus.publish('t', [0, 1, 2, 3, 4].map((i) => ({ key: null, value: Buffer.from(String(i)) })));
    expect(await value(metrics.bus.produced, { topic: 't' })).toBe(5);
    await eventually(async () => (await value(metrics.bus.handlerErrors, { topic: 't', group: 'g' })) === 1);
    release();
    await eventually(() => handled === 5);
    await eventually(async () => (await value(metrics.bus.consumed, { topic: 't', group: 'g' })) === 5);
    // after the last batch (offset 4, high watermark 5) nothing is left
    expect(await value(metrics.bus.lag, { topic: 't', partition: '0', group: 'g' })).toBe(0);
    // 1 failed + 3 successful batches of at most 2
    expect(await value(metrics.bus.handlerSeconds, { topic: 't', group: 'g' }, '_count')).toBe(4);
    await bus.close();
    expect(bus.isConnected()).toBe(false);
  });

  it('reports lag while records are still waiting', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const bus = new InstrumentedBus(new EmbeddedBus(), metrics.bus);
    await bus.createTopics([{ name: 't', partitions: 1 }]);
    await bus.publish('t', Array.from({ length: 10 }, (_, i) => ({ key: null, value: Buffer.from(String(i)) })));
    let batches = 0;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      fromBeginning: true,
      maxBatchSize: 3,
      handler: async () => {
        if (++batches === 2) await held; // hold the second batch so the first one's lag is visible
      },
    });
    await eventually(() => batches === 2);
    // first batch was offsets 0..2 of 10: 7 records remain
    expect(await value(metrics.bus.lag, { topic: 't', partition: '0', group: 'g' })).toBe(7);
    release();
    await eventually(async () => (await value(metrics.bus.lag, { topic: 't', partition: '0', group: 'g' })) === 0);
    await bus.close();
  });
});
