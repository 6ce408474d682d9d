import { isRetryable } from '../notifier';
import type { Stage } from './stage';

export interface RetryOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onRetry?: (attempt: number, delayMs: number, error: unknown) => void;
}

/** Exponential back-off with full jitter (spreads a burst of failures instead of retrying in lock-step). */
export function backoffDelay(attempt: number, options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs'>, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(random() * ceiling);
}

/** Retries retryable failures; a permanent failure or the last attempt becomes the `failed` outcome. */
export function retryStage<M>(options: RetryOptions): Stage<M> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  return async (job, next) => {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await next(job);
        return { ...result, attempts: attempt };
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (!isRetryable(err) || attempt >= options.maxAttempts) return { outcome: 'failed', attempts: attempt, error: message };
        const delay = backoffDelay(attempt, options, random);
        options.onRetry?.(attempt, delay, err);
        await sleep(delay);
      }
    }
  };
}
