import type { Stage } from './stage';

/**
 * Token bucket: SMS gateways and mail servers cap messages per second; waiting here is
 * cheaper than being throttled or blocked by them.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly ratePerSecond: number,
    readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Milliseconds to wait before a token is available (0 = take it now); takes the token. */
  take(): number {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.ratePerSecond);
    this.last = t;
    this.tokens -= 1;
    if (this.tokens >= 0) return 0;
    return Math.ceil((-this.tokens / this.ratePerSecond) * 1000);
  }
}

export function rateLimitStage<M>(bucket: TokenBucket, sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms))): Stage<M> {
  return async (job, next) => {
    const wait = bucket.take();
    if (wait > 0) await sleep(wait);
    return next(job);
  };
}
