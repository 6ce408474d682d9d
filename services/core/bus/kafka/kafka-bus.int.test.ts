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
});
