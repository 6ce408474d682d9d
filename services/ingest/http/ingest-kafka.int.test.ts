import { KafkaBus } from '../../core/bus/kafka/kafka-bus';
import { Topics } from '../../core/bus/topics';
import type { SensorReading } from '../../core/model/reading';
import type { RejectedInput } from '../../core/model/rejected-input';
import { describeWith, env, eventually, uniqueName } from '../../../test/infra/integration';
import { startTestRuntime } from '../../../test/support/runtime-harness';
import { ingestService } from '../service';
import { endOffsets, readTopic } from '../testing/topic-reader';
import { INGEST_READINGS_PATH } from './ingest-routes';

const KEY = 'kafka-test-key-0123456789';

describeWith(['kafka'], 'HTTP ingest into the real Kafka bus', () => {
  it('publishes accepted readings to readings.v1 keyed by station and refusals to readings.dead.v1', async () => {
    const bus = new KafkaBus({ brokers: env('KAFKA_BROKERS').split(','), clientId: uniqueName('ingest-int') });
    const h = await startTestRuntime([ingestService], { bus, env: { INGEST_API_KEYS: `kafkatest=${KEY}` } });
    try {
      const readingsFrom = await endOffsets(bus, Topics.readings);
      const deadFrom = await endOffsets(bus, Topics.deadReadings);
      // A unique value marks this run's readings in the shared topic; one division, so it is the
      // double nearest to its 3-decimal text, which ingest keeps (it rounds to 6 decimals; 100 + x / 1e3
      // came back changed in 15 % of runs).
      const marker = (100_000 + Math.floor(Math.random() * 100_000)) / 1000;
      const at = Date.now() - 5_000;
      const body = [
        { stationId: 'volme-eckesey', quantity: 'water_level', value: marker, unit: 'cm', observedAt: at },
        { stationId: 'rain-dahl', quantity: 'rain', value: 0.05, unit: 'cm', observedAt: at },
        { stationId: 'volme-eckesey', quantity: 'water_level', value: marker, unit: 'parsec', observedAt: at },
      ];
      const res = await fetch(h.url + INGEST_READINGS_PATH, { method: 'POST', headers: { authorization: `Bearer ${KEY}` }, body: JSON.stringify(body) });
      expect(res.status).toBe(207);

      const mine = await eventually(async () => {
        const r = (await readTopic<SensorReading>(bus, h.context.codec, Topics.readings, readingsFrom)).filter((x) => x.value.source === 'http:kafkatest' && x.value.observedAt === at);
        return r.length >= 2 ? r : null;
      }, 20_000);
      expect(mine.map((r) => [r.key, r.value.quantity, r.value.value, r.value.unit]).sort()).toEqual([
        ['rain-dahl', 'rain', 0.5, 'mm'],
        ['volme-eckesey', 'water_level', marker, 'cm'],
      ]);
      const dead = (await readTopic<RejectedInput>(bus, h.context.codec, Topics.deadReadings, deadFrom)).filter((d) => d.value.source === 'http:kafkatest');
      expect(dead.map((d) => [d.key, d.value.reason, JSON.parse(Buffer.from(d.value.payload).toString()).unit])).toEqual([['http:kafkatest', 'unknown-unit', 'parsec']]);
    } finally {
      await h.stop();
      await bus.close();
    }
  }, 60_000);
});
