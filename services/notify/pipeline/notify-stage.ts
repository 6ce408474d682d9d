import { NotifyError, type Notifier } from '../notifier';
import type { Next } from './stage';

/**
 * The terminal step: hand the job to the channel's notifier. A failure is rethrown for the
 * retry stage; `recipientGone` is reported as the `expired` outcome so the caller can drop
 * the subscription.
 */
export function notifyTerminal<M>(notifier: Notifier<M>): Next<M> {
  return async (job) => {
    try {
      await notifier.notify(job.message, job.recipient);
      return { outcome: 'sent', attempts: 1, error: null };
    } catch (err) {
      if (err instanceof NotifyError && err.recipientGone) return { outcome: 'expired', attempts: 1, error: err.message };
      throw err;
    }
  };
}
