import { Topics } from '../../core/bus/topics';
import type { SensorReading } from '../../core/model/reading';
import type { RejectedInput } from '../../core/model/rejected-input';
import { startTestRuntime } from '../../../test/support/runtime-harness';
import { readTopic } from '../testing/topic-reader';
import { createReadingIntake, submitReadings } from './create-reading-intake';

describe('createReadingIntake (for the demo player and tools)', () => {
  it('validates, publishes readings keyed by station and dead-letters refusals under the caller\'s source', async () => {
    const h = await startTestRuntime([]);
    try {
      const intake = createReadingIntake(h.context);
      const at = Date.now() - 60_000;
      const outcomes = await submitReadings(intake, 'replay', [
        { stationId: 'soil-haspe', quantity: 'soil_moisture', value: 0.42, unit: 'm3/m3', observedAt: at },
        { stationId: 'soil-haspe', quantity: 'soil_moisture', value: 142, unit: '%', observedAt: at + 1 },
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['accepted', 'rejected']);
      const readings = await readTopic<SensorReading>(h.bus, h.context.codec, Topics.readings);
      expect(readings.map((r) => [r.key, r.value.value, r.value.unit, r.value.source])).toEqual([['soil-haspe', 42, '%', 'replay']]);
      const dead = await readTopic<RejectedInput>(h.bus, h.context.codec, Topics.deadReadings);
      expect(dead.map((d) => [d.key, d.value.reason, JSON.parse(Buffer.from(d.value.payload).toString()).value])).toEqual([['replay', 'out-of-range', 142]]);
    } finally {
      await h.stop();
    }
  });
});
