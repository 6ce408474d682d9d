import type { Quantity, SensorReading } from '../../core/model/reading';

export interface SeriesPoint {
  at: number;
  value: number;
  quality: SensorReading['quality'];
}

/**
 * The recent readings of every station and quantity, for the officers' charts: bounded by age
 * (event time, relative to the newest reading of the series) and by count, kept in event-time
 * order even when readings arrive late or twice.
 */
export class ReadingBuffer {
  private readonly series = new Map<string, SeriesPoint[]>();

  constructor(
    private readonly horizonMs: number,
    private readonly maxPoints = 2000,
  ) {}

  add(r: SensorReading): void {
    const key = `${r.stationId}/${r.quantity}`;
    let list = this.series.get(key);
    if (!list) {
      list = [];
      this.series.set(key, list);
    }
    const point: SeriesPoint = { at: r.observedAt, value: r.value, quality: r.quality };
    // Binary search: most readings append, late ones insert; the same time replaces.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.at < r.observedAt) lo = mid + 1;
      else hi = mid;
    }
    if (list[lo]?.at === r.observedAt) list[lo] = point;
    else list.splice(lo, 0, point);
    const newest = list[list.length - 1]!.at;
    let drop = 0;
    while (drop < list.length && list[drop]!.at < newest - this.horizonMs) drop++;
    drop = Math.max(drop, list.length - this.maxPoints);
    if (drop > 0) list.splice(0, drop);
  }

  get(stationId: string, quantity: Quantity): SeriesPoint[] {
    return [...(this.series.get(`${stationId}/${quantity}`) ?? [])];
  }

  last(stationId: string, quantity: Quantity): SeriesPoint | undefined {
    const list = this.series.get(`${stationId}/${quantity}`);
    return list?.[list.length - 1];
  }
}
