import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { CatalogueIndex } from '../../core/catalogue/catalogue';
import type { AlertEvent, AlertStatus } from '../../core/model/alert-event';
import type { SensorReading } from '../../core/model/reading';
import { CANONICAL_UNITS, QUANTITIES } from '../../core/model/reading';
import { RuleEngine } from '../core/rule-engine';
import type { HazardScorer } from '../core/scorer';
import type { Rule } from '../rules/rule';
import { diffAlertEvents, type BacktestDiff } from './backtest-diff';

/** Fresh scorers for one engine: scorers hold per-area state, so two runs must not share them. */
export type ScorerFactory = () => HazardScorer[];

/** Event-time step of the replay clock between readings; the live worker's default tick (30 s). */
export const DEFAULT_ADVANCE_EVERY_MS = 30_000;

export interface BacktestOptions {
  readings: SensorReading[];
  rules: Rule[];
  /** A second rule set to replay the same readings through and compare with `rules`. */
  compareRules?: Rule[];
  catalogue: CatalogueIndex;
  scorers: ScorerFactory;
  allowedLatenessMs?: number;
  status?: AlertStatus;
  /**
   * Between two readings, event time is advanced in steps of this size (as the live worker's
   * wall-clock timer does), so silent sensors and `for` durations fire when they would have live.
   * 0: only readings move time (what the live worker does with its timer off).
   */
  advanceEveryMs?: number;
  /** Shifts further apart than this are reported as one alert lost and one gained (default 24 h). */
  maxShiftMs?: number;
  /** Called every few thousand readings (and at the end) with readings replayed so far, over all runs. */
  onProgress?: (done: number, total: number) => void;
}

export interface RuleSummary {
  ruleId: string;
  /** Alert events of the rule (every kind). */
  events: number;
  raises: number;
  /** Event time of the rule's first `raised`, or null. */
  firstRaisedAt: number | null;
  maxLevel: number;
}

export interface BacktestRun {
  alertEvents: AlertEvent[];
  assessments: number;
  /** Readings the engine handed back (too late, unknown station), by reason. */
  rejected: Record<string, number>;
  summary: RuleSummary[];
}

export interface BacktestResult {
  readings: number;
  from: number | null;
  to: number | null;
  base: BacktestRun;
  compare: BacktestRun | null;
  /** compare relative to base; null without compareRules. */
  diff: BacktestDiff | null;
}

/**
 * Replays recorded readings through a rule set with the same RuleEngine the live worker runs
 * (the point of the backtester: what would these rules have done). Readings are replayed in
 * event-time order; ties by station and quantity, so the result does not depend on how the
 * recording happened to be ordered.
 */
export function runBacktest(opts: BacktestOptions): BacktestResult {
  const readings = sortByEventTime(opts.readings);
  const runs = opts.compareRules ? 2 : 1;
  const total = readings.length * runs;
  const base = replay(readings, opts.rules, opts, (n) => opts.onProgress?.(n, total));
  const compare = opts.compareRules ? replay(readings, opts.compareRules, opts, (n) => opts.onProgress?.(readings.length + n, total)) : null;
  return {
    readings: readings.length,
    from: readings[0]?.observedAt ?? null,
    to: readings[readings.length - 1]?.observedAt ?? null,
    base,
    compare,
    diff: compare ? diffAlertEvents(base.alertEvents, compare.alertEvents, { maxShiftMs: opts.maxShiftMs }) : null,
  };
}

export function sortByEventTime(readings: SensorReading[]): SensorReading[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...readings].sort((a, b) => a.observedAt - b.observedAt || cmp(a.stationId, b.stationId) || cmp(a.quantity, b.quantity));
}

const PROGRESS_EVERY = 5_000;

function replay(readings: SensorReading[], rules: Rule[], opts: BacktestOptions, progress: (done: number) => void): BacktestRun {
  const engine = new RuleEngine({
    rules,
    catalogue: opts.catalogue,
    scorers: opts.scorers(),
    allowedLatenessMs: opts.allowedLatenessMs ?? 0,
    status: opts.status ?? 'Exercise',
  });
  const step = opts.advanceEveryMs ?? DEFAULT_ADVANCE_EVERY_MS;
  const alertEvents: AlertEvent[] = [];
  const rejected: Record<string, number> = {};
  let assessments = 0;
  // Steps sit on a grid from the first reading, like a timer started with the stream.
  let nextStep = readings.length > 0 ? readings[0].observedAt + step : Infinity;
  let done = 0;
  for (const r of readings) {
    if (++done % PROGRESS_EVERY === 0) progress(done);
    if (step > 0) {
      for (; nextStep < r.observedAt; nextStep += step) {
        const out = engine.advanceTo(nextStep);
        alertEvents.push(...out.alertEvents);
        assessments += out.assessments.length;
      }
    }
    const out = engine.process(r);
    alertEvents.push(...out.alertEvents);
    assessments += out.assessments.length;
    for (const l of out.late) rejected[l.reason] = (rejected[l.reason] ?? 0) + 1;
  }
  progress(readings.length);
  return { alertEvents, assessments, rejected, summary: summarise(alertEvents, rules) };
}

