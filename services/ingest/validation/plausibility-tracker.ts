import type { Quantity } from '../../core/model/reading';
import { QUANTITY_LIMITS, type QuantityLimits } from './plausibility-limits';

/** What the tracker remembers per station and quantity: a few numbers, nothing else. */
interface SeriesState {
  lastValue: number;
  lastAt: number;
  /** Start of the current run of identical values and how many readings it has. */
  runSince: number;
  runCount: number;
}

/**
 * Spike and flat-line detection with small bounded state: one entry per station and quantity,
 * at most `maxSeries` entries (least recently seen dropped first). Readings older than the
 * last one seen (late or replayed) are checked against nothing and do not move the state,
 * so out-of-order delivery cannot fake a spike.
 */
export class PlausibilityTracker {
  private readonly series = new Map<string, SeriesState>();

  constructor(
    private readonly maxSeries = 10_000,
    private readonly limits: Record<Quantity, QuantityLimits> = QUANTITY_LIMITS,
  ) {}

  /** Returns the quality flags for this reading (empty when nothing is odd) and remembers it. */
  observe(stationId: string, quantity: Quantity, value: number, observedAt: number): string[] {
    const key = `${stationId}/${quantity}`;
    const limits = this.limits[quantity];
    const prev = this.series.get(key);
    if (!prev) {
      this.remember(key, { lastValue: value, lastAt: observedAt, runSince: observedAt, runCount: 1 });
      return [];
    }
    if (observedAt <= prev.lastAt) return [];

    const flags: string[] = [];
    if (limits.spike) {
      const minutes = (observedAt - prev.lastAt) / 60_000;
      if (Math.abs(value - prev.lastValue) > limits.spike.step + limits.spike.ratePerMin * minutes) flags.push('spike');
    }
    const same = value === prev.lastValue;
    const next: SeriesState = same
      ? { lastValue: value, lastAt: observedAt, runSince: prev.runSince, runCount: prev.runCount + 1 }
      : { lastValue: value, lastAt: observedAt, runSince: observedAt, runCount: 1 };
    if (limits.flatline && same && next.runCount >= limits.flatline.minReadings && observedAt - next.runSince >= limits.flatline.minutes * 60_000) {
      flags.push('flatline');
    }
    this.remember(key, next);
    return flags;
  }

  get size(): number {
    return this.series.size;
  }

  private remember(key: string, state: SeriesState): void {
    // Map keeps insertion order: delete and re-insert makes it the most recent.
    this.series.delete(key);
    this.series.set(key, state);
    if (this.series.size > this.maxSeries) {
      const oldest = this.series.keys().next().value;
      if (oldest !== undefined) this.series.delete(oldest);
    }
  }
}
