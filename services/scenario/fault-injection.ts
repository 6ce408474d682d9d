import type { Quantity, SensorReading } from '../core/model/reading';
import { roundFor } from './scenario';

/** Sensor faults as they reach ingest: nothing here marks them; finding them is ingest's and the engine's job. */
export type Fault =
  /** The station sends nothing in [from, to) (dead battery, radio shadow, gateway down). */
  | { kind: 'gap'; stationId: string; from: number; to: number }
  /** One reading at or after `at` is off by `delta` (interference, a bit flip, a bird on the radar gauge). */
  | { kind: 'spike'; stationId: string; quantity: Quantity; at: number; delta: number }
  /** From `from` to `to` the sensor repeats its last good value (frozen firmware, iced float). */
  | { kind: 'stuck'; stationId: string; quantity: Quantity; from: number; to: number };

/** Applies faults to readings in event-time order; returns new readings, the input is left as it was. */
export function injectFaults(readings: SensorReading[], faults: Fault[]): SensorReading[] {
  let out = readings.map((r) => ({ ...r, qualityFlags: [...r.qualityFlags] }));
  for (const f of faults) {
    if (f.kind === 'gap') {
      out = out.filter((r) => r.stationId !== f.stationId || r.observedAt < f.from || r.observedAt >= f.to);
    } else if (f.kind === 'spike') {
      const hit = out.find((r) => r.stationId === f.stationId && r.quantity === f.quantity && r.observedAt >= f.at);
      if (hit) hit.value = roundFor(hit.quantity, hit.value + f.delta);
    } else {
      let frozen: number | null = null;
      for (const r of out) {
        if (r.stationId !== f.stationId || r.quantity !== f.quantity) continue;
        if (r.observedAt < f.from) frozen = r.value;
        else if (r.observedAt < f.to && frozen !== null) r.value = frozen;
      }
    }
  }
  return out;
}
