import type { Clock } from '../../core/observability/clock';
import type { Logger } from '../../core/observability/logger';
import type { Store } from '../../core/store/store';
import type { IntakeItem, ReadingIntake } from '../intake/reading-intake';
import { parseTimestamp } from '../validation/parse-timestamp';
import { fetchWaterLevels } from './pegelonline-client';

export interface PollerOptions {
  baseUrl: string;
  /** PEGELONLINE gauge (uuid, number or name) → our station id. */
  gauges: Map<string, string>;
  intervalMs: number;
  /** The first poll of a gauge without a stored position reaches back this far. */
  lookbackMs: number;
  /** Wait after n consecutive failures: intervalMs × 2^n, at most intervalMs × maxBackoffFactor. */
  maxBackoffFactor?: number;
}

export const SOURCE = 'pegelonline';
const STORE_PREFIX = 'ingest:pegelonline:last:';

/** Wait before the next poll after `failures` consecutive failures. */
export function pollDelay(intervalMs: number, failures: number, maxFactor = 16): number {
  return intervalMs * Math.min(2 ** failures, maxFactor);
}

/**
 * Polls each configured gauge's water level, resuming after the last timestamp seen (kept in
 * the store, so a restart neither loses nor repeats much; repeats are harmless anyway, reading
 * ids are stable). Each gauge has its own timer and back-off: one failing gauge or an API
 * outage slows only those polls, doubling the wait per failure.
 */
export class PegelonlinePoller {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly failures = new Map<string, number>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly intake: ReadingIntake,
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: PollerOptions,
  ) {}

  start(): void {
    for (const gauge of this.options.gauges.keys()) this.schedule(gauge, 0);
  }

  /** Consecutive failures of a gauge (0 when its last poll worked). */
  failureCount(gauge: string): number {
    return this.failures.get(gauge) ?? 0;
  }

  async lastSeen(gauge: string): Promise<number | null> {
    const v = await this.store.get(STORE_PREFIX + gauge);
    return v === null ? null : Number(v);
  }

  /** One poll of one gauge; returns how many items were handed to the intake. Throws on failure. */
  async pollOnce(gauge: string): Promise<number> {
    const stationId = this.options.gauges.get(gauge);
    if (!stationId) throw new Error(`${gauge} is not a configured gauge.`);
    const last = await this.lastSeen(gauge);
    const start = new Date(last !== null ? last + 1 : this.clock.now() - this.options.lookbackMs);
    const page = await fetchWaterLevels(this.options.baseUrl, gauge, start);
    let newest = last ?? -Infinity;
    const items: IntakeItem[] = page.items.map((m) => {
      const raw = Buffer.from(JSON.stringify(m) ?? 'null');
      const record = typeof m === 'object' && m !== null ? (m as Record<string, unknown>) : {};
      const observedAt = parseTimestamp(record.timestamp);
      if (observedAt !== null && observedAt > newest) newest = observedAt;
      return { raw, parsed: { stationId, quantity: 'water_level', value: record.value, unit: 'cm', observedAt: record.timestamp } };
    });
    await this.intake.submit(SOURCE, items, { deadLetterSource: `${SOURCE}:${gauge}` });
    // Only after the bus confirmed: a failed publish polls the same range again.
    if (Number.isFinite(newest) && newest !== last) await this.store.set(STORE_PREFIX + gauge, String(newest));
    return items.length;
  }

  private schedule(gauge: string, delayMs: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      const run = this.pollOnce(gauge)
        .then((n) => {
          this.failures.set(gauge, 0);
          this.logger.debug('pegelonline polled', { gauge, measurements: n });
        })
        .catch((err) => {
          const failures = this.failureCount(gauge) + 1;
          this.failures.set(gauge, failures);
          this.logger.warn('pegelonline poll failed; backing off', { gauge, failures, err: String(err), nextInMs: pollDelay(this.options.intervalMs, failures, this.options.maxBackoffFactor) });
        })
        .finally(() => {
          this.running.delete(run);
          this.schedule(gauge, pollDelay(this.options.intervalMs, this.failureCount(gauge), this.options.maxBackoffFactor));
        });
      this.running.add(run);
    }, delayMs);
    this.timers.set(gauge, timer);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    await Promise.allSettled([...this.running]);
  }
}
