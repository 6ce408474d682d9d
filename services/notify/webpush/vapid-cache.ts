import * as webpush from 'web-push';

export interface VapidKeys {
  subject: string;
  publicKey: string;
  privateKey: string;
}

/**
 * VAPID Authorization headers per push-service origin. The JWT is valid for up to 24 h, so one
 * signature per origin and hour replaces one per message (ES256 signing is a large part of
 * per-message cost in a fan-out of hundreds of thousands).
 */
export class VapidHeaderCache {
  private readonly cache = new Map<string, { header: string; renewAt: number }>();

  constructor(
    private readonly keys: VapidKeys,
    private readonly validityS = 12 * 3600,
    private readonly now: () => number = Date.now,
  ) {}

  authorization(endpoint: string): string {
    const audience = new URL(endpoint).origin;
    const t = this.now();
    const hit = this.cache.get(audience);
    if (hit && hit.renewAt > t) return hit.header;
    const expiration = Math.floor(t / 1000) + this.validityS;
    const headers = webpush.getVapidHeaders(audience, this.keys.subject, this.keys.publicKey, this.keys.privateKey, 'aes128gcm', expiration);
    // Renew an hour before expiry so a message never carries a nearly expired token.
    this.cache.set(audience, { header: headers.Authorization, renewAt: t + (this.validityS - 3600) * 1000 });
    return headers.Authorization;
  }
}
