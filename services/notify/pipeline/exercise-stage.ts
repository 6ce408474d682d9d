import type { Stage } from './stage';

/**
 * Exercise and Test alerts reach only recipients who opted into them (recipient.extra.exercises
 * === 'true'); everyone else is skipped with reason `not-opted-in`. Actual alerts pass.
 */
export function exerciseStage<M>(): Stage<M> {
  return async (job, next) => {
    if (job.alert.status === 'Actual') return next(job);
    if (job.recipient.extra?.exercises === 'true') return next(job);
    return { outcome: 'skipped', attempts: 0, error: null, reason: 'not-opted-in' };
  };
}
