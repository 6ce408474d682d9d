import type { Clock } from '../core/observability/clock';

/**
 * The demo's clock: starts at the real time and runs `speed` times faster. The demo process runs
 * every service on it, so event time (the readings' observedAt), the engine's and the alerts'
 * timers (`for`, hold-then-all-clear) and the feed's "now" all move through the scenario
 * together: at speed 2400 one wall second is 40 minutes of flood.
 */
export class CompressedClock implements Clock {
  private readonly origin: number;

  constructor(
    readonly speed: number,
    private readonly wall: () => number = Date.now,
  ) {
    this.origin = wall();
  }

  now(): number {
    return Math.floor(this.origin + (this.wall() - this.origin) * this.speed);
  }
}
