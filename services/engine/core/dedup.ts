/**
 * Remembers which (quantity, observedAt) a station has already delivered, so a reading
 * re-sent by a gateway or re-read after a consumer restart counts once. Memory is bounded per
 * station: the oldest ids are forgotten first; anything older than the watermark is caught
 * by the lateness check anyway, so the bound only needs to cover the lateness horizon.
 */
export class Deduplicator {
  private seen = new Map<string, { order: string[]; set: Set<string> }>();

  constructor(readonly maxPerStation: number) {
    if (maxPerStation < 1) throw new Error('maxPerStation must be >= 1');
  }

  /** True when this is the first time; records it. */
  firstTime(stationId: string, quantity: string, observedAt: number): boolean {
    const id = `${quantity}@${observedAt}`;
    let s = this.seen.get(stationId);
    if (!s) {
      s = { order: [], set: new Set() };
      this.seen.set(stationId, s);
    }
    if (s.set.has(id)) return false;
    s.set.add(id);
    s.order.push(id);
    while (s.order.length > this.maxPerStation) s.set.delete(s.order.shift()!);
    return true;
  }

  snapshot(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const [id, s] of this.seen) out[id] = [...s.order];
    return out;
  }

  restore(state: Record<string, string[]>): void {
    this.seen.clear();
    for (const [id, order] of Object.entries(state)) {
      const kept = order.slice(-this.maxPerStation);
      this.seen.set(id, { order: kept, set: new Set(kept) });
    }
  }
}
