import { createHmac } from 'node:crypto';

/**
 * A stable pseudonymous reference for a recipient (DSGVO: no raw phone number, e-mail address
 * or push endpoint in logs or on the bus). Keyed HMAC, so refs cannot be reversed by hashing
 * guessed numbers without the installation's secret.
 */
export function recipientRef(secret: string, channel: string, address: string): string {
  return `${channel}:` + createHmac('sha256', secret).update(`${channel}\u0000${address.trim().toLowerCase()}`).digest('base64url').slice(0, 22);
}
