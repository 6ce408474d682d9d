import { busContract } from '../bus.contract';
import { describeWith, env, uniqueName } from '../../../../test/infra/integration';
import { KafkaBus } from './kafka-bus';

// Kafka group joins and rebalances take seconds: generous timeouts, few groups per test.
describeWith(['kafka'], 'KafkaBus', () => {
  const makeBus = async () => new KafkaBus({ brokers: env('KAFKA_BROKERS').split(','), clientId: uniqueName('contract') });

  busContract('kafka', makeBus, { deliveryTimeoutMs: 30000, quietMs: 1500, testTimeoutMs: 90000 });

  it('reports connection state and rejects unknown topics', async () => {
    const bus = await makeBus();
    try {
      expect(bus.isConnected()).toBe(false); // lazy: nothing connected yet
      await bus.connect();
      expect(bus.isConnected()).toBe(true);
      await expect(bus.publish(uniqueName('missing'), [{ key: 'k', value: Buffer.from('x') }])).rejects.toThrow();
    } finally {
      await bus.close();
    }
    expect(bus.isConnected()).toBe(false);
  }, 30000);

  it('publishes more than the broker takes in one request (message.max.bytes, 1 MiB) to one partition, in order', async () => {
    const bus = await makeBus();
    try {
      const topic = uniqueName('big-publish');
      await bus.createTopics([{ name: topic, partitions: 1 }]);
      // 3 MiB for one key: a single produce request with it is refused by the broker
      const records = Array.from({ length: 3000 }, (_, i) => ({ key: 'one-station', value: Buffer.alloc(1024, i % 256) }));
      const positions = await bus.publish(topic, records);
      expect(positions.map((p) => p.offset)).toEqual(records.map((_, i) => i));
      expect((await bus.endOffsets(topic))[0].offset).toBe(3000);
      const tail = await bus.read(topic, 0, 2990, 10);
      expect(tail.map((m) => m.value[0])).toEqual(Array.from({ length: 10 }, (_, i) => (2990 + i) % 256));
    } finally {
      await bus.close();
    }
  }, 60000);
});
