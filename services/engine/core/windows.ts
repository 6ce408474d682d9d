/**
 * Window assigners (Kafka Streams TimeWindows / Flink WindowAssigner vocabulary).
 * A window is [start, end): a point at `end` belongs to the next tumbling window.
 */
export interface TimeWindow {
  start: number;
  end: number;
}

export interface WindowAssigner {
  readonly size: number;
  /** The windows a point at event time `t` belongs to, oldest first. */
  assign(t: number): TimeWindow[];
}

/** Fixed-size, non-overlapping windows aligned to the epoch (clock hours for size 1h). */
export class TumblingWindows implements WindowAssigner {
  constructor(readonly size: number) {
    if (!(size > 0)) throw new Error('window size must be > 0');
  }

  assign(t: number): TimeWindow[] {
    const start = t - mod(t, this.size);
    return [{ start, end: start + this.size }];
  }
}

/** Hopping windows: size `size`, a new one every `advance` (Flink: sliding; Kafka Streams: hopping). */
export class SlidingWindows implements WindowAssigner {
  constructor(
    readonly size: number,
    readonly advance: number,
  ) {
    if (!(size > 0) || !(advance > 0)) throw new Error('window size and advance must be > 0');
    if (advance > size) throw new Error('advance must not exceed size');
  }

  assign(t: number): TimeWindow[] {
    const out: TimeWindow[] = [];
    const lastStart = t - mod(t, this.advance);
    for (let start = lastStart; start > t - this.size; start -= this.advance) {
      out.push({ start, end: start + this.size });
    }
    return out.reverse();
  }
}

/**
 * The trailing window threshold rules read: (end - size, end], ending at the evaluation time.
 * Unlike the assigners above it is not aligned; it moves with event time.
 */
export function trailingWindow(end: number, size: number): TimeWindow {
  return { start: end - size, end };
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}
