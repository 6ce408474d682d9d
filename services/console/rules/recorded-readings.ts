import { TOPIC_SCHEMAS, Topics } from '../../core/bus/topics';
import type { EventBus } from '../../core/bus/typed-bus';
import type { SensorReading } from '../../core/model/reading';
import { readRecordedReadings } from '../../engine/backtest/backtest';

export interface RecordedSource {
  /** A recording (one SensorReading JSON per line), or null for the readings log on the bus. */
  file: string | null;
  /** At most this many of the newest readings (a backtest runs while the analyst waits). */
  maxReadings: number;
}

/**
 * The recorded data a backtest replays: a recording file when one is configured, else the
 * readings the bus still holds (readings.v1 is the installation's own recording).
 */
export async function loadRecordedReadings(source: RecordedSource, events: EventBus): Promise<SensorReading[]> {
  if (source.file) {
    const all = await readRecordedReadings(source.file);
    return all.length > source.maxReadings ? [...all].sort((x, y) => x.observedAt - y.observedAt).slice(-source.maxReadings) : all;
  }
  const ends = await events.bus.endOffsets(Topics.readings);
  const perPartition = Math.ceil(source.maxReadings / Math.max(1, ends.length));
  const out: SensorReading[] = [];
  for (const end of ends) {
    let offset = Math.max(0, end.offset - perPartition);
    while (offset < end.offset) {
      const batch = await events.bus.read(Topics.readings, end.partition, offset, Math.min(5000, end.offset - offset));
      if (batch.length === 0) break;
      for (const m of batch) {
        try {
          out.push(await events.codec.decode<SensorReading>(TOPIC_SCHEMAS[Topics.readings], m.value));
        } catch {
          // undecodable records are skipped; the engine skipped them too
        }
      }
      offset = batch[batch.length - 1]!.offset + 1;
    }
  }
  return out;
}
