import type { SensorReading } from '../core/model/reading';

/** One SensorReading JSON per line, as `fruehwarn backtest --readings` reads it; a `#` header names the origin. */
export function toNdjson(readings: SensorReading[], header: string[] = []): string {
  return [...header.map((h) => `# ${h}`), ...readings.map((r) => JSON.stringify(r))].join('\n') + '\n';
}
