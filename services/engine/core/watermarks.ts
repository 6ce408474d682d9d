/**
 * Per-station event-time progress. A station's watermark is the newest observedAt seen from it
 * minus the allowed lateness: a reading older than that is late (its windows have been decided)
 * and goes back to the caller as a late output instead of being dropped silently. Per-station,
 * so one station whose uplink is delayed is not judged by the clock of the others.
 */
export interface StationTime {
  maxObservedAt: number;
  watermark: number;
}

export class Watermarks {
  private stations = new Map<string, StationTime>();

  constructor(readonly allowedLatenessMs: number) {
    if (!(allowedLatenessMs >= 0)) throw new Error('allowedLatenessMs must be >= 0');
  }

  /** -Infinity before the first reading of the station. */
  watermark(stationId: string): number {
    return this.stations.get(stationId)?.watermark ?? -Infinity;
  }

  maxObservedAt(stationId: string): number | undefined {
    return this.stations.get(stationId)?.maxObservedAt;
  }

  isLate(stationId: string, observedAt: number): boolean {
    return observedAt < this.watermark(stationId);
  }

  /** Moves the station's event time forward (never back). Returns the new watermark. */
  observe(stationId: string, observedAt: number): number {
    const cur = this.stations.get(stationId);
    if (!cur || observedAt > cur.maxObservedAt) {
      const next = { maxObservedAt: observedAt, watermark: observedAt - this.allowedLatenessMs };
      this.stations.set(stationId, next);
      return next.watermark;
    }
    return cur.watermark;
  }

  snapshot(): Array<[string, number]> {
    return [...this.stations].map(([id, s]) => [id, s.maxObservedAt]);
  }

  restore(state: Array<[string, number]>): void {
    this.stations.clear();
    for (const [id, max] of state) this.observe(id, max);
  }
}