function summarise(events: AlertEvent[], rules: Rule[]): RuleSummary[] {
  return rules.map((rule) => {
    const mine = events.filter((e) => e.ruleId === rule.id);
    const raises = mine.filter((e) => e.kind === 'raised');
    return {
      ruleId: rule.id,
      events: mine.length,
      raises: raises.length,
      firstRaisedAt: raises.length > 0 ? Math.min(...raises.map((e) => e.at)) : null,
      maxLevel: Math.max(0, ...mine.map((e) => e.level)),
    };
  });
}

/**
 * Reads recorded readings: NDJSON, one SensorReading JSON per line, or CSV (a file ending in
 * .csv) with a header row naming at least stationId, quantity, value and observedAt (epoch ms
 * or ISO 8601), optionally unit, quality and source. Blank lines and `#` comments are skipped.
 * A line that is not a reading fails with its line number: a silently shortened recording
 * would make a backtest lie.
 */
export async function readRecordedReadings(file: string): Promise<SensorReading[]> {
  const csv = file.toLowerCase().endsWith('.csv');
  const out: SensorReading[] = [];
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  let header: string[] | null = null;
  for await (const line of lines) {
    n++;
    const text = line.trim();
    if (text === '' || text.startsWith('#')) continue;
    if (csv) {
      const cells = text.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
      if (!header) {
        header = cells;
        for (const required of ['stationId', 'quantity', 'value', 'observedAt']) {
          if (!header.includes(required)) throw new Error(`${file}:${n}: the CSV header must name ${required} (found ${header.join(', ')})`);
        }
        continue;
      }
      if (cells.length !== header.length) throw new Error(`${file}:${n}: ${cells.length} cells, the header has ${header.length}`);
      const row: Record<string, unknown> = {};
      header.forEach((h, i) => (row[h] = cells[i]));
      const value = Number(row.value);
      row.value = row.value === '' ? NaN : value;
      if (typeof row.observedAt === 'string' && /^\d+$/.test(row.observedAt)) row.observedAt = Number(row.observedAt);
      out.push(asReading(row, `${file}:${n}`));
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new Error(`${file}:${n}: not JSON (${(err as Error).message})`);
    }
    out.push(asReading(value, `${file}:${n}`));
  }
  return out;
}

function asReading(v: unknown, where: string): SensorReading {
  const r = v as Partial<SensorReading> | null;
  if (!r || typeof r !== 'object') throw new Error(`${where}: expected a SensorReading object`);
  if (typeof r.stationId !== 'string') throw new Error(`${where}: stationId missing`);
  if (typeof r.quantity !== 'string' || !(QUANTITIES as readonly string[]).includes(r.quantity)) throw new Error(`${where}: unknown quantity ${JSON.stringify(r.quantity)}`);
  if (typeof r.value !== 'number' || !Number.isFinite(r.value)) throw new Error(`${where}: value must be a finite number`);
  // Recordings may carry ISO times (edge format); the domain uses epoch ms.
  const observedAt = toEpoch(r.observedAt, `${where}: observedAt`);
  const receivedAt = r.receivedAt === undefined ? observedAt : toEpoch(r.receivedAt, `${where}: receivedAt`);
  return {
    id: typeof r.id === 'string' ? r.id : `${r.stationId}/${r.quantity}/${observedAt}`,
    stationId: r.stationId,
    quantity: r.quantity,
    value: r.value,
    unit: typeof r.unit === 'string' ? r.unit : CANONICAL_UNITS[r.quantity],
    observedAt,
    receivedAt,
    source: typeof r.source === 'string' ? r.source : 'replay',
    quality: r.quality === 'suspect' || r.quality === 'bad' ? r.quality : 'good',
    qualityFlags: Array.isArray(r.qualityFlags) ? r.qualityFlags.filter((f): f is string => typeof f === 'string') : [],
  };
}

function toEpoch(v: unknown, what: string): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string') {
    const t = Date.parse(v);
    if (Number.isFinite(t)) return t;
  }
  throw new Error(`${what} must be epoch ms or an ISO 8601 time`);
}
