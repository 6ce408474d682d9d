import type { Store } from '../../core/store/store';
import type { Stage } from './stage';

export interface DedupOptions {
  /** How long a claim holds while a delivery is in flight; a crashed worker's claim expires and the job is tried again. */
  leaseMs: number;
  /** How long a final outcome is remembered (longer than any replay window). */
  rememberMs: number;
  prefix?: string;
}

/**
 * At most once per (alert revision, recipient, channel): a final outcome is recorded under the
 * job's idempotency key and later copies of the job are skipped. While a job is in flight a
 * lease (set-if-absent with TTL) keeps a second worker or a redelivered bus message from
 * sending it in parallel. If a worker dies after the gateway accepted a message but before the
 * outcome was stored, the lease expires and the message is sent again: at least once is chosen
 * over losing a warning.
 */
export function dedupStage<M>(store: Store, options: DedupOptions): Stage<M> {
  const prefix = options.prefix ?? 'notify:delivery:';
  return async (job, next) => {
    const doneKey = `${prefix}done:${job.id}`;
    const leaseKey = `${prefix}lease:${job.id}`;
    if ((await store.get(doneKey)) !== null) return { outcome: 'skipped', attempts: 0, error: null, reason: 'duplicate' };
    if (!(await store.setIfAbsent(leaseKey, '1', options.leaseMs))) return { outcome: 'skipped', attempts: 0, error: null, reason: 'in-flight' };
    try {
      const result = await next(job);
      if (result.outcome !== 'retrying') await store.set(doneKey, result.outcome, { ttlMs: options.rememberMs });
      return result;
    } finally {
      await store.del(leaseKey);
    }
  };
}
