/**
 * Why an input was refused. `reason` is a stable machine-readable code (metrics label, problem
 * type slug, RejectedInput.reason); `detail` is one sentence for a human.
 */
export type RejectionReason =
  | 'invalid-utf8'
  | 'invalid-json'
  | 'not-an-object'
  | 'missing-field'
  | 'wrong-type'
  | 'too-large'
  | 'too-deep'
  | 'invalid-timestamp'
  | 'unknown-station'
  | 'unknown-quantity'
  | 'quantity-not-measured'
  | 'unknown-unit'
  | 'out-of-range'
  | 'future-timestamp'
  | 'too-old'
  | 'unknown-device'
  | 'unmapped-payload'
  | 'unsupported-message';

export const REJECTION_REASONS: readonly RejectionReason[] = [
  'invalid-utf8',
  'invalid-json',
  'not-an-object',
  'missing-field',
  'wrong-type',
  'too-large',
  'too-deep',
  'invalid-timestamp',
  'unknown-station',
  'unknown-quantity',
  'quantity-not-measured',
  'unknown-unit',
  'out-of-range',
  'future-timestamp',
  'too-old',
  'unknown-device',
  'unmapped-payload',
  'unsupported-message',
];

export interface Rejection {
  reason: RejectionReason;
  detail: string;
  /** JSON pointer of the offending field, when there is one. */
  field: string | null;
  stationId: string | null;
}

export function rejection(reason: RejectionReason, detail: string, field: string | null = null, stationId: string | null = null): Rejection {
  return { reason, detail, field, stationId };
}
