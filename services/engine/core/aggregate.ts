import type { Point } from './series-buffer';

export type AggregateName = 'last' | 'min' | 'max' | 'mean' | 'sum' | 'count' | 'rate_of_change';
export const AGGREGATES: readonly AggregateName[] = ['last', 'min', 'max', 'mean', 'sum', 'count', 'rate_of_change'];

const HOUR_MS = 3_600_000;

/**
 * An incremental aggregate over the points of one window: O(1) per point, O(1) state, so
 * tumbling/sliding windows never keep their points. rate_of_change is the least-squares slope
 * per hour, which (unlike last-minus-first) stays honest when sampling is uneven.
 * Times are taken relative to `origin` (the window start) so the sums keep their precision.
 */
export interface AccumulatorState {
  origin: number;
  n: number;
  sum: number;
  min: number;
  max: number;
  lastT: number;
  lastV: number;
  sx: number;
  sxx: number;
  sxy: number;
}

export class Accumulator {
  private s: AccumulatorState;

  constructor(origin: number, state?: AccumulatorState) {
    this.s = state
      ? { ...state }
      : { origin, n: 0, sum: 0, min: Infinity, max: -Infinity, lastT: -Infinity, lastV: NaN, sx: 0, sxx: 0, sxy: 0 };
  }

  add(t: number, v: number): void {
    const s = this.s;
    const x = (t - s.origin) / HOUR_MS;
    s.n += 1;
    s.sum += v;
    if (v < s.min) s.min = v;
    if (v > s.max) s.max = v;
    if (t >= s.lastT) {
      s.lastT = t;
      s.lastV = v;
    }
    s.sx += x;
    s.sxx += x * x;
    s.sxy += x * v;
  }

  get count(): number {
    return this.s.n;
  }

  /** null when the window holds no points (or, for rate_of_change, fewer than two distinct times). */
  result(name: AggregateName): number | null {
    const s = this.s;
    if (name === 'count') return s.n;
    if (s.n === 0) return null;
    switch (name) {
      case 'last':
        return s.lastV;
      case 'min':
        return s.min;
      case 'max':
        return s.max;
      case 'sum':
        return s.sum;
      case 'mean':
        return s.sum / s.n;
      case 'rate_of_change': {
        const denom = s.n * s.sxx - s.sx * s.sx;
        // Relative tolerance: all points at (nearly) one instant carry no slope.
        if (s.n < 2 || denom <= 1e-12 * Math.max(1, s.n * s.sxx)) return null;
        const sy = s.sum;
        return (s.n * s.sxy - s.sx * sy) / denom;
      }
    }
  }

  toJSON(): AccumulatorState {
    // JSON has no Infinity/NaN; callers only persist non-empty accumulators, but be safe.
    return { ...this.s };
  }
}

/** Aggregate over an explicit list of points (trailing windows read their ring buffer). */
export function aggregate(points: readonly Point[], name: AggregateName, origin = points[0]?.t ?? 0): number | null {
  const acc = new Accumulator(origin);
  for (const p of points) acc.add(p.t, p.v);
  return acc.result(name);
}
