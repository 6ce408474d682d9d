/** The outcome of delivering one alert revision to one recipient on one channel; on `deliveries.v1`. */
export type Channel = 'webpush' | 'sms' | 'email';
export type DeliveryOutcome = 'sent' | 'failed' | 'retrying' | 'expired' | 'skipped';

export interface Delivery {
  /** Idempotency key: `${alertIdentifier}:${channel}:${recipientRef}`. */
  id: string;
  alertIdentifier: string;
  incidentId: string;
  channel: Channel;
  /** Pseudonymous reference (keyed hash), never the raw endpoint, number or address. */
  recipientRef: string;
  outcome: DeliveryOutcome;
  attempts: number;
  error: string | null;
  at: number;
  latencyMs: number | null;
}
