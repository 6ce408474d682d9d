import { readingId, type SensorReading } from '../../../services/core/model/reading';
import { floodStream } from '../../../services/engine/live/test-support/flood-stream';
import { sortByEventTime } from '../../../services/engine/backtest/backtest';

/**
 * `count` flood afternoons one after the other (floodStream shifted by 12 h each, its own seed
 * each), in the order the backtester replays them (event time, then station, then quantity):
 * with one readings partition the engine sees publish order, and ties at one instant decide
 * evidence values.
 */
export function repeatedFloods(count: number): SensorReading[] {
  const out: SensorReading[] = [];
  for (let k = 0; k < count; k++) {
    const shift = k * 12 * 3600_000;
    for (const r of floodStream({ hours: 12, seed: 100 + k })) {
      const observedAt = r.observedAt + shift;
      out.push({ ...r, id: readingId(r.stationId, r.quantity, observedAt), observedAt, receivedAt: observedAt });
    }
  }
  return sortByEventTime(out);
}

/** Avro decodes to class instances; compare data only. */
export const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
