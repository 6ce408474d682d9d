import type { Channel } from '../core/model/delivery';

/**
 * One channel's way to deliver one message to one recipient (as Alertmanager's notify.Notifier).
 * It either resolves (delivered to the gateway/push service) or throws a NotifyError that says
 * whether trying again could help. Everything else (routing, dedup, retry, rate limits,
 * receipts) is a pipeline stage around it, shared by all channels.
 */
export interface Notifier<M = unknown> {
  readonly channel: Channel;
  notify(message: M, recipient: RecipientAddress): Promise<void>;
}

/**
 * Where a message goes. `address` is the raw endpoint/number/e-mail and never leaves the
 * notify service: logs and the deliveries topic carry only `ref`, a keyed pseudonym.
 */
export interface RecipientAddress {
  ref: string;
  channel: Channel;
  address: string;
  /** Channel extras, e.g. the push subscription's keys. */
  extra?: Record<string, string>;
  language: 'de' | 'en';
}

export class NotifyError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    /** The recipient no longer exists (push 404/410, unknown number): remove it. */
    readonly recipientGone = false,
  ) {
    super(message);
    this.name = 'NotifyError';
  }
}

export function isRetryable(err: unknown): boolean {
  if (err instanceof NotifyError) return err.retryable;
  // Unknown errors (sockets, timeouts) are treated as transient.
  return true;
}
