/** [event time ms, value] */
export type Point = [number, number];

/**
 * A small, bounded, time-ordered series for a scorer: points older than `keepMs` before the
 * newest are dropped, and at most `maxPoints` are kept. Plain arrays, so snapshots are JSON.
 */
export class TimeSeries {
  constructor(
    private readonly keepMs: number,
    private readonly maxPoints: number,
    private pts: Point[] = [],
  ) {}

  add(t: number, v: number): void {
    const pts = this.pts;
    let i = pts.length;
    while (i > 0 && pts[i - 1][0] > t) i--;
    if (i > 0 && pts[i - 1][0] === t) pts[i - 1] = [t, v];
    else pts.splice(i, 0, [t, v]);
    const newest = pts[pts.length - 1][0];
    let drop = 0;
    while (drop < pts.length - 1 && pts[drop][0] < newest - this.keepMs) drop++;
    drop = Math.max(drop, pts.length - this.maxPoints);
    if (drop > 0) pts.splice(0, drop);
  }

  last(): Point | undefined {
    return this.pts[this.pts.length - 1];
  }

  /** Points with from < t <= to. */
  range(from: number, to: number): Point[] {
    return this.pts.filter(([t]) => t > from && t <= to);
  }

  sum(from: number, to: number): number {
    let s = 0;
    for (const [t, v] of this.pts) if (t > from && t <= to) s += v;
    return s;
  }

  /**
   * The earliest event time after `at` at which the window (at - widthMs, at] holds other
   * points than it does at `at`: its oldest point leaves it, or a point after `at` enters it.
   * Infinity when neither can happen. Lets a scorer reuse a result computed at `at` exactly.
   */
  windowChangesAfter(at: number, widthMs: number): number {
    let leaves = Infinity;
    for (const [t] of this.pts) {
      if (t > at) return Math.min(leaves, t);
      if (leaves === Infinity && t > at - widthMs) leaves = t + widthMs;
    }
    return leaves;
  }

  toJSON(): Point[] {
    return this.pts.map(([t, v]) => [t, v]);
  }
}

/** Least-squares slope of the points, per hour; null for fewer than two points or a span under `minSpanMs`. */
export function slopePerHour(pts: Point[], minSpanMs: number): number | null {
  if (pts.length < 2 || pts[pts.length - 1][0] - pts[0][0] < minSpanMs) return null;
  const t0 = pts[0][0];
  let sx = 0;
  let sy = 0;
  for (const [t, v] of pts) {
    sx += (t - t0) / 3_600_000;
    sy += v;
  }
  const mx = sx / pts.length;
  const my = sy / pts.length;
  let num = 0;
  let den = 0;
  for (const [t, v] of pts) {
    const dx = (t - t0) / 3_600_000 - mx;
    num += dx * (v - my);
    den += dx * dx;
  }
  return den > 0 ? num / den : null;
}
