import type { CatalogueIndex, Station } from '../../core/catalogue/catalogue';
import type { Driver } from '../../core/model/hazard';
import type { Quantity } from '../../core/model/reading';
import type { Combine, Condition, MetricCondition, Op, WindowSpec } from '../rules/rule';
import { aggregate } from './aggregate';
import { metricDriver, scoreDriver, silentDriver } from './drivers';
import type { SeriesBuffer } from './series-buffer';
import type { Subject } from './subjects';

const HOUR_MS = 3_600_000;

/** Read-only view of engine state that conditions are evaluated against at event time `now`. */
export interface EvaluationContext {
  now: number;
  /** Event time the engine started at: a station never heard from is silent since then. */
  startedAt: number;
  catalogue: CatalogueIndex;
  series(stationId: string, quantity: Quantity): SeriesBuffer | undefined;
  /** Latest closed tumbling/sliding window result for the station, if still current. */
  closedWindow(spec: WindowSpec, stationId: string, quantity: Quantity): number | null | undefined;
  lastSeen(stationId: string): number | undefined;
  areaLevel(hazard: 'flood' | 'wildfire', areaId: string): { level: number; drivers: Driver[] } | undefined;
}

/**
 * Three-valued: null when the data to decide is missing (no readings in the window, no score yet).
 * The evidence is built only when asked for: conditions are evaluated on every reading of every
 * station they cover, and the evidence lines (formatted German text) are needed only when a
 * level changes.
 */
export interface Evaluation {
  value: boolean | null;
  evidence(): Driver[];
}

const NO_EVIDENCE = (): Driver[] => [];

export function compare(a: number, op: Op, b: number): boolean {
  switch (op) {
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
  }
}

/** Combines per-station (or per-branch) truth values; unknowns decide nothing. */
export function combine(values: Array<boolean | null>, how: Combine): boolean | null {
  const t = values.filter((v) => v === true).length;
  const f = values.filter((v) => v === false).length;
  const u = values.length - t - f;
  const need = how === 'all' ? values.length : how === 'any' ? 1 : how.atLeast;
  if (values.length === 0) return null;
  if (t >= need) return true;
  if (t + u < need) return false;
  return null;
}

export function evaluate(c: Condition, subject: Subject, ctx: EvaluationContext): Evaluation {
  switch (c.type) {
    case 'all':
    case 'any': {
      const parts = c.of.map((x) => evaluate(x, subject, ctx));
      const value = combine(
        parts.map((p) => p.value),
        c.type,
      );
      return { value, evidence: () => parts.filter((p) => (value === true ? p.value === true : true)).flatMap((p) => p.evidence()) };
    }
    case 'metric':
      return evaluateMetric(c, subject, ctx);
    case 'score': {
      const area = ctx.areaLevel(c.hazard, subject.areaId);
      if (!area) return { value: null, evidence: NO_EVIDENCE };
      const evidence = () => (area.drivers.length > 0 ? area.drivers : [scoreDriver(c.hazard, ctx.catalogue.area(subject.areaId)?.name ?? subject.areaId, area.level)]);
      return { value: compare(area.level, c.op, c.level), evidence };
    }
    case 'silent': {
      const values: Array<boolean | null> = [];
      const silentOnes: Array<[Station, number]> = [];
      for (const s of subject.stations) {
        const since = ctx.lastSeen(s.id) ?? ctx.startedAt;
        const silentFor = ctx.now - since;
        const silent = silentFor > c.missedIntervals * s.expectedIntervalS * 1000;
        values.push(silent);
        if (silent) silentOnes.push([s, silentFor]);
      }
      return { value: combine(values, c.stations), evidence: () => silentOnes.map(([s, silentFor]) => silentDriver(s, silentFor)) };
    }
  }
}

function evaluateMetric(c: MetricCondition, subject: Subject, ctx: EvaluationContext): Evaluation {
  const stations = stationsFor(c, subject);
  const values: Array<boolean | null> = [];
  const decided: Array<{ station: Station; value: number; ok: boolean }> = [];
  for (const s of stations) {
    const v = valueOf(c, s, ctx);
    if (v === null) {
      values.push(null);
      continue;
    }
    const threshold = typeof c.threshold === 'number' ? c.threshold : s.warningLevels![c.threshold] + c.offset;
    const ok = compare(v, c.op, threshold);
    values.push(ok);
    decided.push({ station: s, value: v, ok });
  }
  const value = combine(values, c.stations);
  // True: the stations that made it true; otherwise every station with data.
  const evidence = () =>
    decided.filter((d) => value !== true || d.ok).map((d) => metricDriver(d.station, c.quantity, c.window.aggregate, c.window.sizeMs, d.value, contextOf(d.station, c.quantity, ctx)));
  return { value, evidence };
}

/** The subject's stations a metric condition can judge (measure the quantity, have the levels it names); fixed per rule set. */
const stationsByCondition = new WeakMap<MetricCondition, WeakMap<Subject, Station[]>>();
function stationsFor(c: MetricCondition, subject: Subject): Station[] {
  let bySubject = stationsByCondition.get(c);
  if (!bySubject) stationsByCondition.set(c, (bySubject = new WeakMap()));
  let stations = bySubject.get(subject);
  if (!stations) {
    stations = subject.stations.filter((s) => s.quantities.includes(c.quantity) && (typeof c.threshold === 'number' || s.warningLevels !== undefined));
    bySubject.set(subject, stations);
  }
  return stations;
}

function valueOf(c: MetricCondition, s: Station, ctx: EvaluationContext): number | null {
  if (c.window.type !== 'trailing') return ctx.closedWindow(c.window, s.id, c.quantity) ?? null;
  const buf = ctx.series(s.id, c.quantity);
  if (!buf) return null;
  return buf.aggregateAt(ctx.now, c.window.sizeMs, c.window.aggregate);
}

/** Latest value and the trend over the last hour, for human evidence text. */
function contextOf(s: Station, q: Quantity, ctx: EvaluationContext): { last: number | null; rate: number | null } {
  const buf = ctx.series(s.id, q);
  if (!buf) return { last: null, rate: null };
  const pts = buf.range(ctx.now - HOUR_MS, ctx.now);
  return { last: pts.length ? pts[pts.length - 1].v : null, rate: aggregate(pts, 'rate_of_change') };
}
