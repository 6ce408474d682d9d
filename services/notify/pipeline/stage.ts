import type { Alert } from '../../core/model/alert';
import type { DeliveryOutcome } from '../../core/model/delivery';
import type { RecipientAddress } from '../notifier';

/** One (alert revision, recipient, channel) to deliver: the unit every stage works on. */
export interface DeliveryJob<M = unknown> {
  /** `${alert.identifier}:${channel}:${recipient.ref}`: the idempotency key. */
  id: string;
  alert: Alert;
  recipient: RecipientAddress;
  message: M;
}

export interface StageResult {
  outcome: DeliveryOutcome;
  attempts: number;
  error: string | null;
  /** Why a job was skipped (`duplicate`, `in-flight`, `muted`, ...). */
  reason?: string;
}

export type Next<M> = (job: DeliveryJob<M>) => Promise<StageResult>;
/** A pipeline stage wraps the rest of the pipeline, like middleware. */
export type Stage<M = unknown> = (job: DeliveryJob<M>, next: Next<M>) => Promise<StageResult>;

/** compose([a, b, c], send)(job) runs a(b(c(send))). */
export function compose<M>(stages: Stage<M>[], terminal: Next<M>): Next<M> {
  return stages.reduceRight<Next<M>>((next, stage) => (job) => stage(job, next), terminal);
}

export function deliveryId(alertIdentifier: string, channel: string, recipientRef: string): string {
  return `${alertIdentifier}:${channel}:${recipientRef}`;
}
