import { Accumulator, type AccumulatorState, type AggregateName } from './aggregate';
import type { TimeWindow, WindowAssigner } from './windows';

/** A closed window's result: emitted once, when the watermark passes end + grace (emit-on-close). */
export interface ClosedWindow {
  key: string;
  window: TimeWindow;
  count: number;
  value: (name: AggregateName) => number | null;
}

export interface WindowedAggregationState {
  open: Array<{ key: string; start: number; end: number; acc: AccumulatorState }>;
}

/**
 * Keyed windowed aggregation with incremental accumulators. Windows stay open until the key's
 * watermark passes end + grace, then are emitted and evicted, so state is bounded by
 * keys × (size + grace) / advance.
 */
export class WindowedAggregation {
  private open = new Map<string, { key: string; window: TimeWindow; acc: Accumulator }>();

  constructor(
    readonly assigner: WindowAssigner,
    readonly grace: number,
  ) {}

  /** Adds a point; returns false when every window it belongs to has already closed (late). */
  add(key: string, t: number, v: number, watermark: number): boolean {
    let accepted = false;
    for (const w of this.assigner.assign(t)) {
      if (w.end + this.grace <= watermark) continue;
      const id = `${key}\u0000${w.start}`;
      let slot = this.open.get(id);
      if (!slot) {
        slot = { key, window: w, acc: new Accumulator(w.start) };
        this.open.set(id, slot);
      }
      slot.acc.add(t, v);
      accepted = true;
    }
    return accepted;
  }

  /** Emits (and forgets) every window of `key` whose end + grace <= watermark, oldest first. */
  closeUpTo(key: string, watermark: number): ClosedWindow[] {
    const closed: ClosedWindow[] = [];
    for (const [id, slot] of this.open) {
      if (slot.key === key && slot.window.end + this.grace <= watermark) {
        this.open.delete(id);
        const acc = slot.acc;
        closed.push({ key, window: slot.window, count: acc.count, value: (n) => acc.result(n) });
      }
    }
    return closed.sort((a, b) => a.window.start - b.window.start);
  }

  get openWindows(): number {
    return this.open.size;
  }

  snapshot(): WindowedAggregationState {
    return {
      open: [...this.open.values()].map((s) => ({ key: s.key, start: s.window.start, end: s.window.end, acc: s.acc.toJSON() })),
    };
  }

  restore(state: WindowedAggregationState): void {
    this.open.clear();
    for (const o of state.open) {
      this.open.set(`${o.key}\u0000${o.start}`, {
        key: o.key,
        window: { start: o.start, end: o.end },
        acc: new Accumulator(o.start, o.acc),
      });
    }
  }
}
