import { aggregate, type AggregateName } from './aggregate';

/**
 * A bounded, time-ordered buffer of (event time, value) points of one series (station + quantity).
 * Out-of-order points within the allowed lateness are inserted in place; the oldest are evicted
 * when the buffer is full or when the watermark has passed their retention.
 */
export interface Point {
  t: number;
  v: number;
}

export class SeriesBuffer {
  private points: Point[] = [];
  /** Bumped on every change of the points, so memoised window aggregates know they are stale. */
  private version = 0;
  /** Trailing-window aggregates, each valid for event times [from, until) at one version. */
  private memo = new Map<string, { version: number; from: number; until: number; value: number | null }>();

  constructor(readonly maxPoints: number) {
    if (maxPoints < 1) throw new Error('maxPoints must be >= 1');
  }

  get size(): number {
    return this.points.length;
  }

  /** Inserts in event-time order; a point at an existing time replaces it (idempotent). */
  insert(t: number, v: number): void {
    this.version++;
    const pts = this.points;
    if (pts.length === 0 || pts[pts.length - 1].t < t) {
      pts.push({ t, v });
    } else {
      const i = this.lowerBound(t);
      if (i < pts.length && pts[i].t === t) pts[i] = { t, v };
      else pts.splice(i, 0, { t, v });
    }
    if (pts.length > this.maxPoints) pts.splice(0, pts.length - this.maxPoints);
  }

  /** Drops points older than `before` (exclusive). */
  evictBefore(before: number): void {
    const i = this.lowerBound(before);
    if (i > 0) {
      this.points.splice(0, i);
      this.version++;
    }
  }

  /**
   * The aggregate over the trailing window (now - widthMs, now]. Conditions ask for it on every
   * reading of any station of their subject, so a whole area's stations are aggregated per
   * reading; the result is reused for as long as the window's points cannot have changed.
   */
  aggregateAt(now: number, widthMs: number, name: AggregateName): number | null {
    const key = name + widthMs;
    const m = this.memo.get(key);
    if (m && m.version === this.version && now >= m.from && now < m.until) return m.value;
    const value = aggregate(this.range(now - widthMs, now), name);
    this.memo.set(key, { version: this.version, from: now, until: this.windowChangesAfter(now, widthMs), value });
    return value;
  }

  /** The earliest time after `now` at which (now - widthMs, now] holds other points: its oldest leaves, or a later one enters. */
  windowChangesAfter(now: number, widthMs: number): number {
    const first = this.upperBound(now - widthMs);
    const next = this.upperBound(now);
    const leaves = first < next ? this.points[first].t + widthMs : Infinity;
    const enters = next < this.points.length ? this.points[next].t : Infinity;
    return Math.min(leaves, enters);
  }

  /** Points with start < t <= end, oldest first. */
  range(start: number, end: number): Point[] {
    const from = this.upperBound(start);
    const to = this.upperBound(end);
    return this.points.slice(from, to);
  }

  last(): Point | undefined {
    return this.points[this.points.length - 1];
  }

  toJSON(): Array<[number, number]> {
    return this.points.map((p) => [p.t, p.v]);
  }

  static fromJSON(maxPoints: number, data: Array<[number, number]>): SeriesBuffer {
    const b = new SeriesBuffer(maxPoints);
    for (const [t, v] of data) b.insert(t, v);
    return b;
  }

  /** First index with points[i].t >= t. */
  private lowerBound(t: number): number {
    let lo = 0;
    let hi = this.points.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.points[mid].t < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index with points[i].t > t. */
  private upperBound(t: number): number {
    let lo = 0;
    let hi = this.points.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.points[mid].t <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
