import type { CatalogueIndex } from '../../core/catalogue/catalogue';
import { QUANTITIES, readingId, type Quantity, type SensorReading } from '../../core/model/reading';
import { parseTimestamp } from './parse-timestamp';
import { QUANTITY_LIMITS } from './plausibility-limits';
import { PlausibilityTracker } from './plausibility-tracker';
import { rejection, type Rejection } from './rejection';
import { acceptedUnits, toCanonical } from './units';

export interface ValidatorOptions {
  /** Readings further in the future than this are refused (sensor clocks drift a little). */
  maxClockSkewMs: number;
  /** Readings older than this are refused (a replayed backlog should go through replay, not ingest). */
  maxAgeMs: number;
}

export type Validation = { ok: true; reading: SensorReading } | { ok: false; rejection: Rejection };

const MAX_ID_LENGTH = 64;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return `a ${typeof v}`;
}

/**
 * One reading item → a SensorReading in canonical units with a quality, or a Rejection.
 * Pure apart from the bounded plausibility state; knows nothing of HTTP, MQTT or the bus.
 *
 * Item shape: { stationId, quantity, value, unit, observedAt } (`station` is accepted for
 * stationId). value is a finite number (smoke also true/false); observedAt is ISO 8601 with
 * a zone or epoch milliseconds.
 */
export class ReadingValidator {
  private readonly tracker: PlausibilityTracker;

  constructor(
    private readonly catalogue: CatalogueIndex,
    private readonly options: ValidatorOptions,
    tracker?: PlausibilityTracker,
  ) {
    this.tracker = tracker ?? new PlausibilityTracker();
  }

  validate(item: unknown, source: string, receivedAt: number): Validation {
    const fail = (r: Rejection): Validation => ({ ok: false, rejection: r });
    if (!isRecord(item)) return fail(rejection('not-an-object', `A reading must be a JSON object, not ${describe(item)}.`, ''));

    const stationField = item.stationId !== undefined ? 'stationId' : 'station';
    const stationRaw = item[stationField];
    if (stationRaw === undefined) return fail(rejection('missing-field', 'stationId is missing.', '/stationId'));
    if (typeof stationRaw !== 'string') return fail(rejection('wrong-type', `${stationField} must be a string, not ${describe(stationRaw)}.`, `/${stationField}`));
    if (stationRaw.length > MAX_ID_LENGTH) return fail(rejection('too-large', `${stationField} is longer than ${MAX_ID_LENGTH} characters.`, `/${stationField}`));
    const station = this.catalogue.station(stationRaw);
    if (!station) return fail(rejection('unknown-station', `No station "${stationRaw}" is in the catalogue.`, `/${stationField}`));
    const stationId = station.id;

    const q = item.quantity;
    if (q === undefined) return fail(rejection('missing-field', 'quantity is missing.', '/quantity', stationId));
    if (typeof q !== 'string') return fail(rejection('wrong-type', `quantity must be a string, not ${describe(q)}.`, '/quantity', stationId));
    if (!(QUANTITIES as readonly string[]).includes(q)) {
      return fail(rejection('unknown-quantity', `quantity "${q.slice(0, MAX_ID_LENGTH)}" is not one of ${QUANTITIES.join(', ')}.`, '/quantity', stationId));
    }
    const quantity = q as Quantity;
    if (!station.quantities.includes(quantity)) {
      return fail(rejection('quantity-not-measured', `Station ${stationId} does not measure ${quantity} (it measures ${station.quantities.join(', ')}).`, '/quantity', stationId));
    }

    let raw = item.value;
    if (raw === undefined) return fail(rejection('missing-field', 'value is missing.', '/value', stationId));
    if (quantity === 'smoke' && typeof raw === 'boolean') raw = raw ? 1 : 0;
    if (typeof raw !== 'number' || !Number.isFinite(raw)) return fail(rejection('wrong-type', `value must be a finite number, not ${describe(raw)}.`, '/value', stationId));

    const unit = item.unit;
    if (unit === undefined) return fail(rejection('missing-field', 'unit is missing.', '/unit', stationId));
    if (typeof unit !== 'string') return fail(rejection('wrong-type', `unit must be a string, not ${describe(unit)}.`, '/unit', stationId));
    const converted = unit.length <= 16 ? toCanonical(quantity, raw, unit) : { ok: false as const };
    if (!converted.ok) {
      return fail(rejection('unknown-unit', `unit "${unit.slice(0, 16)}" is not a unit of ${quantity}; accepted: ${acceptedUnits(quantity).join(', ')}.`, '/unit', stationId));
    }

    if (item.observedAt === undefined) return fail(rejection('missing-field', 'observedAt is missing.', '/observedAt', stationId));
    const observedAt = parseTimestamp(item.observedAt);
    if (observedAt === null) return fail(rejection('invalid-timestamp', 'observedAt must be ISO 8601 with a time zone or epoch milliseconds.', '/observedAt', stationId));
    if (observedAt > receivedAt + this.options.maxClockSkewMs) {
      return fail(rejection('future-timestamp', `observedAt is ${Math.round((observedAt - receivedAt) / 1000)} s in the future; at most ${this.options.maxClockSkewMs / 1000} s are tolerated.`, '/observedAt', stationId));
    }
    if (observedAt < receivedAt - this.options.maxAgeMs) {
      return fail(rejection('too-old', `observedAt is older than ${Math.round(this.options.maxAgeMs / 3_600_000)} h.`, '/observedAt', stationId));
    }

    const limits = QUANTITY_LIMITS[quantity];
    // Round away binary noise from conversions (e.g. 1.2 m → 120.00000000000001 cm).
    const value = Math.round(converted.value * 1e6) / 1e6;
    if (value < limits.range.min || value > limits.range.max || (limits.integer && !Number.isInteger(value))) {
      return fail(rejection('out-of-range', `${value} ${converted.unit} is outside the physical range of ${quantity} (${limits.range.min} to ${limits.range.max}${limits.integer ? ', whole numbers' : ''}).`, '/value', stationId));
    }

    const flags = this.tracker.observe(stationId, quantity, value, observedAt);
    return {
      ok: true,
      reading: {
        id: readingId(stationId, quantity, observedAt),
        stationId,
        quantity,
        value,
        unit: converted.unit,
        observedAt,
        receivedAt,
        source,
        quality: flags.length > 0 ? 'suspect' : 'good',
        qualityFlags: flags,
      },
    };
  }
}
