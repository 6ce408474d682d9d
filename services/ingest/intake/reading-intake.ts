import { randomUUID } from 'node:crypto';
import { Topics } from '../../core/bus/topics';
import type { EventBus, TypedRecord } from '../../core/bus/typed-bus';
import type { SensorReading } from '../../core/model/reading';
import type { RejectedInput } from '../../core/model/rejected-input';
import type { Clock } from '../../core/observability/clock';
import type { ReadingValidator } from '../validation/reading-validator';
import type { Rejection } from '../validation/rejection';
import { IntakeBusy } from './intake-busy';
import type { IntakeMetrics } from './intake-metrics';

/** One input: a parsed item to validate, or input already refused while parsing (bad JSON, bad UTF-8). */
export type IntakeItem =
  | { raw: Buffer; parsed: unknown; rejection?: undefined; /** Where this item sits in `raw` (JSON pointer), for refusals of an item cut out of a larger message. */ pointer?: string }
  | { raw: Buffer; rejection: Rejection; parsed?: undefined; pointer?: undefined };

export type ItemOutcome = { status: 'accepted'; reading: SensorReading } | { status: 'rejected'; rejection: Rejection };

export interface IntakeOptions {
  /** Upper bound of records (readings and dead letters) waiting for the bus; beyond it, submit refuses. */
  maxInFlight: number;
  /** A publish slower than this makes submit fail with IntakeBusy (the publish itself continues). */
  publishTimeoutMs: number;
  /** Seconds a refused caller is told to wait (Retry-After). */
  retryAfterS: number;
  /** Dead letters keep at most this many bytes of the raw input (a bus message has a size limit). */
  maxDeadLetterBytes: number;
}

export interface SubmitOptions {
  /** RejectedInput.source when it should say more than the metric source (e.g. `mqtt:<topic>`). */
  deadLetterSource?: string;
}

/**
 * The one way into the readings topic: validate each item, publish the good ones to
 * `readings.v1` keyed by station and the refused ones to `readings.dead.v1` keyed by source
 * with the raw input and the reason. Used by the HTTP endpoint, the MQTT subscriber, the
 * PEGELONLINE poller, and anything else that has raw readings (demo player, tools).
 *
 * submit resolves only after the bus confirmed both publishes, so callers can acknowledge
 * upstream (HTTP 200, MQTT PUBACK) knowing nothing is lost. Readings carry stable ids
 * (station/quantity/observedAt), so a retry after a failure or timeout is harmless.
 */
export class ReadingIntake {
  private inFlight = 0;

  constructor(
    private readonly events: EventBus,
    private readonly validator: ReadingValidator,
    private readonly metrics: IntakeMetrics,
    private readonly clock: Clock,
    private readonly options: IntakeOptions,
  ) {}

  /** Records waiting for the bus right now. */
  pending(): number {
    return this.inFlight;
  }

  /** True when no more records should be taken until the bus catches up. */
  saturated(): boolean {
    return this.inFlight >= this.options.maxInFlight;
  }

  /** Validates and publishes; throws IntakeBusy (nothing published) when the bus is saturated. */
  async submit(source: string, items: IntakeItem[], submitOptions: SubmitOptions = {}): Promise<ItemOutcome[]> {
    if (items.length === 0) return [];
    if (this.inFlight > 0 && this.inFlight + items.length > this.options.maxInFlight) {
      this.metrics.busy.inc({ source });
      throw new IntakeBusy(`${this.inFlight} records are waiting for the bus; try again shortly.`, this.options.retryAfterS);
    }
    const receivedAt = this.clock.now();
    const outcomes: ItemOutcome[] = [];
    const readings: TypedRecord<SensorReading>[] = [];
    const dead: TypedRecord<RejectedInput>[] = [];
    const deadSource = submitOptions.deadLetterSource ?? source;
    for (const item of items) {
      const result = item.rejection ? { ok: false as const, rejection: item.rejection } : this.validator.validate(item.parsed, source, receivedAt);
      if (result.ok) {
        readings.push({ key: result.reading.stationId, value: result.reading, timestamp: result.reading.observedAt });
        outcomes.push({ status: 'accepted', reading: result.reading });
      } else {
        const r = item.pointer && !item.rejection ? { ...result.rejection, field: item.pointer } : result.rejection;
        const cap = this.options.maxDeadLetterBytes;
        const truncated = item.raw.length > cap;
        dead.push({
          key: deadSource,
          value: {
            id: randomUUID(),
            source: deadSource,
            payload: truncated ? item.raw.subarray(0, cap) : item.raw,
            reason: r.reason,
            detail: truncated ? `${r.detail} (payload truncated to ${cap} of ${item.raw.length} bytes)` : r.detail,
            field: r.field,
            stationId: r.stationId,
            receivedAt,
          },
          timestamp: receivedAt,
        });
        outcomes.push({ status: 'rejected', rejection: r });
      }
    }
    await this.publish(source, readings, dead);
    this.count(source, outcomes);
    return outcomes;
  }

  private async publish(source: string, readings: TypedRecord<SensorReading>[], dead: TypedRecord<RejectedInput>[]): Promise<void> {
    const n = readings.length + dead.length;
    this.inFlight += n;
    this.metrics.inFlight.set(this.inFlight);
    const publishing = Promise.all([this.events.publish(Topics.readings, readings), this.events.publish(Topics.deadReadings, dead)]).finally(() => {
      this.inFlight -= n;
      this.metrics.inFlight.set(this.inFlight);
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.metrics.busy.inc({ source });
        reject(new IntakeBusy(`The bus did not confirm within ${this.options.publishTimeoutMs} ms; try again shortly.`, this.options.retryAfterS));
      }, this.options.publishTimeoutMs);
    });
    // A publish that fails after the timeout already answered must not become an unhandled rejection.
    publishing.catch(() => undefined);
    try {
      await Promise.race([publishing, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private count(source: string, outcomes: ItemOutcome[]): void {
    let accepted = 0;
    for (const o of outcomes) {
      if (o.status === 'accepted') accepted++;
      else this.metrics.rejected.inc({ source, reason: o.rejection.reason });
    }
    if (accepted > 0) this.metrics.readings.inc({ source, outcome: 'accepted' }, accepted);
    if (outcomes.length - accepted > 0) this.metrics.readings.inc({ source, outcome: 'rejected' }, outcomes.length - accepted);
  }
}
