import * as webpush from 'web-push';
import type { VapidHeaderCache } from './vapid-cache';

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface PushRequest {
  endpoint: string;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * RFC 8291 (aes128gcm) encryption of one payload for one subscription, plus the RFC 8292
 * VAPID header. Pure CPU work, so fan-out runs it in worker threads.
 */
export function buildPushRequest(target: PushTarget, payload: string, vapid: VapidHeaderCache, ttlS: number, urgency: 'normal' | 'high'): PushRequest {
  const encrypted = webpush.encrypt(target.p256dh, target.auth, payload, 'aes128gcm');
  return {
    endpoint: target.endpoint,
    body: encrypted.cipherText,
    headers: {
      'content-type': 'application/octet-stream',
      'content-encoding': 'aes128gcm',
      'content-length': String(encrypted.cipherText.length),
      ttl: String(ttlS),
      urgency,
      authorization: vapid.authorization(target.endpoint),
    },
  };
}
